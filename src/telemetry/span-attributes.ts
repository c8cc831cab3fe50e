/**
 * Attribute maps of l0's spans, built from the call's configuration and recorded facts.
 */
import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { RecorderState } from "./recorder-state.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_L0_ATTEMPTS,
  ATTR_L0_DRIFT_DETECTED,
  ATTR_L0_DRIFT_TYPES,
  ATTR_L0_FALLBACK_INDEX,
  ATTR_L0_GUARDRAIL_ERROR_COUNT,
  ATTR_L0_GUARDRAIL_FATAL_COUNT,
  ATTR_L0_GUARDRAIL_RULE_COUNTS,
  ATTR_L0_GUARDRAIL_RULES,
  ATTR_L0_GUARDRAIL_VIOLATION_COUNT,
  ATTR_L0_GUARDRAIL_WARNING_COUNT,
  ATTR_L0_INTER_TOKEN_TIME_AVG,
  ATTR_L0_METADATA_PREFIX,
  ATTR_L0_NETWORK_ERROR_COUNT,
  ATTR_L0_NETWORK_ERROR_TYPE_COUNTS,
  ATTR_L0_NETWORK_ERROR_TYPES,
  ATTR_L0_OUTCOME,
  ATTR_L0_RETRIES_MODEL,
  ATTR_L0_RETRIES_NETWORK,
  ATTR_L0_RETRIES_TOTAL,
  ATTR_L0_SESSION_ID,
  ATTR_L0_TIME_TO_FIRST_TOKEN,
  ATTR_L0_TOKENS,
} from "./semconv-names.js";

/** GenAI identity of a call. */
export interface GenAiIdentity {
  operation: string;
  provider?: string;
  model?: string;
}

/** Span name per GenAI convention: `{operation} {model}`, or `{operation}` when the model is unknown. */
export function operationSpanName(identity: GenAiIdentity): string {
  return identity.model === undefined ? identity.operation : `${identity.operation} ${identity.model}`;
}

/** Low-cardinality GenAI attributes shared by spans and metrics. */
export function genAiAttributes(identity: GenAiIdentity): Attributes {
  const attributes: Attributes = { [ATTR_GEN_AI_OPERATION_NAME]: identity.operation };
  if (identity.provider !== undefined) attributes[ATTR_GEN_AI_PROVIDER_NAME] = identity.provider;
  if (identity.model !== undefined) attributes[ATTR_GEN_AI_REQUEST_MODEL] = identity.model;
  return attributes;
}

function toAttributeValue(value: unknown): AttributeValue | undefined {
  if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.length > 0) {
    const kind = typeof value[0];
    if ((kind === "string" || kind === "number" || kind === "boolean") && value.every((v) => typeof v === kind)) {
      return value as AttributeValue;
    }
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `l0.metadata.<key>` attributes for the user's metadata (objects JSON-encoded; functions and symbols left out). */
export function metadataAttributes(metadata: Record<string, unknown> | undefined): Attributes {
  const attributes: Attributes = {};
  if (metadata === undefined) return attributes;
  for (const key of Object.keys(metadata)) {
    const value = toAttributeValue(metadata[key]);
    if (value !== undefined) attributes[ATTR_L0_METADATA_PREFIX + key] = value;
  }
  return attributes;
}

/** Attributes of the operation span at its start. */
export function operationStartAttributes(identity: GenAiIdentity, sessionId: string, metadata: Attributes): Attributes {
  return {
    ...genAiAttributes(identity),
    [ATTR_GEN_AI_REQUEST_STREAM]: true,
    [ATTR_L0_SESSION_ID]: sessionId,
    ...metadata,
  };
}

/** Provider facts shared by attempt and operation spans. */
export function responseAttributes(facts: {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  responseModel?: string | undefined;
  responseId?: string | undefined;
  finishReason?: string | undefined;
}): Attributes {
  const attributes: Attributes = {};
  if (facts.inputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = facts.inputTokens;
  if (facts.outputTokens !== undefined) attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = facts.outputTokens;
  if (facts.responseModel !== undefined) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = facts.responseModel;
  if (facts.responseId !== undefined) attributes[ATTR_GEN_AI_RESPONSE_ID] = facts.responseId;
  if (facts.finishReason !== undefined) attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = [facts.finishReason];
  return attributes;
}

/** Attributes set on the operation span when the call ends: every fact telemetry is derived from. */
export function operationEndAttributes(state: RecorderState): Attributes {
  const attributes: Attributes = {
    [ATTR_L0_OUTCOME]: state.outcome ?? "failed",
    [ATTR_L0_TOKENS]: state.tokens,
    [ATTR_L0_ATTEMPTS]: state.attempts,
    [ATTR_L0_FALLBACK_INDEX]: state.fallbackIndex,
    [ATTR_L0_RETRIES_TOTAL]: state.retries,
    [ATTR_L0_RETRIES_NETWORK]: state.networkRetries,
    [ATTR_L0_RETRIES_MODEL]: state.modelRetries,
    [ATTR_L0_NETWORK_ERROR_COUNT]: state.networkErrorCount,
    [ATTR_L0_NETWORK_ERROR_TYPES]: [...state.errorsByType.keys()],
    [ATTR_L0_NETWORK_ERROR_TYPE_COUNTS]: [...state.errorsByType.values()],
    ...responseAttributes(state),
  };
  if (state.outcome === "failed") attributes[ATTR_ERROR_TYPE] = state.errorType ?? "unknown";
  const ttft = state.timeToFirstToken();
  if (ttft !== undefined) attributes[ATTR_L0_TIME_TO_FIRST_TOKEN] = ttft;
  const gap = state.avgInterTokenTime();
  if (gap !== undefined) attributes[ATTR_L0_INTER_TOKEN_TIME_AVG] = gap;
  if (state.hasGuardrails()) {
    attributes[ATTR_L0_GUARDRAIL_VIOLATION_COUNT] = state.violationCount;
    attributes[ATTR_L0_GUARDRAIL_RULES] = [...state.violationsByRule.keys()];
    attributes[ATTR_L0_GUARDRAIL_RULE_COUNTS] = [...state.violationsByRule.values()];
    attributes[ATTR_L0_GUARDRAIL_WARNING_COUNT] = state.violationsBySeverity.warning;
    attributes[ATTR_L0_GUARDRAIL_ERROR_COUNT] = state.violationsBySeverity.error;
    attributes[ATTR_L0_GUARDRAIL_FATAL_COUNT] = state.violationsBySeverity.fatal;
  }
  if (state.hasDrift()) {
    attributes[ATTR_L0_DRIFT_DETECTED] = state.driftDetected;
    attributes[ATTR_L0_DRIFT_TYPES] = [...state.driftTypes];
  }
  return attributes;
}

/** `gen_ai.output.messages` JSON (opt-in content) for one assistant output. */
export function outputMessages(content: string, finishReason: string | undefined): string {
  return JSON.stringify([
    { role: "assistant", parts: [{ type: "text", content }], finish_reason: finishReason ?? "stop" },
  ]);
}
