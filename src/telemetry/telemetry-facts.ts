/**
 * The recorded facts of one call, in the units of the span attributes that carry them, and the ONE
 * function that turns them into `L0Telemetry`. Facts come either from an ended operation span
 * (L0SpanProcessor) or, before the call ends or when no processor saw the span, from the live
 * recorder, which wrote the same values onto the span: one fact, one conversion.
 */
import { diag } from "@opentelemetry/api";
import type { CategorizedNetworkError, L0Telemetry, RetriesByReason, TokenSource } from "../types/telemetry.js";

/** Facts of one call. Timings are seconds (as on spans); times are epoch ms. */
export interface TelemetryFacts {
  sessionId: string;
  /** Epoch ms of `callStarted`. */
  startTime: number;
  /** Epoch ms of the end of the call. */
  endTime?: number;
  /** ms from `callStarted` to the end. */
  duration?: number;
  /** Session time to first delivered token, s. */
  timeToFirstToken?: number;
  /** Average gap between delivered tokens of the same attempt, s. */
  avgInterTokenTime?: number;
  /** Output tokens the consumer kept. */
  tokens: number;
  tokenSource: TokenSource;
  discardedTokens: number;
  /** Provider-reported usage over all attempts. */
  billedInputTokens?: number;
  billedOutputTokens?: number;
  /** Content chunks received over all attempts. */
  chunks: number;
  /** Generation time of the kept output, s. */
  generationTime?: number;
  retries: number;
  networkRetries: number;
  modelRetries: number;
  /** Retries by kind and reason; present when the call retried. */
  retriesByReason?: RetriesByReason;
  networkErrorCount: number;
  errorsByType: Record<string, number>;
  /** Per-error details (delay in s). */
  networkErrors: NetworkErrorFact[];
  /** Present when guardrails were configured or a violation happened. */
  guardrails?: {
    violationCount: number;
    violationsByRule: Record<string, number>;
    violationsBySeverity: { warning: number; error: number; fatal: number };
  };
  /** Present when drift detection was configured or drift happened. */
  drift?: { detected: boolean; types: string[] };
  /** Metadata as recorded on the span (only filled when derived from a span). */
  metadata?: Record<string, unknown>;
}

/** One network error as recorded (delay in seconds, like the span event). */
export interface NetworkErrorFact {
  type: string;
  message: string;
  /** Epoch ms. */
  timestamp: number;
  retried: boolean;
  /** Backoff before the retry, s. */
  delay?: number;
}

/** Per-call presentation options of `result.telemetry`. */
export interface TelemetryShape {
  includeTimings: boolean;
  includeNetworkDetails: boolean;
  /** The call's own copy of `monitoring.metadata`; cloned again for every snapshot handed out. */
  metadata?: Record<string, unknown>;
}

/** Seconds → ms, rounded to the microsecond so s → ms round trips are exact. */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e3;
}

/** Throughput: kept output tokens per second of generation time; undefined when nothing can be said. */
export function tokensPerSecond(tokens: number, generationSeconds: number | undefined): number | undefined {
  if (generationSeconds === undefined || generationSeconds <= 0 || tokens <= 0) return undefined;
  return tokens / generationSeconds;
}

/**
 * Deep copy of metadata so the caller's object is never shared or mutated. Never throws: when the
 * whole object cannot be cloned (functions, getters that throw), each entry is copied on its own,
 * entries that cannot be read are left out (reported to `diag`) and uncloneable values are kept by
 * reference.
 */
export function copyMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(metadata);
  } catch {
    const copy: Record<string, unknown> = {};
    let keys: string[];
    try {
      keys = Object.keys(metadata);
    } catch (error) {
      diag.warn("l0: monitoring.metadata could not be read; it is left out of telemetry", error);
      return copy;
    }
    for (const key of keys) {
      let value: unknown;
      try {
        value = metadata[key];
      } catch (error) {
        diag.warn(`l0: monitoring.metadata.${key} could not be read; it is left out of telemetry`, error);
        continue;
      }
      try {
        copy[key] = structuredClone(value);
      } catch {
        copy[key] = value;
      }
    }
    return copy;
  }
}

/** Builds `L0Telemetry` from facts. */
export function telemetryFromFacts(facts: TelemetryFacts, shape: TelemetryShape): L0Telemetry {
  // The spec's fields first, in its order; l0's additions after them.
  const metrics: L0Telemetry["metrics"] = {
    totalTokens: facts.tokens,
    totalRetries: facts.retries,
    networkRetries: facts.networkRetries,
    modelRetries: facts.modelRetries,
  };
  if (shape.includeTimings) {
    if (facts.timeToFirstToken !== undefined) metrics.timeToFirstToken = secondsToMs(facts.timeToFirstToken);
    if (facts.avgInterTokenTime !== undefined) metrics.avgInterTokenTime = secondsToMs(facts.avgInterTokenTime);
    const tps = tokensPerSecond(facts.tokens, facts.generationTime);
    if (tps !== undefined) metrics.tokensPerSecond = tps;
  }
  metrics.tokenSource = facts.tokenSource;
  metrics.discardedTokens = facts.discardedTokens;
  if (facts.billedInputTokens !== undefined) metrics.billedInputTokens = facts.billedInputTokens;
  if (facts.billedOutputTokens !== undefined) metrics.billedOutputTokens = facts.billedOutputTokens;
  metrics.totalChunks = facts.chunks;
  if (shape.includeTimings && facts.generationTime !== undefined) metrics.generationTime = secondsToMs(facts.generationTime);
  const network: L0Telemetry["network"] = {
    errorCount: facts.networkErrorCount,
    errorsByType: { ...facts.errorsByType },
  };
  if (shape.includeNetworkDetails) network.errors = facts.networkErrors.map(toCategorizedError);
  const telemetry: L0Telemetry = { sessionId: facts.sessionId, startTime: facts.startTime, metrics, network };
  if (facts.retriesByReason !== undefined) {
    telemetry.retries = { network: { ...facts.retriesByReason.network }, model: { ...facts.retriesByReason.model } };
  }
  if (facts.endTime !== undefined) telemetry.endTime = facts.endTime;
  if (facts.duration !== undefined) telemetry.duration = facts.duration;
  if (facts.guardrails !== undefined) {
    telemetry.guardrails = {
      violationCount: facts.guardrails.violationCount,
      violationsByRule: { ...facts.guardrails.violationsByRule },
      violationsBySeverity: { ...facts.guardrails.violationsBySeverity },
    };
  }
  if (facts.drift !== undefined) telemetry.drift = { detected: facts.drift.detected, types: [...facts.drift.types] };
  const metadata = shape.metadata ?? facts.metadata;
  if (metadata !== undefined) telemetry.metadata = copyMetadata(metadata);
  return telemetry;
}

function toCategorizedError(fact: NetworkErrorFact): CategorizedNetworkError {
  const error: CategorizedNetworkError = {
    type: fact.type,
    message: fact.message,
    timestamp: fact.timestamp,
    retried: fact.retried,
  };
  if (fact.delay !== undefined) error.delay = secondsToMs(fact.delay);
  return error;
}
