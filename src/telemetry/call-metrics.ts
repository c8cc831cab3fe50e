/**
 * Records one call's facts on l0's instruments. Recorded for EVERY monitored call, sampled or not.
 * Attributes are low-cardinality only: operation, provider, request model, outcome, `error.type`,
 * retry kind, severity, rule, drift type. Never a session id, never metadata. A meter that throws
 * is reported to `diag` per method, so spans and telemetry of the call are still recorded.
 */
import type { MetricAttributes } from "@opentelemetry/api";
import type { ErrorType } from "../errors/error-types.js";
import { GUARDRAIL_SEVERITIES, type GuardrailViolation } from "../types/guardrails.js";
import type { RecorderState } from "./recorder-state.js";
import { attributeKey, type L0Instruments } from "./instruments.js";
import {
  METRIC_L0_DRIFT_DETECTED,
  METRIC_L0_GUARDRAIL_VIOLATIONS_BY_RULE,
  METRIC_L0_NETWORK_ERRORS_BY_TYPE,
  METRIC_L0_REQUESTS,
} from "./metric-names.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_TOKEN_TYPE,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  METRIC_ATTR_DRIFT_TYPE,
  METRIC_ATTR_L0_OUTCOME,
  METRIC_ATTR_RETRY_KIND,
  METRIC_ATTR_RULE,
  METRIC_ATTR_SEVERITY,
} from "./semconv-names.js";
import { reportFailure } from "./recorder-spans.js";
import { tokensPerSecond } from "./telemetry-facts.js";

/** Metric recording for one call. */
export class CallMetrics {
  /** {@link attributeKey} of `base`, computed once. */
  private baseKeyCache: string | undefined;

  constructor(
    private readonly instruments: L0Instruments,
    /** GenAI identity attributes (operation, provider, request model). */
    private readonly base: MetricAttributes,
  ) {}

  private get baseKey(): string {
    return (this.baseKeyCache ??= attributeKey(this.base));
  }

  /** A network error happened. */
  networkError(errorType: ErrorType): void {
    try {
      this.instruments.networkErrors.add(1, this.base);
      const byType = { ...this.base, [ATTR_ERROR_TYPE]: errorType };
      this.instruments.networkErrorsByType.add(1, byType);
      this.instruments.cardinality.see(METRIC_L0_NETWORK_ERRORS_BY_TYPE, attributeKey(byType));
    } catch (error) {
      reportFailure("metrics.networkError", error);
    }
  }

  /** A retry was scheduled. */
  retry(kind: "network" | "model", reason: ErrorType): void {
    try {
      const attributes = { ...this.base, [METRIC_ATTR_RETRY_KIND]: kind, [ATTR_ERROR_TYPE]: reason };
      this.instruments.retries.add(1, attributes);
      (kind === "network" ? this.instruments.retriesNetwork : this.instruments.retriesModel).add(1, attributes);
    } catch (error) {
      reportFailure("metrics.retry", error);
    }
  }

  /** A guardrail violation happened. */
  violation(violation: GuardrailViolation): void {
    try {
      this.instruments.guardrailViolations.add(1, this.base);
      this.instruments.guardrailViolationsBySeverity.add(1, { ...this.base, [METRIC_ATTR_SEVERITY]: violation.severity });
      const byRule = { ...this.base, [METRIC_ATTR_RULE]: violation.rule };
      this.instruments.guardrailViolationsByRule.add(1, byRule);
      this.instruments.cardinality.see(METRIC_L0_GUARDRAIL_VIOLATIONS_BY_RULE, attributeKey(byRule));
    } catch (error) {
      reportFailure("metrics.violation", error);
    }
  }

  /** Drift of these types was detected. */
  drift(types: readonly string[]): void {
    try {
      for (const type of types) {
        const attributes = { ...this.base, [METRIC_ATTR_DRIFT_TYPE]: type };
        this.instruments.driftDetected.add(1, attributes);
        this.instruments.cardinality.see(METRIC_L0_DRIFT_DETECTED, attributeKey(attributes));
      }
    } catch (error) {
      reportFailure("metrics.drift", error);
    }
  }

  /** Streaming latency of one attempt: time to first chunk and average time per later chunk, s. */
  attempt(timeToFirstChunk: number | undefined, timePerOutputChunk: number | undefined): void {
    try {
      if (timeToFirstChunk !== undefined) this.instruments.timeToFirstChunk.record(timeToFirstChunk, this.base);
      if (timePerOutputChunk !== undefined) this.instruments.timePerOutputChunk.record(timePerOutputChunk, this.base);
    } catch (error) {
      reportFailure("metrics.attempt", error);
    }
  }

  /**
   * Creates the unlabeled counters' series at 0 the first time an identity is seen, so every row
   * of the exposition table is present (and `rate()` works) before the first retry or error.
   */
  private zeroCounters(): void {
    const { instruments } = this;
    if (instruments.zeroed.size >= instruments.cardinality.limit) return;
    const key = this.baseKey;
    if (instruments.zeroed.has(key)) return;
    instruments.zeroed.add(key);
    for (const counter of [
      instruments.tokens,
      instruments.retries,
      instruments.retriesNetwork,
      instruments.retriesModel,
      instruments.networkErrors,
      instruments.guardrailViolations,
    ]) {
      counter.add(0, this.base);
    }
    for (const severity of GUARDRAIL_SEVERITIES) {
      instruments.guardrailViolationsBySeverity.add(0, { ...this.base, [METRIC_ATTR_SEVERITY]: severity });
    }
  }

  /** The call ended: requests, durations, tokens, throughput, TTFT, provider usage. */
  callEnded(state: RecorderState): void {
    try {
      const durationMs = state.durationMs() ?? 0;
      const seconds = durationMs / 1000;
      const failed = state.outcome === "failed";
      const operationAttributes: MetricAttributes = failed
        ? { ...this.base, [ATTR_ERROR_TYPE]: state.errorType ?? "unknown" }
        : this.base;
      const requestAttributes: MetricAttributes = { ...operationAttributes, [METRIC_ATTR_L0_OUTCOME]: state.outcome ?? "failed" };
      const { instruments } = this;
      this.zeroCounters();
      // Requests carry exactly the identity labels of the other l0 counters, so ratios such as
      // rate(l0_network_errors_total) / rate(l0_requests_total) match series one to one.
      instruments.requests.add(1, this.base);
      instruments.cardinality.see(METRIC_L0_REQUESTS, this.baseKey);
      instruments.requestDuration.record(seconds, requestAttributes);
      instruments.operationDuration.record(seconds, operationAttributes);
      if (state.tokens > 0) {
        instruments.tokens.add(state.tokens, this.base);
        const tps = tokensPerSecond(state.tokens, durationMs);
        if (tps !== undefined) instruments.tokensPerSecond.record(tps, this.base);
      }
      const ttft = state.timeToFirstToken();
      if (ttft !== undefined) instruments.timeToFirstToken.record(ttft, this.base);
      if (state.inputTokens !== undefined) {
        instruments.tokenUsage.record(state.inputTokens, { ...this.base, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT });
      }
      if (state.outputTokens !== undefined) {
        instruments.tokenUsage.record(state.outputTokens, { ...this.base, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT });
      }
    } catch (error) {
      reportFailure("metrics.callEnded", error);
    }
  }
}
