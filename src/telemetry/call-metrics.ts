/**
 * Records one call's facts on l0's instruments, as they happen, through the measurement functions
 * the Prometheus collector also uses (`call-measurements.ts`). Recorded for EVERY monitored call,
 * sampled or not. Attributes are low-cardinality only: the call identity (operation, provider,
 * request model) plus each metric's own labels. Never a session id, never metadata. A meter that
 * throws is reported to `diag` per method, so spans and telemetry of the call are still recorded.
 */
import type { MetricAttributes } from "@opentelemetry/api";
import type { ErrorType } from "../errors/error-types.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { RecorderState } from "./recorder-state.js";
import type { L0Instruments } from "./instruments.js";
import {
  recordAttempt,
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

/** What the call's configuration tells its metrics beyond the identity. */
export interface CallMetricsOptions {
  /**
   * Names of the guardrail rules configured for the call: their
   * `l0_guardrail_violations_by_rule_total` series start at 0 before their first violation.
   */
  guardrailRules?: readonly string[];
}

/** Metric recording for one call. */
export class CallMetrics {
  private readonly sink: MeasurementSink;
  /** Drift types already counted for this call. */
  private driftCounted: Set<string> | undefined;

  /**
   * Creates the call identity's zero series (once per identity and meter provider), so the
   * labelled counters exist before their first event.
   * @param instruments the meter provider's instruments
   * @param base GenAI identity attributes (operation, provider, request model)
   * @param options the call's configured guardrail rule names
   */
  constructor(instruments: L0Instruments, base: MetricAttributes, options: CallMetricsOptions = {}) {
    this.sink = {
      record: (metric, value, labels) => instruments.record(metric, value, labels === undefined ? base : { ...base, ...labels }),
      zero: (metric, labels) => instruments.zero(metric, labels === undefined ? base : { ...base, ...labels }),
    };
    try {
      const key = labelSetKey(base);
      if (!instruments.zeroed.has(key) && instruments.zeroed.size < instruments.cardinality.limit) {
        instruments.zeroed.add(key);
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
      zeroRules(this.sink, names.filter((name) => typeof name === "string" && name !== ""));
    } catch (error) {
      reportFailure("metrics.guardrailRules", error);
    }
  }

  /** A network error happened. */
  networkError(errorType: ErrorType): void {
    try {
      recordNetworkErrors(this.sink, errorType);
    } catch (error) {
      reportFailure("metrics.networkError", error);
    }
  }

  /** A retry was scheduled. */
  retry(kind: "network" | "model", reason: ErrorType): void {
    try {
      recordRetries(this.sink, kind, reason);
    } catch (error) {
      reportFailure("metrics.retry", error);
    }
  }

  /** A guardrail violation happened. */
  violation(violation: GuardrailViolation): void {
    try {
      recordViolations(this.sink, 1, { [violation.severity]: 1 }, { [violation.rule]: 1 });
    } catch (error) {
      reportFailure("metrics.violation", error);
    }
  }

  /** Drift of these types was detected (each type is counted once per call). */
  drift(types: readonly string[]): void {
    try {
      for (const type of types) {
        this.driftCounted ??= new Set();
        if (this.driftCounted.has(type)) continue;
        this.driftCounted.add(type);
        recordDrift(this.sink, type);
      }
    } catch (error) {
      reportFailure("metrics.drift", error);
    }
  }

  /** Streaming latency of one attempt: time to first chunk and average time per later chunk, s. */
  attempt(timeToFirstChunk: number | undefined, timePerOutputChunk: number | undefined): void {
    try {
      recordAttempt(this.sink, timeToFirstChunk, timePerOutputChunk);
    } catch (error) {
      reportFailure("metrics.attempt", error);
    }
  }

  /** The call ended: requests, durations, tokens, throughput, TTFT, provider usage. */
  callEnded(state: RecorderState): void {
    try {
      recordCallEnd(this.sink, {
        durationSeconds: (state.durationMs() ?? 0) / 1000,
        tokens: state.tokens,
        timeToFirstTokenSeconds: state.timeToFirstToken(),
        errorType: state.outcome === "failed" ? (state.errorType ?? "unknown") : undefined,
        inputTokens: state.inputTokens,
        outputTokens: state.outputTokens,
      });
    } catch (error) {
      reportFailure("metrics.callEnded", error);
    }
  }
}
