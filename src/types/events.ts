/**
 * Events that `l0()` yields on `result.stream`, and the normalised chunks adapters produce.
 * @packageDocumentation
 */
import type { ErrorType, RetriableCategory } from "../errors/error-types.js";

/** Provider-reported token usage, as the provider gave it (never estimated). */
export interface L0Usage {
  /** Prompt / input tokens. */
  inputTokens?: number;
  /** Completion / output tokens. */
  outputTokens?: number;
  /** Total tokens when the provider reports it. */
  totalTokens?: number;
}

/** A text delta delivered to the consumer. */
export interface L0TokenEvent {
  type: "token";
  /** The text delta. */
  value: string;
  /**
   * Epoch milliseconds when l0 delivered the token. Within one synchronous burst of chunks the
   * clock is read once every 16 events (see `src/runtime/token-clock.ts`), so it can lag by the few
   * microseconds that burst takes; the first token of each event-loop turn reads it fresh.
   */
  timestamp: number;
}

/** A non-text message, e.g. a tool call serialised as JSON in `value`. */
export interface L0MessageEvent {
  type: "message";
  /** Message payload (tool calls are JSON strings). */
  value: string;
  /** Role of the message, e.g. `assistant` or `tool`. */
  role?: string;
  timestamp: number;
}

/** Structured data output (multimodal or JSON payloads). */
export interface L0DataEvent {
  type: "data";
  data: unknown;
  timestamp: number;
}

/** Progress reported by the provider stream. */
export interface L0ProgressEvent {
  type: "progress";
  progress: { percent?: number; step?: number; totalSteps?: number; message?: string };
  timestamp: number;
}

/** The final failure of the call; iteration throws the same error right after. */
export interface L0ErrorEvent {
  type: "error";
  error: Error;
  /** Closed-set classification of the failure. */
  errorType: ErrorType;
  timestamp: number;
}

/** The call completed successfully. */
export interface L0CompleteEvent {
  type: "complete";
  /** Provider usage of the successful attempt, when the provider reported it. */
  usage?: L0Usage;
  /** Provider finish reason (e.g. `stop`, `length`, `tool_calls`), when given. */
  finishReason?: string;
  /** Number of token events delivered in the successful output. */
  tokenCount: number;
  timestamp: number;
}

/**
 * A retry is starting. `discardsOutput` tells a UI whether the partial output shown so far is
 * thrown away (a fresh attempt) or kept and continued (`continueFromLastKnownGoodToken`).
 */
export interface L0RetryEvent {
  type: "retry";
  /** 1-based number of the attempt about to start. */
  attempt: number;
  /** Why the previous attempt failed. */
  reason: ErrorType;
  /** `network` retries do not use up `retry.attempts`; `model` retries do. */
  kind: RetriableCategory;
  /** Delay before the next attempt, ms. */
  delayMs: number;
  /** True when output already delivered by this attempt is discarded. */
  discardsOutput: boolean;
  /** Characters of delivered output that the next attempt continues from (continuation only). */
  continuedFromLength?: number;
  timestamp: number;
}

/** A fallback stream is starting. Earlier output is always discarded unless continued. */
export interface L0FallbackEvent {
  type: "fallback";
  /** 0-based index into `fallbackStreams` of the stream starting now. */
  index: number;
  reason: ErrorType;
  discardsOutput: boolean;
  continuedFromLength?: number;
  timestamp: number;
}

/** Every event `result.stream` yields. */
export type L0Event =
  L0TokenEvent | L0MessageEvent | L0DataEvent | L0ProgressEvent | L0ErrorEvent | L0CompleteEvent | L0RetryEvent | L0FallbackEvent;

/**
 * A normalised chunk produced by an adapter from a provider stream. Adapters do not buffer,
 * retry or mutate: they translate one provider chunk into zero or more of these.
 * `error` chunks carry the provider's original error; `finish` carries usage / finish reason.
 */
export type L0Chunk =
  | { type: "token"; value: string }
  | { type: "message"; value: string; role?: string }
  | { type: "data"; data: unknown }
  | { type: "progress"; progress: L0ProgressEvent["progress"] }
  | { type: "error"; error: unknown }
  | { type: "finish"; usage?: L0Usage; finishReason?: string; model?: string; responseId?: string }
  | L0ResponseChunk;

/**
 * Facts about the provider's response, emitted by an adapter as soon as the stream shows them
 * (the first OpenAI chunk, Anthropic `message_start`, Responses `response.created`, ...), so an
 * attempt that fails later still carries them. Not delivered to the consumer.
 */
interface L0ResponseChunk {
  type: "response";
  /** `gen_ai.provider.name` value when the stream names the provider (e.g. the AI SDK's provider id). */
  provider?: string;
  /** Model the provider answered with. */
  model?: string;
  /** Provider response id. */
  responseId?: string;
}
