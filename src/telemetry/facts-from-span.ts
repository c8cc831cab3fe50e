/**
 * Reads {@link TelemetryFacts} back from ended l0 spans: the operation span's attributes plus the
 * `l0.network_error` events of its attempt spans.
 */
import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";
import {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_L0_DRIFT_DETECTED,
  ATTR_L0_DRIFT_TYPES,
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
  ATTR_L0_NETWORK_RETRIED,
  ATTR_L0_RETRIES_MODEL,
  ATTR_L0_RETRIES_NETWORK,
  ATTR_L0_RETRIES_TOTAL,
  ATTR_L0_RETRY_DELAY,
  ATTR_L0_RETRY_KIND,
  ATTR_L0_RETRY_REASON,
  ATTR_L0_SESSION_ID,
  ATTR_L0_TIME_TO_FIRST_TOKEN,
  ATTR_L0_TOKENS,
  ATTR_L0_TOKENS_DISCARDED,
  ATTR_L0_TOKENS_SOURCE,
  ATTR_L0_CHUNKS,
  ATTR_L0_GENERATION_TIME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  EVENT_L0_NETWORK_ERROR,
  EVENT_L0_RETRY,
} from "./semconv-names.js";
import type { RetriesByReason, TokenSource } from "../types/telemetry.js";
import type { NetworkErrorFact, TelemetryFacts } from "./telemetry-facts.js";
import { otelCore } from "./otel-sdk.js";

function tokenSourceOf(value: unknown): TokenSource {
  return value === "provider" || value === "mixed" ? value : "counted";
}

function num(attributes: Attributes, name: string): number | undefined {
  const value = attributes[name];
  return typeof value === "number" ? value : undefined;
}

function pairs(attributes: Attributes, keysName: string, countsName: string): Record<string, number> {
  const keys = attributes[keysName];
  const counts = attributes[countsName];
  const out: Record<string, number> = {};
  if (!Array.isArray(keys) || !Array.isArray(counts)) return out;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const count = counts[i];
    if (typeof key === "string" && typeof count === "number") out[key] = count;
  }
  return out;
}

/** The network error facts carried by l0 span events (in event order). */
export function networkErrorsFromEvents(events: readonly TimedEvent[]): NetworkErrorFact[] {
  const out: NetworkErrorFact[] = [];
  for (const event of events) {
    if (event.name !== EVENT_L0_NETWORK_ERROR) continue;
    const attributes = event.attributes ?? {};
    const fact: NetworkErrorFact = {
      type: String(attributes[ATTR_ERROR_TYPE] ?? "unknown"),
      message: String(attributes[ATTR_EXCEPTION_MESSAGE] ?? ""),
      timestamp: otelCore().hrTimeToMilliseconds(event.time),
      retried: attributes[ATTR_L0_NETWORK_RETRIED] === true,
    };
    const delay = num(attributes, ATTR_L0_RETRY_DELAY);
    if (delay !== undefined) fact.delay = delay;
    out.push(fact);
  }
  return out;
}

/**
 * Retries by kind and reason from the operation span's `l0.retry` events, reconciled with the
 * span's retry totals: retries whose event is missing (the span's event limit, 128 by default,
 * was reached) are counted under reason `unknown`, so each kind sums to its total.
 */
export function retriesFromEvents(events: readonly TimedEvent[], networkRetries: number, modelRetries: number): RetriesByReason {
  const out: RetriesByReason = { network: {}, model: {} };
  const seen = { network: 0, model: 0 };
  for (const event of events) {
    if (event.name !== EVENT_L0_RETRY) continue;
    const attributes = event.attributes ?? {};
    const kind = attributes[ATTR_L0_RETRY_KIND] === "network" ? "network" : "model";
    const reason = String(attributes[ATTR_L0_RETRY_REASON] ?? "unknown");
    out[kind][reason] = (out[kind][reason] ?? 0) + 1;
    seen[kind]++;
  }
  for (const [kind, total] of [
    ["network", networkRetries],
    ["model", modelRetries],
  ] as const) {
    if (total > seen[kind]) out[kind]["unknown"] = (out[kind]["unknown"] ?? 0) + (total - seen[kind]);
  }
  return out;
}

function metadataFromAttributes(attributes: Attributes): Record<string, unknown> | undefined {
  let metadata: Record<string, unknown> | undefined;
  for (const name of Object.keys(attributes)) {
    if (!name.startsWith(ATTR_L0_METADATA_PREFIX)) continue;
    metadata ??= {};
    metadata[name.slice(ATTR_L0_METADATA_PREFIX.length)] = attributes[name] as AttributeValue;
  }
  return metadata;
}

/**
 * Facts of the call whose ended operation span is `span`; `attemptErrors` are the network errors
 * found on its attempt spans (they end before the operation span).
 */
export function factsFromOperationSpan(span: ReadableSpan, attemptErrors: readonly NetworkErrorFact[]): TelemetryFacts {
  const a = span.attributes;
  const facts: TelemetryFacts = {
    sessionId: String(a[ATTR_L0_SESSION_ID]),
    startTime: otelCore().hrTimeToMilliseconds(span.startTime),
    endTime: otelCore().hrTimeToMilliseconds(span.endTime),
    duration: otelCore().hrTimeToMilliseconds(span.duration),
    tokens: num(a, ATTR_L0_TOKENS) ?? 0,
    tokenSource: tokenSourceOf(a[ATTR_L0_TOKENS_SOURCE]),
    discardedTokens: num(a, ATTR_L0_TOKENS_DISCARDED) ?? 0,
    chunks: num(a, ATTR_L0_CHUNKS) ?? 0,
    retries: num(a, ATTR_L0_RETRIES_TOTAL) ?? 0,
    networkRetries: num(a, ATTR_L0_RETRIES_NETWORK) ?? 0,
    modelRetries: num(a, ATTR_L0_RETRIES_MODEL) ?? 0,
    networkErrorCount: num(a, ATTR_L0_NETWORK_ERROR_COUNT) ?? 0,
    errorsByType: pairs(a, ATTR_L0_NETWORK_ERROR_TYPES, ATTR_L0_NETWORK_ERROR_TYPE_COUNTS),
    networkErrors: [...attemptErrors, ...networkErrorsFromEvents(span.events)].sort((x, y) => x.timestamp - y.timestamp),
  };
  const billedInput = num(a, ATTR_GEN_AI_USAGE_INPUT_TOKENS);
  if (billedInput !== undefined) facts.billedInputTokens = billedInput;
  const billedOutput = num(a, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS);
  if (billedOutput !== undefined) facts.billedOutputTokens = billedOutput;
  const generation = num(a, ATTR_L0_GENERATION_TIME);
  if (generation !== undefined) facts.generationTime = generation;
  if (facts.retries > 0) facts.retriesByReason = retriesFromEvents(span.events, facts.networkRetries, facts.modelRetries);
  const ttft = num(a, ATTR_L0_TIME_TO_FIRST_TOKEN);
  if (ttft !== undefined) facts.timeToFirstToken = ttft;
  const gap = num(a, ATTR_L0_INTER_TOKEN_TIME_AVG);
  if (gap !== undefined) facts.avgInterTokenTime = gap;
  const violations = num(a, ATTR_L0_GUARDRAIL_VIOLATION_COUNT);
  if (violations !== undefined) {
    facts.guardrails = {
      violationCount: violations,
      violationsByRule: pairs(a, ATTR_L0_GUARDRAIL_RULES, ATTR_L0_GUARDRAIL_RULE_COUNTS),
      violationsBySeverity: {
        warning: num(a, ATTR_L0_GUARDRAIL_WARNING_COUNT) ?? 0,
        error: num(a, ATTR_L0_GUARDRAIL_ERROR_COUNT) ?? 0,
        fatal: num(a, ATTR_L0_GUARDRAIL_FATAL_COUNT) ?? 0,
      },
    };
  }
  const drift = a[ATTR_L0_DRIFT_DETECTED];
  if (typeof drift === "boolean") {
    const types = a[ATTR_L0_DRIFT_TYPES];
    facts.drift = { detected: drift, types: Array.isArray(types) ? types.map(String) : [] };
  }
  const metadata = metadataFromAttributes(a);
  if (metadata !== undefined) facts.metadata = metadata;
  return facts;
}
