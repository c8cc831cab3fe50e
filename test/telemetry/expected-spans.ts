/**
 * Expected span trees of monitored calls (semconv.md, "Spans"), for whole-map `toEqual`
 * assertions: what every operation and attempt span of a clean call, or of a call retried once
 * after a network error, carries, with what differs per adapter passed in. Only times are loose.
 */
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { expect } from "vitest";

/** A time or duration, in seconds: any number. */
export const TIME = expect.any(Number);

/** Operation span attributes of a call with no fallback, retry or network error. */
export const NO_RETRIES = {
  "l0.fallback.index": 0,
  "l0.retries.total": 0,
  "l0.retries.network": 0,
  "l0.retries.model": 0,
  "l0.network.error_count": 0,
  "l0.network.error_types": [],
  "l0.network.error_type_counts": [],
} as const;

/** Operation span identity of a streamed chat call that asked OpenAI for `gpt-4o`. */
export const OPENAI_GPT_4O_CHAT = {
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": "gpt-4o",
  "gen_ai.request.stream": true,
} as const;

/** Attempt span attributes of a first attempt that succeeded with `tokens` tokens in as many chunks, its output kept. */
export function succeededFirstAttempt(tokens: number): Record<string, unknown> {
  return {
    "l0.attempt.number": 1,
    "l0.fallback.index": 0,
    "l0.outcome": "success",
    "l0.attempt.chunks": tokens,
    "l0.attempt.tokens": tokens,
    "l0.attempt.output_kept": true,
  };
}

/** Attempt span attributes of a first attempt that delivered one token in one chunk, then died of a connection reset and was retried. */
export function resetFirstAttempt(outputKept: boolean): Record<string, unknown> {
  return {
    "l0.attempt.number": 1,
    "l0.fallback.index": 0,
    "l0.outcome": "retry",
    "error.type": "econnreset",
    "l0.attempt.chunks": 1,
    "l0.attempt.tokens": 1,
    "l0.attempt.output_kept": outputKept,
  };
}

const UNSET = { code: SpanStatusCode.UNSET };

/** What the provider's stream said: the operation span's `gen_ai.*` response and usage attributes, and the attempt's. */
interface ProviderResponse {
  provider: string;
  model: string;
  /** The response id of each attempt that had one, by attempt number. */
  ids: Record<number, string>;
  finishReason: string;
  usage: { input: number; output: number };
}

/** What differs between adapters in one call's spans. */
export interface CallShape {
  /** The operation span's name. */
  name: string;
  /** The session id of the call (`result.telemetry.sessionId`). */
  sessionId: string;
  /** What the provider said; absent for a plain iterable (no identity, no usage, counted tokens). */
  response?: ProviderResponse;
  /** Request attributes the helpers describe (server, parameters), on the operation span only. */
  request?: Record<string, unknown>;
  /** `l0.adapter`. */
  adapter: string;
}

function operationIdentity(c: CallShape, lastAttempt: number): Record<string, unknown> {
  const r = c.response;
  if (r === undefined) return { "l0.tokens.source": "counted" };
  return {
    "gen_ai.provider.name": r.provider,
    "gen_ai.request.model": r.model,
    "l0.tokens.source": "provider",
    "gen_ai.usage.input_tokens": r.usage.input,
    "gen_ai.usage.output_tokens": r.usage.output,
    "gen_ai.response.model": r.model,
    "gen_ai.response.id": r.ids[lastAttempt],
    "gen_ai.response.finish_reasons": [r.finishReason],
  };
}

function attemptResponse(c: CallShape, attempt: number, finished: boolean): Record<string, unknown> {
  const id = c.response?.ids[attempt];
  if (c.response === undefined || id === undefined) return {};
  return {
    "l0.attempt.response.id": id,
    "l0.attempt.response.model": c.response.model,
    ...(finished && { "l0.attempt.finish_reason": c.response.finishReason }),
  };
}

function operation(c: CallShape, attributes: Record<string, unknown>, events: unknown[]): unknown {
  return {
    name: c.name,
    kind: SpanKind.CLIENT,
    status: UNSET,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.stream": true,
      "l0.session.id": c.sessionId,
      ...c.request,
      "l0.outcome": "success",
      "gen_ai.response.time_to_first_chunk": TIME,
      "l0.generation_time": TIME,
      "l0.time_to_first_token": TIME,
      "l0.inter_token_time.avg": TIME,
      ...attributes,
    },
    events: [{ name: "l0.first_token", attributes: { "l0.attempt.number": 1, "l0.time_to_first_token": TIME } }, ...events],
  };
}

function attempt(c: CallShape, number: number, attributes: Record<string, unknown>, status: unknown, events: unknown[]): unknown {
  return {
    name: "l0.attempt",
    kind: SpanKind.INTERNAL,
    status,
    attributes: {
      "l0.session.id": c.sessionId,
      "l0.attempt.number": number,
      "l0.fallback.index": 0,
      "l0.attempt.time_to_first_chunk": TIME,
      "l0.adapter": c.adapter,
      ...attributes,
    },
    events,
  };
}

/** The span tree of a clean call that delivered 8 tokens in 8 chunks in one attempt. */
export function cleanCallSpans(c: CallShape): unknown {
  return {
    operation: operation(
      c,
      { ...operationIdentity(c, 1), "l0.tokens": 8, "l0.tokens.discarded": 0, "l0.chunks": 8, "l0.attempts": 1, ...NO_RETRIES },
      [],
    ),
    attempts: [
      attempt(
        c,
        1,
        {
          "l0.outcome": "success",
          "l0.attempt.chunks": 8,
          "l0.attempt.tokens": 8,
          "l0.attempt.output_kept": true,
          ...attemptResponse(c, 1, true),
        },
        UNSET,
        [],
      ),
    ],
  };
}

/** How the first attempt of a retried call failed. */
export interface Drop {
  /** `error.type` */
  errorType: string;
  /** What the error is: `exception.type`, and the status message and `exception.message`. */
  exception: { type: string; message: string };
}

/**
 * The span tree of a call whose first attempt failed with a network error after 2 chunks and was
 * retried after 1 ms; the second attempt delivered 8 tokens in 8 chunks.
 */
export function retriedCallSpans(c: CallShape, drop: Drop): unknown {
  const retry = { "l0.retry.kind": "network", "l0.retry.reason": drop.errorType };
  return {
    operation: operation(
      c,
      {
        ...operationIdentity(c, 2),
        "l0.tokens": 8,
        "l0.tokens.discarded": 2,
        "l0.chunks": 10,
        "l0.attempts": 2,
        ...NO_RETRIES,
        "l0.retries.total": 1,
        "l0.retries.network": 1,
        "l0.network.error_count": 1,
        "l0.network.error_types": [drop.errorType],
        "l0.network.error_type_counts": [1],
      },
      [{ name: "l0.retry", attributes: { ...retry, "l0.retry.delay": 0.001, "l0.attempt.number": 1 } }],
    ),
    attempts: [
      attempt(
        c,
        1,
        {
          "l0.outcome": "retry",
          "error.type": drop.errorType,
          "l0.attempt.chunks": 2,
          "l0.attempt.tokens": 2,
          "l0.attempt.output_kept": false,
          ...attemptResponse(c, 1, false),
        },
        { code: SpanStatusCode.ERROR, message: drop.exception.message },
        [
          {
            name: "l0.network_error",
            attributes: {
              "error.type": drop.errorType,
              "exception.type": drop.exception.type,
              "exception.message": drop.exception.message,
              "l0.network.retried": true,
              "l0.retry.delay": 0.001,
            },
          },
        ],
      ),
      attempt(
        c,
        2,
        {
          ...retry,
          "l0.outcome": "success",
          "l0.attempt.chunks": 8,
          "l0.attempt.tokens": 8,
          "l0.attempt.output_kept": true,
          ...attemptResponse(c, 2, true),
        },
        UNSET,
        [],
      ),
    ],
  };
}
