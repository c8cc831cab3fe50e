/**
 * What one call's facts record on the metric table: the ONE mapping used by both the OTel
 * instruments (`CallMetrics`, as the facts happen) and `createPrometheusCollector` (from one
 * `L0Telemetry` after the call), so both report the same numbers under the same names and labels.
 * Labels here are the metric's own attribute keys; the sink adds the call's identity.
 */
import { GUARDRAIL_SEVERITIES } from "../types/guardrails.js";
import type { Attributes } from "@opentelemetry/api";
import { DRIFT_TYPES } from "../types/drift.js";
import { ERROR_TYPE_CATEGORY, ERROR_TYPES, type ErrorType } from "../errors/error-types.js";
import { L0_METRIC_TABLE as T, type MetricDefinition } from "./metric-names.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_TOKEN_MODALITY,
  METRIC_ATTR_TOKEN_TYPE,
  GEN_AI_TOKEN_MODALITY_VALUE_TEXT,
  GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN,
  TOKEN_TYPE_VALUE_INPUT,
  TOKEN_TYPE_VALUE_OUTPUT,
  METRIC_ATTR_DRIFT_TYPE,
  METRIC_ATTR_RETRY_KIND,
  METRIC_ATTR_RULE,
  METRIC_ATTR_SEVERITY,
} from "./semconv-names.js";

/** Where measurements go. */
export interface MeasurementSink {
  /** Adds `value` to a counter, sets a gauge or records into a histogram. */
  record(metric: MetricDefinition, value: number, labels?: Attributes): void;
  /** Creates a counter's series at 0 if it fits the series limit (never folds into overflow). */
  zero(metric: MetricDefinition, labels?: Attributes): void;
}

/** Retry kinds. */
export type RetryKind = "network" | "model";

/** Guardrail severities, in order. */
const SEVERITIES = GUARDRAIL_SEVERITIES;

/** `error.type` values a network error (and a network retry) can have. */
const NETWORK_ERROR_TYPES: readonly ErrorType[] = Object.freeze(ERROR_TYPES.filter((t) => ERROR_TYPE_CATEGORY[t] === "network"));

/** `error.type` values a model retry can have. */
const MODEL_RETRY_REASONS: readonly ErrorType[] = Object.freeze(ERROR_TYPES.filter((t) => ERROR_TYPE_CATEGORY[t] === "model"));

/**
 * Creates at 0 every counter series whose label values are known before they happen, so the first
 * increment of each is seen by `rate()` / `increase()` (a series' first sample is not): requests,
 * kept, discarded and billed tokens and generation time, network errors (total and per network
 * `error.type`), retries per kind × the reasons of
 * that kind, violations (total, the three severities, the given rule names) and every drift type.
 * About 62 series plus one per rule; each is skipped when it does not fit the series limit.
 */
export function zeroSeries(sink: MeasurementSink, guardrailRules: readonly string[] = []): void {
  sink.zero(T.requests);
  sink.zero(T.tokens);
  sink.zero(T.tokensDiscarded);
  for (const type of [TOKEN_TYPE_VALUE_INPUT, TOKEN_TYPE_VALUE_OUTPUT]) sink.zero(T.tokensBilled, { [METRIC_ATTR_TOKEN_TYPE]: type });
  sink.zero(T.generationSeconds);
  sink.zero(T.networkErrors);
  for (const type of NETWORK_ERROR_TYPES) sink.zero(T.networkErrorsByType, { [ATTR_ERROR_TYPE]: type });
  for (const [kind, reasons] of [
    ["network", NETWORK_ERROR_TYPES],
    ["model", MODEL_RETRY_REASONS],
  ] as const) {
    const byKind = kind === "network" ? T.retriesNetwork : T.retriesModel;
    for (const reason of reasons) {
      const labels = retryLabels(kind, reason);
      sink.zero(T.retries, labels);
      sink.zero(byKind, labels);
    }
  }
  sink.zero(T.guardrailViolations);
  for (const severity of SEVERITIES) sink.zero(T.guardrailViolationsBySeverity, { [METRIC_ATTR_SEVERITY]: severity });
  zeroRules(sink, guardrailRules);
  for (const type of DRIFT_TYPES) sink.zero(T.driftDetected, { [METRIC_ATTR_DRIFT_TYPE]: type });
}

/** Creates the per-rule violation series of these rule names at 0. */
export function zeroRules(sink: MeasurementSink, guardrailRules: readonly string[]): void {
  for (const rule of guardrailRules) sink.zero(T.guardrailViolationsByRule, { [METRIC_ATTR_RULE]: rule });
}

/** `count` network errors of one type. */
export function recordNetworkErrors(sink: MeasurementSink, errorType: string, count = 1): void {
  sink.record(T.networkErrors, count);
  sink.record(T.networkErrorsByType, count, { [ATTR_ERROR_TYPE]: errorType });
}

/** `count` scheduled retries of one kind and reason (`error.type`). */
export function recordRetries(sink: MeasurementSink, kind: RetryKind, reason: string, count = 1): void {
  const labels = retryLabels(kind, reason);
  sink.record(T.retries, count, labels);
  sink.record(kind === "network" ? T.retriesNetwork : T.retriesModel, count, labels);
}

/** Guardrail violations: the total, and the counts by severity and by rule. */
export function recordViolations(
  sink: MeasurementSink,
  total: number,
  bySeverity: Readonly<Partial<Record<string, number>>>,
  byRule: Readonly<Record<string, number>>,
): void {
  if (total > 0) sink.record(T.guardrailViolations, total);
  for (const severity of SEVERITIES) {
    const n = bySeverity[severity];
    if (n !== undefined && n > 0) sink.record(T.guardrailViolationsBySeverity, n, { [METRIC_ATTR_SEVERITY]: severity });
  }
  for (const rule of Object.keys(byRule)) {
    const n = byRule[rule];
    if (n !== undefined && n > 0) sink.record(T.guardrailViolationsByRule, n, { [METRIC_ATTR_RULE]: rule });
  }
}

/** Drift of this type was detected in the call (counted once per call and type). */
export function recordDrift(sink: MeasurementSink, driftType: string): void {
  sink.record(T.driftDetected, 1, { [METRIC_ATTR_DRIFT_TYPE]: driftType });
}

/** The facts of a call's end that its metrics record (semconv.md, "Numbers"). */
export interface CallEnd {
  /** Session duration, s (absent: not recorded). */
  durationSeconds: number | undefined;
  /** Output tokens the consumer kept. */
  tokens: number;
  /** Output tokens of discarded attempts. */
  discardedTokens: number;
  /** Provider-reported input tokens over all attempts (absent: no attempt reported them). */
  billedInputTokens: number | undefined;
  /** Provider-reported output tokens over all attempts (absent: no attempt reported them). */
  billedOutputTokens: number | undefined;
  /** Generation time of the kept output, s (absent or 0: not recorded). */
  generationSeconds: number | undefined;
  /** Throughput: kept tokens per second of generation time (`tokensPerSecond()` of telemetry-facts; absent: not recorded). */
  tokensPerSecond: number | undefined;
  /** Session time to first token, s. */
  timeToFirstTokenSeconds: number | undefined;
  /** Time from the call's start to its first chunk, s (GenAI only). */
  timeToFirstChunkSeconds?: number | undefined;
  /** `error.type` of a failed call (GenAI metrics only). */
  errorType?: string | undefined;
}

/**
 * The call ended: one request, its duration and TTFT, its kept, discarded and billed tokens, its
 * generation time and throughput (kept tokens / generation time), and the GenAI inference metrics
 * (duration, time to first chunk, usage counters, per-call token histograms).
 */
export function recordCallEnd(sink: MeasurementSink, end: CallEnd): void {
  sink.record(T.requests, 1);
  const { durationSeconds: seconds, generationSeconds: generation } = end;
  if (seconds !== undefined) sink.record(T.requestDuration, seconds);
  if (end.tokens > 0) sink.record(T.tokens, end.tokens);
  if (end.discardedTokens > 0) sink.record(T.tokensDiscarded, end.discardedTokens);
  if (end.billedInputTokens !== undefined && end.billedInputTokens > 0) {
    sink.record(T.tokensBilled, end.billedInputTokens, { [METRIC_ATTR_TOKEN_TYPE]: TOKEN_TYPE_VALUE_INPUT });
  }
  if (end.billedOutputTokens !== undefined && end.billedOutputTokens > 0) {
    sink.record(T.tokensBilled, end.billedOutputTokens, { [METRIC_ATTR_TOKEN_TYPE]: TOKEN_TYPE_VALUE_OUTPUT });
  }
  if (generation !== undefined && generation > 0) sink.record(T.generationSeconds, generation);
  if (end.tokensPerSecond !== undefined) sink.record(T.tokensPerSecond, end.tokensPerSecond);
  if (end.timeToFirstTokenSeconds !== undefined) sink.record(T.timeToFirstToken, end.timeToFirstTokenSeconds);
  recordInference(sink, end);
}

/** The GenAI inference metrics of a call (not on the collector path). */
function recordInference(sink: MeasurementSink, end: CallEnd): void {
  const failed = end.errorType === undefined ? undefined : { [ATTR_ERROR_TYPE]: end.errorType };
  if (end.durationSeconds !== undefined) sink.record(T.inferenceDuration, end.durationSeconds, failed);
  if (end.timeToFirstChunkSeconds !== undefined) sink.record(T.timeToFirstChunk, end.timeToFirstChunkSeconds);
  // Usage counters for every call, failed ones too: 0 with modality `unknown` when no usage arrived.
  const modality = { [ATTR_GEN_AI_TOKEN_MODALITY]: GEN_AI_TOKEN_MODALITY_VALUE_TEXT };
  const unknown = { [ATTR_GEN_AI_TOKEN_MODALITY]: GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN };
  sink.record(T.usageInputTokens, end.billedInputTokens ?? 0, end.billedInputTokens === undefined ? unknown : modality);
  sink.record(T.usageOutputTokens, end.billedOutputTokens ?? 0, end.billedOutputTokens === undefined ? unknown : modality);
  // Per operation, failed ones too: the billed count, or 0 when no usage arrived (the convention).
  sink.record(T.operationInputTokens, end.billedInputTokens ?? 0, failed);
  sink.record(T.operationOutputTokens, end.billedOutputTokens ?? 0, failed);
}

function retryLabels(kind: RetryKind, reason: string): Attributes {
  return { [METRIC_ATTR_RETRY_KIND]: kind, [ATTR_ERROR_TYPE]: reason };
}
