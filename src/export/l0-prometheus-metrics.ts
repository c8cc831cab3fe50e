/**
 * How one `L0Telemetry` maps onto l0's metric table for `createPrometheusCollector`: through the
 * same measurement functions the OTel instruments record with, so `collector.record(telemetry)`
 * and the instruments report the same numbers under the same names and labels.
 */
import {
  recordCallEnd,
  recordDrift,
  recordNetworkErrors,
  recordRetries,
  recordViolations,
  type MeasurementSink,
} from "../telemetry/call-measurements.js";
import { L0_METRIC_TABLE, L0_METRICS, type MetricKind } from "../telemetry/metric-names.js";
import type { L0Telemetry, RetriesByReason } from "../types/telemetry.js";

/** Kind of a Prometheus metric l0 defines. */
export type PrometheusMetricKind = MetricKind;

/** One row of MONITORING.md's "Exported Metrics" table; `suffix` follows the `{prefix}_`. */
export interface L0PrometheusMetric {
  readonly suffix: string;
  readonly kind: PrometheusMetricKind;
  readonly help: string;
}

/** The exposition contract (MONITORING.md's table), in its order, from the metric table. */
export const L0_PROMETHEUS_METRICS: readonly L0PrometheusMetric[] = Object.freeze(
  L0_METRICS.filter((m) => m.collector && m !== L0_METRIC_TABLE.metricOverflow).map((m) =>
    Object.freeze({ suffix: m.promName.slice("l0_".length), kind: m.kind, help: m.help }),
  ),
);

/**
 * Records one call's telemetry: the request, its duration, tokens, throughput and TTFT (the
 * timings need `includeTimings`, the default), network errors by type, retries by kind and reason
 * (reason `unknown` when the telemetry has no `retries` breakdown), violations and each drift type
 * detected. Missing or non-finite values are skipped; durations go from ms to seconds.
 */
export function recordL0Telemetry(telemetry: L0Telemetry, sink: MeasurementSink): void {
  const m = telemetry.metrics;
  recordCallEnd(sink, {
    durationSeconds: seconds(telemetry.duration),
    tokens: count(m.totalTokens),
    discardedTokens: count(m.discardedTokens),
    billedInputTokens: optionalCount(m.billedInputTokens),
    billedOutputTokens: optionalCount(m.billedOutputTokens),
    generationSeconds: seconds(m.generationTime),
    tokensPerSecond: optionalCount(m.tokensPerSecond),
    timeToFirstTokenSeconds: seconds(m.timeToFirstToken),
  });
  const network = telemetry.network;
  let typed = 0;
  for (const [type, n] of Object.entries(network?.errorsByType ?? {})) {
    if (count(n) === 0) continue;
    recordNetworkErrors(sink, type, count(n));
    typed += count(n);
  }
  if (count(network?.errorCount) > typed) recordNetworkErrors(sink, "unknown", count(network?.errorCount) - typed);
  const retries = retriesOf(telemetry);
  for (const kind of ["network", "model"] as const) {
    for (const [reason, n] of Object.entries(retries[kind])) if (count(n) > 0) recordRetries(sink, kind, reason, count(n));
  }
  const g = telemetry.guardrails;
  if (g !== undefined && g !== null && count(g.violationCount) > 0) {
    recordViolations(sink, count(g.violationCount), g.violationsBySeverity ?? {}, g.violationsByRule ?? {});
  }
  if (telemetry.drift?.detected === true) {
    for (const type of new Set(telemetry.drift.types ?? [])) if (typeof type === "string") recordDrift(sink, type);
  }
}

/** The telemetry's retry breakdown, or its totals under reason `unknown` when it has none. */
function retriesOf(telemetry: L0Telemetry): RetriesByReason {
  const given = telemetry.retries;
  if (given !== undefined && given !== null && typeof given === "object") return { network: given.network ?? {}, model: given.model ?? {} };
  return { network: { unknown: count(telemetry.metrics.networkRetries) }, model: { unknown: count(telemetry.metrics.modelRetries) } };
}

function isNonNegative(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function count(value: unknown): number {
  return isNonNegative(value) ? value : 0;
}

function seconds(ms: unknown): number | undefined {
  return isNonNegative(ms) ? ms / 1000 : undefined;
}

function optionalCount(value: unknown): number | undefined {
  return isNonNegative(value) ? value : undefined;
}
