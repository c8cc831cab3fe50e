/**
 * Span helpers of the recorder: attempt start attributes, the end attributes and status of attempt
 * and operation spans, event attributes, and the error description / `diag` reporting shared by
 * the recorder's methods.
 */
import { diag, SpanStatusCode, type Attributes, type Span } from "@opentelemetry/api";
import type { ErrorType } from "../errors/error-types.js";
import type { AttemptEndInfo, AttemptStartInfo } from "../runtime/call-observer.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import * as names from "./semconv-names.js";
import type { RecorderState } from "./recorder-state.js";
import { describeError } from "./describe-error.js";
import { operationEndAttributes, outputMessages, responseAttributes } from "./span-attributes.js";


/** Reports a telemetry failure to `diag`; the user's call is never affected. */
export function reportFailure(method: string, error: unknown): void {
  diag.error(`l0: telemetry ${method} failed (the call is unaffected)`, error);
}

/** Attributes of an attempt span at its start. */
export function attemptStartAttributes(genAi: Attributes, sessionId: string, info: AttemptStartInfo): Attributes {
  const attributes: Attributes = {
    ...genAi,
    [names.ATTR_GEN_AI_REQUEST_STREAM]: true,
    [names.ATTR_L0_SESSION_ID]: sessionId,
    [names.ATTR_L0_ATTEMPT_NUMBER]: info.attempt,
    [names.ATTR_L0_FALLBACK_INDEX]: info.fallbackIndex,
  };
  if (info.reason !== undefined) attributes[names.ATTR_L0_RETRY_REASON] = info.reason;
  if (info.retryKind !== undefined) attributes[names.ATTR_L0_RETRY_KIND] = info.retryKind;
  return attributes;
}

/**
 * Sets the end attributes and status of an attempt span (the caller ends it). Returns the
 * `gen_ai.output.messages` value when content was captured.
 */
export function finishAttemptSpan(
  span: Span,
  info: AttemptEndInfo,
  chunks: number,
  timeToFirstChunk: number | undefined,
  captureContent: boolean,
): string | undefined {
  const usage = info.usage;
  const attributes: Attributes = {
    [names.ATTR_L0_OUTCOME]: info.outcome,
    [names.ATTR_L0_ATTEMPT_CHUNKS]: chunks,
    ...responseAttributes({
      inputTokens: usage?.inputTokens,
      outputTokens: usage?.outputTokens,
      responseModel: info.responseModel,
      responseId: info.responseId,
      finishReason: info.finishReason,
    }),
  };
  if (timeToFirstChunk !== undefined) attributes[names.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = timeToFirstChunk;
  if (info.adapter !== undefined) attributes[names.ATTR_L0_ADAPTER] = info.adapter;
  let output: string | undefined;
  if (captureContent && typeof info.content === "string") {
    // Without a provider finish reason: `stop` when the attempt succeeded, `error` when it did not.
    output = outputMessages(info.content, info.finishReason ?? (info.outcome === "success" ? "stop" : "error"));
    attributes[names.ATTR_GEN_AI_OUTPUT_MESSAGES] = output;
  }
  if (info.outcome === "failed" || info.outcome === "retry" || info.outcome === "fallback") {
    attributes[names.ATTR_ERROR_TYPE] = info.errorType ?? "unknown";
    const message = info.error === undefined ? undefined : describeError(info.error, captureContent).message;
    span.setStatus(message === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message });
  }
  span.setAttributes(attributes);
  return output;
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

/**
 * Sets the end attributes, abort event and status of the operation span (the caller ends it); the
 * status message is the error's own only with `captureContent`.
 */
export function finishOperationSpan(span: Span, state: RecorderState, error: unknown, captureContent: boolean): void {
  span.setAttributes(operationEndAttributes(state));
  if (state.outcome === "aborted") span.addEvent(names.EVENT_L0_ABORT, { [names.ATTR_L0_TOKENS]: state.tokens }, state.tEnd);
  if (state.outcome === "failed") {
    const message = error === undefined ? undefined : describeError(error, captureContent).message;
    span.setStatus(message === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message });
  }
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

/** Attributes of an `l0.guardrail_violation` event; the excerpt only with `captureContent`. */
export function violationEventAttributes(violation: GuardrailViolation, captureContent: boolean): Attributes {
  const attributes: Attributes = {
    [names.ATTR_L0_GUARDRAIL_RULE]: violation.rule,
    [names.ATTR_L0_GUARDRAIL_SEVERITY]: violation.severity,
    [names.ATTR_L0_GUARDRAIL_RECOVERABLE]: violation.recoverable,
    [names.ATTR_L0_GUARDRAIL_MESSAGE]: violation.message,
  };
  if (violation.position !== undefined) attributes[names.ATTR_L0_GUARDRAIL_POSITION] = violation.position;
  if (captureContent && violation.excerpt !== undefined) attributes[names.ATTR_L0_GUARDRAIL_EXCERPT] = violation.excerpt;
  return attributes;
}
