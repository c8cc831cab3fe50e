/**
 * Records one call's facts on l0's instruments through the measurement functions the Prometheus
 * collector also uses (`call-measurements.ts`): the chunk gaps as they happen, everything else from
 * the call's recorded facts when it ends (so a call's metrics carry one identity, settled by then).
 * Recorded for EVERY monitored call,
 * sampled or not. Attributes are low-cardinality only: the call identity (operation, provider,
 * request model) plus each metric's own labels. Never a session id, never metadata. A meter that
 * throws is reported to `diag` per method, so spans and telemetry of the call are still recorded.
 */
import type { Histogram, MetricAttributes } from "@opentelemetry/api";
import type { RecorderState } from "./recorder-state.js";
import type { L0Instruments } from "./instruments.js";
import type { MetricDefinition } from "./metric-names.js";
import {
  CHUNK_GAP_METRIC,
  recordCallEnd,
  recordChunkGap,
  recordDrift,
  recordNetworkErrors,
  recordRetries,
  recordViolations,
  zeroRules,
  zeroSeries,
  type MeasurementSink,
} from "./call-measurements.js";
import { reportFailure } from "./recorder-spans.js";
import { labelSetKey } from "./series-limiter.js";
import { tokensPerSecond } from "./telemetry-facts.js";

/** What the call's configuration tells its metrics beyond the identity. */
export interface CallMetricsOptions {
  /**
   * Names of the guardrail rules configured for the call: their
   * `l0_guardrail_violations_by_rule_total` series start at 0 before their first violation.
   */
  guardrailRules?: readonly string[];
  /**
   * Attributes only the GenAI metrics carry besides the identity: `server.address` / `server.port`
   * of the provider endpoint, when known.
   */
  genAiAttributes?: MetricAttributes;
}

/**
 * Metric recording for the calls of one identity (operation, provider, request model and server):
 * it holds no state of a call, so the calls of one identity share one (see {@link callMetricsFor}).
 */
export class CallMetrics {
  private readonly sink: MeasurementSink;
  private readonly instruments: L0Instruments;
  /** The chunk gaps' attributes and their label-set key. */
  private readonly gapAttributes: MetricAttributes;
  private readonly gapKey: string;
  /**
   * The chunk-gap histogram, once the call's label set of it was admitted: later gaps are recorded
   * into it directly (the per-chunk path skips the lookups that admission needed once).
   */
  private gapHistogram: Histogram | undefined;

  /**
   * Creates the call identity's zero series (once per identity and meter provider), so the
   * labelled counters exist before their first event.
   * @param instruments the meter provider's instruments
   * @param base GenAI identity attributes (operation, provider, request model)
   * @param options the call's configured guardrail rule names
   */
  constructor(instruments: L0Instruments, base: MetricAttributes, options: CallMetricsOptions = {}) {
    const extra = options.genAiAttributes;
    const genAi = extra === undefined || Object.keys(extra).length === 0 ? base : { ...base, ...extra };
    const identity = (metric: MetricDefinition): MetricAttributes => (metric.genAi ? genAi : base);
    // Label-set keys: the identity's once per call, then its labels appended (identity and labels
    // never share a key, and each metric always splits its attributes the same way).
    const baseKey = labelSetKey(base);
    const genAiKey = genAi === base ? baseKey : labelSetKey(genAi);
    const keyOf = (metric: MetricDefinition, labels: MetricAttributes | undefined): string => {
      const key = metric.genAi ? genAiKey : baseKey;
      return labels === undefined ? key : key + labelSetKey(labels);
    };
    const attributesOf = (metric: MetricDefinition, labels: MetricAttributes | undefined): MetricAttributes =>
      labels === undefined ? identity(metric) : { ...identity(metric), ...labels };
    this.instruments = instruments;
    this.gapAttributes = identity(CHUNK_GAP_METRIC);
    this.gapKey = keyOf(CHUNK_GAP_METRIC, undefined);
    this.sink = {
      record: (metric, value, labels) => instruments.record(metric, value, attributesOf(metric, labels), keyOf(metric, labels)),
      zero: (metric, labels) => instruments.zero(metric, attributesOf(metric, labels), keyOf(metric, labels)),
    };
    try {
      if (!instruments.zeroed.has(baseKey) && instruments.zeroed.size < instruments.cardinality.limit) {
        instruments.zeroed.add(baseKey);
        zeroSeries(this.sink);
      }
      if (options.guardrailRules !== undefined) this.guardrailRules(options.guardrailRules);
    } catch (error) {
      reportFailure("metrics.zero", error);
    }
  }

  /**
   * The call's configured guardrail rules: creates their per-rule violation series at 0 (if they
   * fit the series limit). Cheap to repeat: a series that exists is only added 0 to.
   */
  guardrailRules(names: readonly string[]): void {
    try {
      zeroRules(
        this.sink,
        names.filter((name) => typeof name === "string" && name !== ""),
      );
    } catch (error) {
      reportFailure("metrics.guardrailRules", error);
    }
  }

  /** A chunk after an attempt's first: seconds since the previous chunk ended. */
  chunkGap(seconds: number): void {
    try {
      const histogram = this.gapHistogram;
      if (histogram !== undefined) {
        histogram.record(seconds, this.gapAttributes);
        return;
      }
      recordChunkGap(this.sink, seconds);
      this.gapHistogram = this.instruments.admittedHistogram(CHUNK_GAP_METRIC, this.gapKey);
    } catch (error) {
      reportFailure("metrics.chunkGap", error);
    }
  }

  /**
   * The call ended: everything it measured, from its recorded facts: requests, durations, kept,
   * discarded and billed tokens, generation time and throughput, TTFT, network errors by type,
   * retries by kind and reason, violations, drift types, and the GenAI inference metrics.
   */
  callEnded(state: RecorderState): void {
    try {
      const sink = this.sink;
      recordCallEnd(sink, {
        durationSeconds: (state.durationMs() ?? 0) / 1000,
        tokens: state.keptTokens,
        discardedTokens: state.discardedTokens,
        billedInputTokens: state.billedInputTokens,
        billedOutputTokens: state.billedOutputTokens,
        generationSeconds: state.generationSeconds(),
        tokensPerSecond: tokensPerSecond(state.keptTokens, state.generationSeconds()),
        timeToFirstTokenSeconds: state.timeToFirstToken(),
        timeToFirstChunkSeconds: state.timeToFirstChunk(),
        errorType: state.outcome === "failed" ? (state.errorType ?? "unknown") : undefined,
      });
      for (const [type, count] of state.errorsByType ?? []) recordNetworkErrors(sink, type, count);
      const retries = state.retriesByReason;
      if (retries !== undefined) {
        for (const kind of ["network", "model"] as const) {
          for (const [reason, count] of Object.entries(retries[kind])) recordRetries(sink, kind, reason, count);
        }
      }
      if (state.violationCount > 0)
        recordViolations(sink, state.violationCount, state.violationsBySeverity, state.violationsByRuleRecord());
      for (const type of state.driftTypes ?? []) recordDrift(sink, type);
    } catch (error) {
      reportFailure("metrics.callEnded", error);
    }
  }
}

/** The shared {@link CallMetrics} of each identity, per meter provider's instruments. */
const shared = new WeakMap<L0Instruments, Map<string, CallMetrics>>();

/**
 * The metrics of a call of identity `base` (and `options.genAiAttributes`): shared by every call of
 * that identity, for as many identities as the series limit has room for (further ones get their
 * own, as each call did before), so a call builds no attribute sets, keys or closures of its own.
 * The call's guardrail rules get their zero series each time.
 */
export function callMetricsFor(instruments: L0Instruments, base: MetricAttributes, options: CallMetricsOptions = {}): CallMetrics {
  const extra = options.genAiAttributes;
  const key = extra === undefined ? labelSetKey(base) : `${labelSetKey(base)}\u0002${labelSetKey(extra)}`;
  let byIdentity = shared.get(instruments);
  if (byIdentity === undefined) {
    byIdentity = new Map();
    shared.set(instruments, byIdentity);
  }
  let metrics = byIdentity.get(key);
  if (metrics === undefined) {
    metrics = new CallMetrics(instruments, base, extra === undefined ? {} : { genAiAttributes: extra });
    if (byIdentity.size < instruments.cardinality.limit) byIdentity.set(key, metrics);
  }
  const rules = options.guardrailRules;
  if (rules !== undefined && rules.length > 0) metrics.guardrailRules(rules);
  return metrics;
}
