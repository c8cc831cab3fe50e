/**
 * The metrics of MONITORING.md's "Exported Metrics" table and how one `L0Telemetry` maps onto them.
 */
import { GUARDRAIL_SEVERITIES } from "../types/guardrails.js";
import type { L0Telemetry } from "../types/telemetry.js";

/** Kind of a Prometheus metric l0 defines. */
export type PrometheusMetricKind = "counter" | "gauge" | "histogram";

/** One row of the "Exported Metrics" table; `suffix` follows the `{prefix}_`. */
export interface L0PrometheusMetric {
  readonly suffix: string;
  readonly kind: PrometheusMetricKind;
  readonly help: string;
}

/** The exposition contract, in the table's order (names are `{prefix}_{suffix}`). */
export const L0_PROMETHEUS_METRICS: readonly L0PrometheusMetric[] = Object.freeze([
  { suffix: "requests_total", kind: "counter", help: "Total L0 requests" },
  { suffix: "request_duration_seconds", kind: "histogram", help: "L0 request duration in seconds" },
  { suffix: "tokens_total", kind: "counter", help: "Total tokens generated" },
  { suffix: "tokens_per_second", kind: "gauge", help: "Generation throughput in tokens per second (last request)" },
  { suffix: "time_to_first_token_seconds", kind: "histogram", help: "Time to first token in seconds" },
  { suffix: "retries_total", kind: "counter", help: "Total retry attempts" },
  { suffix: "retries_network_total", kind: "counter", help: "Network retries" },
  { suffix: "retries_model_total", kind: "counter", help: "Model retries" },
  { suffix: "network_errors_total", kind: "counter", help: "Total network errors" },
  { suffix: "network_errors_by_type_total", kind: "counter", help: "Network errors by type" },
  { suffix: "guardrail_violations_total", kind: "counter", help: "Total guardrail violations" },
  { suffix: "guardrail_violations_by_severity_total", kind: "counter", help: "Guardrail violations by severity" },
  { suffix: "guardrail_violations_by_rule_total", kind: "counter", help: "Guardrail violations by rule" },
  { suffix: "drift_detected_total", kind: "counter", help: "Drift detection events" },
] as const);

/** Where {@link recordL0Telemetry} writes: `suffix` names a row of {@link L0_PROMETHEUS_METRICS}. */
export interface L0MetricSink {
  write(suffix: string, value: number, extraLabel?: readonly [name: string, value: string]): void;
}

/**
 * Records one call. Counters of the call (requests, tokens, retries, errors, violations, drift) are
 * always written, zeros included, so every series exists and ratios such as
 * `rate(l0_network_errors_total[5m]) / rate(l0_requests_total[5m])` have both sides; per-type and
 * per-rule counters only for non-zero counts; the three severities always. Durations go from
 * ms to seconds; missing or non-finite timings are skipped.
 */
export function recordL0Telemetry(telemetry: L0Telemetry, sink: L0MetricSink): void {
  const m = telemetry.metrics;
  sink.write("requests_total", 1);
  const duration = seconds(telemetry.duration);
  if (duration !== undefined) sink.write("request_duration_seconds", duration);
  sink.write("tokens_total", count(m.totalTokens));
  if (isNonNegative(m.tokensPerSecond)) sink.write("tokens_per_second", m.tokensPerSecond);
  const ttft = seconds(m.timeToFirstToken);
  if (ttft !== undefined) sink.write("time_to_first_token_seconds", ttft);
  sink.write("retries_total", count(m.totalRetries));
  sink.write("retries_network_total", count(m.networkRetries));
  sink.write("retries_model_total", count(m.modelRetries));
  sink.write("network_errors_total", count(telemetry.network?.errorCount));
  for (const [type, n] of Object.entries(telemetry.network?.errorsByType ?? {})) {
    if (count(n) > 0) sink.write("network_errors_by_type_total", count(n), ["error_type", type]);
  }
  const g = telemetry.guardrails;
  sink.write("guardrail_violations_total", count(g?.violationCount));
  for (const severity of GUARDRAIL_SEVERITIES) {
    sink.write("guardrail_violations_by_severity_total", count(g?.violationsBySeverity?.[severity]), ["severity", severity]);
  }
  for (const [rule, n] of Object.entries(g?.violationsByRule ?? {})) {
    if (count(n) > 0) sink.write("guardrail_violations_by_rule_total", count(n), ["rule", rule]);
  }
  sink.write("drift_detected_total", telemetry.drift?.detected === true ? 1 : 0);
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
