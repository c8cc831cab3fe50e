/**
 * The runtime's one outbound port. Each fact of a call is reported here once, and fans out to the
 * observer (telemetry), the user's callbacks (`onEvent`, `onViolation`, `onDrift`) and the
 * lifecycle events, in a fixed order. Callbacks that throw or reject go to OTel `diag`.
 * @packageDocumentation
 */
import type { ErrorType } from "../errors/error-types.js";
import type { DriftResult } from "../types/drift.js";
import type { L0CompleteEvent, L0ErrorEvent, L0Event, L0FallbackEvent, L0RetryEvent, L0TokenEvent } from "../types/events.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { L0LifecycleEvent } from "../types/lifecycle.js";
import type { L0Options } from "../types/options.js";
import { NOOP_OBSERVER, type AttemptEndInfo, type AttemptStartInfo, type CallObserver, type StreamFacts } from "./call-observer.js";
import { callSafely, callSafely2 } from "./emit.js";
import type { RetryKind } from "./retry-policy.js";
import type { TimeoutFiring } from "./timeout-watchdog.js";

/** `Omit` applied to each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A lifecycle event before the port stamps it. */
type Lifecycle = DistributiveOmit<L0LifecycleEvent, "ts" | "sessionId">;

/** The port of one call. */
export class CallEvents {
  /** The user's `onEvent`, read once (the hot path checks it). */
  readonly onEvent: L0Options["onEvent"];
  readonly #onViolation: L0Options["onViolation"];
  readonly #onDrift: L0Options["onDrift"];
  /** False with the no-op observer (monitoring off): the per-token notices skip it. */
  readonly #observed: boolean;

  constructor(
    /** Telemetry of the call (the no-op observer when monitoring is off). */
    readonly observer: CallObserver,
    options: L0Options,
    private readonly sessionId: string,
  ) {
    this.onEvent = options.onEvent;
    this.#onViolation = options.onViolation;
    this.#onDrift = options.onDrift;
    this.#observed = observer !== NOOP_OBSERVER;
  }

  #lifecycle(event: Lifecycle): void {
    const onEvent = this.onEvent;
    if (onEvent === undefined) return;
    callSafely("onEvent", onEvent, { ...event, ts: Date.now(), sessionId: this.sessionId });
  }

  /** A stream event is handed to the consumer. */
  streamEvent(event: L0Event): void {
    if (this.onEvent !== undefined) callSafely("onEvent", this.onEvent, event);
  }

  /** The consumer pulled `result.stream` for the first time. */
  callStarted(): void {
    this.observer.callStarted();
    this.#lifecycle({ type: "SESSION_START" });
  }

  /** An attempt starts (`isFallback`: it is the first attempt of a fallback stream). */
  attemptStarted(info: AttemptStartInfo): void {
    this.observer.attemptStarted(info);
    this.#lifecycle({
      type: "ATTEMPT_START",
      attempt: info.attempt,
      fallbackIndex: info.fallbackIndex,
      isRetry: info.retryKind !== undefined,
      isFallback: info.reason !== undefined && info.retryKind === undefined,
      ...(info.reason !== undefined && { reason: info.reason }),
    });
  }

  /** The attempt's stream said what it is (adapter, provider, model, response id). */
  streamFacts(facts: StreamFacts): void {
    this.observer.streamFacts(facts);
  }

  /** A token chunk arrived from the provider (hot path). */
  chunkReceived(): void {
    if (this.#observed) this.observer.chunkReceived();
  }

  /** A token is delivered (hot path); `ttftMs` is given for the attempt's first token. */
  tokenDelivered(event: L0TokenEvent, attempt: number, ttftMs: number | undefined): void {
    if (ttftMs !== undefined) this.#lifecycle({ type: "FIRST_TOKEN", attempt, ttftMs });
    if (this.onEvent !== undefined) callSafely("onEvent", this.onEvent, event);
    if (this.#observed) this.observer.tokenDelivered();
  }

  /** A guardrail violation (new in this attempt) was found. */
  violation(violation: GuardrailViolation, attempt: number): void {
    this.observer.guardrailViolation(violation);
    callSafely("onViolation", this.#onViolation, violation);
    this.#lifecycle({ type: "GUARDRAIL_VIOLATION", violation, attempt });
  }

  /** Drift was detected. */
  drift(result: DriftResult, attempt: number): void {
    this.observer.drift(result.detections, result.confidence);
    callSafely2("onDrift", this.#onDrift, result.detections, result.confidence);
    this.#lifecycle({ type: "DRIFT", detections: result.detections, confidence: result.confidence, attempt });
  }

  /** A timeout fired. */
  timeout(firing: TimeoutFiring, attempt: number): void {
    this.observer.timeout(firing.kind, firing.elapsedMs);
    this.#lifecycle({ type: "TIMEOUT", timeoutType: firing.kind, elapsedMs: firing.elapsedMs, attempt });
  }

  /** An attempt failed with a network-category error (`delayMs`: when it is retried). */
  networkError(type: ErrorType, error: unknown, message: string, delayMs: number | undefined, attempt: number): void {
    this.observer.networkError(type, error, delayMs !== undefined, delayMs);
    this.#lifecycle({ type: "NETWORK_ERROR", errorType: type, message, error, willRetry: delayMs !== undefined, attempt });
  }

  /** A retry is scheduled; `end` is the failed attempt's end. */
  retry(event: L0RetryEvent, kind: RetryKind, end: AttemptEndInfo | undefined): void {
    this.observer.retryScheduled(kind, event.reason, event.delayMs);
    if (end !== undefined) this.observer.attemptEnded(end);
    this.#lifecycle({ type: "RETRY", attempt: event.attempt, reason: event.reason, kind, delayMs: event.delayMs });
    this.streamEvent(event);
  }

  /** The call moves on to the next fallback stream; `end` is the failed attempt's end. */
  fallback(event: L0FallbackEvent, end: AttemptEndInfo | undefined): void {
    if (end !== undefined) this.observer.attemptEnded(end);
    this.observer.fallbackStarted(event.index, event.index + 1, event.reason);
    this.#lifecycle({ type: "FALLBACK", fromIndex: event.index, toIndex: event.index + 1, reason: event.reason });
    this.streamEvent(event);
  }

  /** The call completed; `end` is the successful attempt's end. */
  completed(event: L0CompleteEvent, durationMs: number, end: AttemptEndInfo | undefined): void {
    if (end !== undefined) this.observer.attemptEnded(end);
    this.streamEvent(event);
    this.#lifecycle({
      type: "COMPLETE",
      tokenCount: event.tokenCount,
      durationMs,
      ...(event.usage !== undefined && { usage: event.usage }),
      ...(event.finishReason !== undefined && { finishReason: event.finishReason }),
    });
    this.observer.callEnded("success");
  }

  /**
   * The call failed or was aborted; `end` is the last attempt's end when one was still open.
   * `tokenCount`: tokens of the output at the end.
   */
  failed(event: L0ErrorEvent, tokenCount: number, end: AttemptEndInfo | undefined): void {
    const aborted = event.errorType === "aborted";
    if (end !== undefined) this.observer.attemptEnded(end);
    this.streamEvent(event);
    if (aborted) this.#lifecycle({ type: "ABORT", tokenCount });
    else this.#lifecycle({ type: "ERROR", error: event.error, errorType: event.errorType, tokenCount });
    this.observer.callEnded(aborted ? "aborted" : "failed", event.errorType, event.error);
  }

  /** The consumer stopped reading before the call ended; `end` is the open attempt's end. */
  cancelled(end: AttemptEndInfo | undefined): void {
    if (end !== undefined) this.observer.attemptEnded(end);
    this.observer.callEnded("cancelled");
  }
}
