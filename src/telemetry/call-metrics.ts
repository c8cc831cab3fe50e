/**
 * Records each call's facts on l0's instruments through the measurement functions the Prometheus
 * collector also uses (`call-measurements.ts`): the chunk gaps in batches as the call goes (the
 * GenAI per-chunk histogram, which the collector path does not have), everything else from
 * the call's recorded facts when it ends (so a call's metrics carry one identity, settled by then).
 * Recorded for EVERY monitored call, sampled or not. Attributes are low-cardinality only: the call
 * identity (operation, provider, request model, and the server on the GenAI metrics) plus each
 * metric's own labels. Never a session id, never metadata. A meter that throws is reported to
 * `diag` per method, so spans and telemetry of the call are still recorded. The calls of one
 * identity share one {@link CallMetrics}, whose attribute sets and label-set keys are made once.
 */
import type { MetricAttributes } from "@opentelemetry/api";
import type { RecorderState } from "./recorder-state.js";
import type { L0Instruments } from "./instruments.js";
import { L0_METRIC_TABLE, type MetricDefinition } from "./metric-names.js";
import {
  recordCallEnd,
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

/** One label set of a metric: its attributes (identity and labels) and its key for the series limit. */
interface LabelSet {
  readonly attributes: MetricAttributes;
  readonly key: string;
}

/**
 * Label sets per metric whose attributes and key are kept (the closed sets l0 labels with are
 * smaller; rule names are the user's): beyond it a measurement makes its own, as each once did.
 */
const MAX_LABEL_SETS = 64;

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
  readonly #instruments: L0Instruments;
  readonly #sink: MeasurementSink;
  /** The identity attributes of l0's metrics, and of the GenAI ones (with the server). */
  readonly #base: MetricAttributes;
  readonly #genAi: MetricAttributes;
  /** Their label-set keys; a label set's key is its identity's with its labels' appended. */
  readonly #baseKey: string;
  readonly #genAiKey: string;
  /**
   * The attributes and key of each metric's label sets, made once (by labels' key, `""` for none;
   * at most {@link MAX_LABEL_SETS} per metric).
   */
  readonly #labelSets = new Map<MetricDefinition, Map<string, LabelSet>>();

  /**
   * Creates the call identity's zero series (once per identity and meter provider), so the
   * labelled counters exist before their first event.
   * @param instruments the meter provider's instruments
   * @param base GenAI identity attributes (operation, provider, request model)
   * @param options the call's configured guardrail rule names
   */
  constructor(instruments: L0Instruments, base: MetricAttributes, options: CallMetricsOptions = {}) {
    const extra = options.genAiAttributes;
    this.#instruments = instruments;
    this.#base = base;
    this.#genAi = extra === undefined || Object.keys(extra).length === 0 ? base : { ...base, ...extra };
    // Identity and labels never share a key, and each metric always splits its attributes the same way.
    this.#baseKey = labelSetKey(base);
    this.#genAiKey = this.#genAi === base ? this.#baseKey : labelSetKey(this.#genAi);
    this.#sink = {
      record: (metric, value, labels) => {
        const set = this.#labelSet(metric, labels);
        instruments.record(metric, value, set.attributes, set.key);
      },
      zero: (metric, labels) => {
        const set = this.#labelSet(metric, labels);
        instruments.zero(metric, set.attributes, set.key);
      },
    };
    try {
      if (!instruments.zeroed.has(this.#baseKey) && instruments.zeroed.size < instruments.cardinality.limit) {
        instruments.zeroed.add(this.#baseKey);
        zeroSeries(this.#sink);
      }
      if (options.guardrailRules !== undefined) this.guardrailRules(options.guardrailRules);
    } catch (error) {
      reportFailure("metrics.zero", error);
    }
  }

  /** The attributes and key of `metric` with `labels`: the identity's attribute set with the labels added. */
  #labelSet(metric: MetricDefinition, labels: MetricAttributes | undefined): LabelSet {
    const labelsKey = labels === undefined ? "" : labelSetKey(labels);
    let sets = this.#labelSets.get(metric);
    if (sets === undefined) {
      sets = new Map();
      this.#labelSets.set(metric, sets);
    }
    let set = sets.get(labelsKey);
    if (set === undefined) {
      const identity = metric.genAi ? this.#genAi : this.#base;
      const key = (metric.genAi ? this.#genAiKey : this.#baseKey) + labelsKey;
      set = { attributes: labels === undefined ? identity : { ...identity, ...labels }, key };
      if (sets.size < MAX_LABEL_SETS) sets.set(labelsKey, set);
    }
    return set;
  }

  /**
   * The call's configured guardrail rules: creates their per-rule violation series at 0 (if they
   * fit the series limit). Cheap to repeat: a series that exists is only added 0 to.
   */
  guardrailRules(names: readonly string[]): void {
    try {
      zeroRules(
        this.#sink,
        names.filter((name) => typeof name === "string" && name !== ""),
      );
    } catch (error) {
      reportFailure("metrics.guardrailRules", error);
    }
  }

  /**
   * Chunks after an attempt's first (GenAI `time_per_output_chunk`): the first `count` of `seconds`,
   * each the time from the end of the previous chunk to the end of that one (0 within a burst read
   * in one event-loop turn), recorded under one label set admitted once.
   */
  chunkGaps(seconds: ArrayLike<number>, count: number): void {
    try {
      const metric = L0_METRIC_TABLE.timePerOutputChunk;
      const set = this.#labelSet(metric, undefined);
      this.#instruments.recordEach(metric, seconds, count, set.attributes, set.key);
    } catch (error) {
      reportFailure("metrics.chunkGaps", error);
    }
  }

  /**
   * The call ended: everything it measured, from its recorded facts: requests, durations, kept,
   * discarded and billed tokens, generation time and throughput, TTFT, network errors by type,
   * retries by kind and reason, violations, drift types, and the GenAI inference metrics.
   */
  callEnded(state: RecorderState): void {
    try {
      const sink = this.#sink;
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
