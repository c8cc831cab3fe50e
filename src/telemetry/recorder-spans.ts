/**
 * Span helpers of the recorder: attempt start attributes, the end attributes and status of the
 * attempt and operation spans, event attributes, and the `diag` reporting shared by the recorder.
 * @packageDocumentation
 */
import { diag, SpanStatusCode, type Attributes, type Span } from "@opentelemetry/api";
import type { ErrorType } from "../errors/error-types.js";
import type { AttemptEndInfo, AttemptStartInfo } from "../runtime/call-observer.js";
import { describeError } from "./describe-error.js";
import type { AttemptTotals, RecorderState } from "./recorder-state.js";
import * as names from "./semconv-names.js";
import { outputMessages, type CallIdentity } from "./span-attributes.js";

/** Reports a telemetry failure to `diag`; the user's call is never affected. */
export function reportFailure(method: string, error: unknown): void {
  diag.error(`l0: telemetry ${method} failed (the call is unaffected)`, error);
}

/** Attributes of an attempt span at its start (not a GenAI span: the operation span is). */
export function attemptStartAttributes(sessionId: string, info: AttemptStartInfo): Attributes {
  const attributes: Attributes = {
    [names.ATTR_L0_SESSION_ID]: sessionId,
    [names.ATTR_L0_ATTEMPT_NUMBER]: info.attempt,
    [names.ATTR_L0_FALLBACK_INDEX]: info.fallbackIndex,
  };
  if (info.reason !== undefined) attributes[names.ATTR_L0_RETRY_REASON] = info.reason;
  if (info.retryKind !== undefined) attributes[names.ATTR_L0_RETRY_KIND] = info.retryKind;
  return attributes;
}

function setErrorStatus(span: Span, error: unknown, captureContent: boolean): void {
  const message = error === undefined ? undefined : describeError(error, captureContent).message;
  span.setStatus(message === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message });
}

/**
 * Sets the end attributes and status of an attempt span (the caller ends it): what this provider
 * request did (outcome, chunks, tokens, whether its output was kept, time to first chunk) and what
 * its stream said (response id and model, finish reason), even when it failed. Usage is not here:
 * the operation span carries the call's billed usage, so summing usage over a trace counts it once.
 */
export function finishAttemptSpan(span: Span, info: AttemptEndInfo, chunks: number, totals: AttemptTotals, captureContent: boolean): void {
  const attributes: Attributes = {
    [names.ATTR_L0_OUTCOME]: info.outcome,
    [names.ATTR_L0_ATTEMPT_CHUNKS]: chunks,
    [names.ATTR_L0_ATTEMPT_TOKENS]: totals.tokens,
    [names.ATTR_L0_ATTEMPT_OUTPUT_KEPT]: info.outputKept !== false,
  };
  if (totals.timeToFirstChunk !== undefined) attributes[names.ATTR_L0_ATTEMPT_TIME_TO_FIRST_CHUNK] = totals.timeToFirstChunk;
  // Not a GenAI span: the stream's response facts under l0 names (the operation span has the gen_ai.response.* ones).
  if (info.responseId !== undefined) attributes[names.ATTR_L0_ATTEMPT_RESPONSE_ID] = info.responseId;
  if (info.responseModel !== undefined) attributes[names.ATTR_L0_ATTEMPT_RESPONSE_MODEL] = info.responseModel;
  if (info.finishReason !== undefined) attributes[names.ATTR_L0_ATTEMPT_FINISH_REASON] = info.finishReason;
  if (info.adapter !== undefined) attributes[names.ATTR_L0_ADAPTER] = info.adapter;
  if (info.outcome === "failed" || info.outcome === "retry" || info.outcome === "fallback") {
    attributes[names.ATTR_ERROR_TYPE] = info.errorType ?? "unknown";
    setErrorStatus(span, info.error, captureContent);
  }
  span.setAttributes(attributes);
}

/** Attributes of an `l0.network_error` event (delay in s). */
export function networkErrorEventAttributes(
  errorType: string,
  name: string,
  message: string,
  retried: boolean,
  delay: number | undefined,
): Attributes {
  const attributes: Attributes = {
    [names.ATTR_ERROR_TYPE]: errorType,
    [names.ATTR_EXCEPTION_TYPE]: name,
    [names.ATTR_EXCEPTION_MESSAGE]: message,
    [names.ATTR_L0_NETWORK_RETRIED]: retried,
  };
  if (delay !== undefined) attributes[names.ATTR_L0_RETRY_DELAY] = delay;
  return attributes;
}

/** Sets the operation span's GenAI response attributes: the last response's facts and the billed usage. */
function setResponseAttributes(span: Span, state: RecorderState): void {
  if (state.billedInputTokens !== undefined) span.setAttribute(names.ATTR_GEN_AI_USAGE_INPUT_TOKENS, state.billedInputTokens);
  if (state.billedOutputTokens !== undefined) span.setAttribute(names.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, state.billedOutputTokens);
  if (state.responseModel !== undefined) span.setAttribute(names.ATTR_GEN_AI_RESPONSE_MODEL, state.responseModel);
  if (state.responseId !== undefined) span.setAttribute(names.ATTR_GEN_AI_RESPONSE_ID, state.responseId);
  // A finish reason that never came on a call that did not complete is `error` (GenAI conventions).
  const finish = state.finishReason ?? (state.outcome === "success" ? undefined : "error");
  if (finish !== undefined) span.setAttribute(names.ATTR_GEN_AI_RESPONSE_FINISH_REASONS, [finish]);
  const ttfc = state.timeToFirstChunk();
  if (ttfc !== undefined) span.setAttribute(names.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, ttfc);
}

/**
 * Sets the attributes of the operation span when the call ends: every fact telemetry is derived
 * from. Set one by one on the span: an object holding them all would have more properties than
 * V8 keeps in fast mode for computed keys (a dictionary per call), only to be copied into the span.
 */
function setOperationEndAttributes(span: Span, state: RecorderState, identity: CallIdentity): void {
  span.setAttributes(identity.attributes());
  span.setAttribute(names.ATTR_L0_OUTCOME, state.outcome ?? "failed");
  span.setAttribute(names.ATTR_L0_TOKENS, state.keptTokens);
  span.setAttribute(names.ATTR_L0_TOKENS_SOURCE, state.tokenSource());
  span.setAttribute(names.ATTR_L0_TOKENS_DISCARDED, state.discardedTokens);
  span.setAttribute(names.ATTR_L0_CHUNKS, state.chunks);
  span.setAttribute(names.ATTR_L0_ATTEMPTS, state.attempts);
  span.setAttribute(names.ATTR_L0_FALLBACK_INDEX, state.fallbackIndex);
  span.setAttribute(names.ATTR_L0_RETRIES_TOTAL, state.retries);
  span.setAttribute(names.ATTR_L0_RETRIES_NETWORK, state.networkRetries);
  span.setAttribute(names.ATTR_L0_RETRIES_MODEL, state.modelRetries);
  span.setAttribute(names.ATTR_L0_NETWORK_ERROR_COUNT, state.networkErrorCount);
  const errorsByType = state.errorsByType;
  span.setAttribute(names.ATTR_L0_NETWORK_ERROR_TYPES, errorsByType === undefined ? [] : [...errorsByType.keys()]);
  span.setAttribute(names.ATTR_L0_NETWORK_ERROR_TYPE_COUNTS, errorsByType === undefined ? [] : [...errorsByType.values()]);
  setResponseAttributes(span, state);
  if (state.outcome === "failed") span.setAttribute(names.ATTR_ERROR_TYPE, state.errorType ?? "unknown");
  const generation = state.generationSeconds();
  if (generation !== undefined) span.setAttribute(names.ATTR_L0_GENERATION_TIME, generation);
  const ttft = state.timeToFirstToken();
  if (ttft !== undefined) span.setAttribute(names.ATTR_L0_TIME_TO_FIRST_TOKEN, ttft);
  const gap = state.avgInterTokenTime();
  if (gap !== undefined) span.setAttribute(names.ATTR_L0_INTER_TOKEN_TIME_AVG, gap);
  if (state.hasGuardrails()) {
    span.setAttribute(names.ATTR_L0_GUARDRAIL_VIOLATION_COUNT, state.violationCount);
    span.setAttribute(names.ATTR_L0_GUARDRAIL_RULES, [...(state.violationsByRule?.keys() ?? [])]);
    span.setAttribute(names.ATTR_L0_GUARDRAIL_RULE_COUNTS, [...(state.violationsByRule?.values() ?? [])]);
    span.setAttribute(names.ATTR_L0_GUARDRAIL_WARNING_COUNT, state.violationsBySeverity.warning);
    span.setAttribute(names.ATTR_L0_GUARDRAIL_ERROR_COUNT, state.violationsBySeverity.error);
    span.setAttribute(names.ATTR_L0_GUARDRAIL_FATAL_COUNT, state.violationsBySeverity.fatal);
  }
  if (state.hasDrift()) {
    span.setAttribute(names.ATTR_L0_DRIFT_DETECTED, state.driftDetected);
    span.setAttribute(names.ATTR_L0_DRIFT_TYPES, [...(state.driftTypes ?? [])]);
  }
}

/**
 * Sets the end attributes, name, abort event and status of the operation span (the caller ends
 * it); the status message is the error's own only with `captureContent`, and so is the output.
 */
export function finishOperationSpan(
  span: Span,
  state: RecorderState,
  identity: CallIdentity,
  error: unknown,
  captureContent: boolean,
): void {
  span.updateName(identity.spanName());
  setOperationEndAttributes(span, state, identity);
  if (captureContent && state.keptContent !== undefined)
    span.setAttribute(names.ATTR_GEN_AI_OUTPUT_MESSAGES, outputMessages(state.keptContent));
  if (state.outcome === "aborted") span.addEvent(names.EVENT_L0_ABORT, { [names.ATTR_L0_TOKENS]: state.keptTokens }, state.tEnd);
  if (state.outcome === "failed") setErrorStatus(span, error, captureContent);
}

/** Attributes of an `l0.retry` event (delay given in ms, recorded in s). */
export function retryEventAttributes(kind: "network" | "model", reason: ErrorType, delayMs: number, attempt: number): Attributes {
  return {
    [names.ATTR_L0_RETRY_KIND]: kind,
    [names.ATTR_L0_RETRY_REASON]: reason,
    [names.ATTR_L0_RETRY_DELAY]: delayMs / 1000,
    [names.ATTR_L0_ATTEMPT_NUMBER]: attempt,
  };
}
