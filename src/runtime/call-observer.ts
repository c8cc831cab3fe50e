/**
 * The one small interface between the runtime and telemetry. The runtime reports facts; the OTel
 * recorder (src/telemetry) turns them into spans, span events, instruments and `L0Telemetry`.
 * Implementations MUST NOT throw: a telemetry failure never breaks the user's call.
 */
import type { ErrorType } from "../errors/error-types.js";
import type { DriftDetection } from "../types/drift.js";
import type { L0Usage } from "../types/events.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { L0Telemetry } from "../types/telemetry.js";

/** Facts known when an attempt starts. */
export interface AttemptStartInfo {
  /** 1-based attempt number across the call. */
  attempt: number;
  /** 0 = primary stream. */
  fallbackIndex: number;
  /** Why the previous attempt ended (absent on the first attempt). */
  reason?: ErrorType;
  /** `network` or `model` retry; absent for first attempt and fallbacks. */
  retryKind?: "network" | "model";
}

/** Facts known when an attempt ends. */
export interface AttemptEndInfo {
  outcome: "success" | "retry" | "fallback" | "failed" | "aborted" | "cancelled";
  errorType?: ErrorType;
  error?: unknown;
  usage?: L0Usage;
  finishReason?: string;
  /** Model the provider reported, when it did. */
  responseModel?: string;
  responseId?: string;
  /** Adapter used for this attempt. */
  adapter?: string;
  /** `gen_ai.provider.name` value the stream named (a `response` chunk), when it did. */
  provider?: string;
  /** Token events the attempt delivered to the consumer (the runtime always says). */
  tokens?: number;
  /**
   * False when a retry or fallback discarded the attempt's output (`discardsOutput`); true (the
   * default) when it stays with the consumer: the last attempt, or one a continuing attempt builds on.
   */
  outputKept?: boolean;
  /** Output text of the attempt; only passed when `monitoring.captureContent` is on. */
  content?: string;
}

/** What an attempt's stream says about itself, as soon as it says it. */
export interface StreamFacts {
  /** Adapter reading the stream (once the factory's result is read). */
  adapter?: string;
  /** `gen_ai.provider.name` value: the adapter's, or the one a `response` chunk names. */
  provider?: string;
  /** Model the provider answered with. */
  model?: string;
  /** Provider response id. */
  responseId?: string;
}

/** Lifecycle calls made by the runtime, in order, for one `l0()` call. */
export interface CallObserver {
  /** True when this call is sampled (spans and `result.telemetry`). */
  readonly sampled: boolean;
  /** The consumer first pulled `result.stream`. Session clock starts. */
  callStarted(): void;
  attemptStarted(info: AttemptStartInfo): void;
  /** What the current attempt's stream said about itself (adapter, provider, model, id). */
  streamFacts(facts: StreamFacts): void;
  /** Runs `fn` with the current attempt span active (the factory call, the adapter and the first pull), so provider/HTTP spans nest under it. */
  runInAttempt<T>(fn: () => T): T;
  /** A token event arrived from the provider in this attempt (first one = time to first chunk). Must not allocate. */
  chunkReceived(): void;
  /** A token event was delivered to the consumer. Must not allocate. */
  tokenDelivered(): void;
  networkError(errorType: ErrorType, error: unknown, retried: boolean, delayMs: number | undefined): void;
  retryScheduled(kind: "network" | "model", reason: ErrorType, delayMs: number): void;
  fallbackStarted(fromIndex: number, toIndex: number, reason: ErrorType): void;
  guardrailViolation(violation: GuardrailViolation): void;
  drift(detections: DriftDetection[], confidence: number): void;
  timeout(kind: "initial" | "inter", elapsedMs: number): void;
  attemptEnded(info: AttemptEndInfo): void;
  /** Ends the call: exactly one of these is called once per call, after the last `attemptEnded`. */
  callEnded(outcome: "success" | "failed" | "aborted" | "cancelled", errorType?: ErrorType, error?: unknown): void;
  /** Telemetry snapshot: complete after `callEnded`, partial before; undefined when unsampled/off. */
  telemetry(): L0Telemetry | undefined;
}

/** Observer used when monitoring is off: does nothing, costs nothing. */
export const NOOP_OBSERVER: CallObserver = {
  sampled: false,
  callStarted() {},
  attemptStarted() {},
  streamFacts() {},
  runInAttempt: (fn) => fn(),
  chunkReceived() {},
  tokenDelivered() {},
  networkError() {},
  retryScheduled() {},
  fallbackStarted() {},
  guardrailViolation() {},
  drift() {},
  timeout() {},
  attemptEnded() {},
  callEnded() {},
  telemetry: () => undefined,
};
