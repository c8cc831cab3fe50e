/**
 * One `l0()` call as the async iterator behind `result.stream`. The call owns what lives as long
 * as the call: the consumer's iteration (lazy start on the first pull, the pending pull, the
 * consumer's early `return()`), the caller's abort, ending once, and the waits of the control flow.
 * Each attempt is a fresh {@link Attempt}; the control flow (`call-flow.ts`, an async generator of
 * attempts, retries and fallbacks) hands over to the attempt's hot path by yielding
 * {@link STREAMING}.
 * @packageDocumentation
 */
import type { ErrorType } from "../errors/error-types.js";
import { L0Error, type L0ErrorDetails } from "../errors/l0-error.js";
import type { L0Event } from "../types/events.js";
import type { L0Result, L0State } from "../types/result.js";
import { Attempt } from "./attempt.js";
import type { AttemptHost, PullResult } from "./attempt-host.js";
import type { CallConfig } from "./call-config.js";
import { CallEvents } from "./call-events.js";
import type { AttemptEndInfo, AttemptStartInfo } from "./call-observer.js";
import { abortError } from "./failures.js";
import { createLiveState } from "./live-state.js";
import { RetryBudget, type RetryKind } from "./retry-policy.js";
import { TextBuffer } from "./text-buffer.js";
import { sleepFor } from "./long-timer.js";

/** Marker the control flow yields to hand over to the streaming hot path. */
export const STREAMING: unique symbol = Symbol("l0.streaming");

/** What the control flow yields. */
export type FlowItem = L0Event | typeof STREAMING;

/** The control flow of a call (see `call-flow.ts`). */
export type CallFlow = (call: Call) => AsyncGenerator<FlowItem, void, undefined>;

type Resolve = (result: PullResult) => void;

const DONE: IteratorResult<L0Event> = Object.freeze({ done: true, value: undefined });

/**
 * The call: consumer-facing iterator plus what the control flow and the attempts share.
 * Its members are TypeScript `private`, not `#private`: on Node 20, `#private` members in this
 * per-token path measured 1.3-1.6x slower per token (bench 01). Other classes on the `l0` import
 * path use `#private`, which minifiers shorten (bench 05's bundle budget).
 */
export class Call implements AsyncIterableIterator<L0Event>, AttemptHost {
  readonly text = new TextBuffer();
  readonly state: L0State = createLiveState(this.text);
  readonly events: CallEvents;
  readonly epochBase = Date.now() - performance.now();
  /** Every error caught during the call. */
  readonly errors: Error[] = [];
  /** The result object (set by the composition root), handed to `after` interceptors. */
  result: L0Result | undefined;
  /** The error the call failed with, thrown after the `error` event. */
  finalError: L0Error | undefined;
  /** Retries used on the current stream (fresh for the primary and each fallback). */
  budget = new RetryBudget();
  /** The current stream: 0 = primary, n = `fallbackStreams[n - 1]`. */
  fallbackIndex = 0;
  /** The current attempt (undefined before the first). */
  attempt: Attempt | undefined;
  /** Text the next attempt continues from (continuation), else undefined. */
  checkpoint: string | undefined;
  /** The consumer stopped reading (`return()`) before the call ended. */
  cancelled = false;
  /** Epoch ms of the first pull. */
  startedAt = 0;

  /** Set once the caller aborted: the reason (`signal.reason`, or what `result.abort()` got). */
  private abortedWith: { readonly reason: unknown } | undefined;
  private flow: AsyncGenerator<FlowItem, void, undefined> | undefined;
  private streaming = false;
  private iterated = false;
  private exhausted = false;
  private thrown = false;
  private ended = false;
  private pending: Resolve | undefined;
  /** Wakes a wait of the control flow (backoff, `shouldRetry`) on abort or when the consumer stops reading (made by the first wait). */
  private wakers: Set<() => void> | undefined;
  private readonly executor = (resolve: Resolve): void => {
    this.pending = resolve;
  };
  private readonly afterFlow = (r: IteratorResult<FlowItem, void>): PullResult => {
    if (r.done === true) {
      this.exhausted = true;
      return this.finalResult();
    }
    if (r.value === STREAMING) {
      this.streaming = true;
      return this.pullAttempt();
    }
    return r as IteratorResult<L0Event>;
  };

  constructor(
    readonly config: CallConfig,
    private readonly createFlow: CallFlow,
  ) {
    this.events = new CallEvents(config.observer, config.options, config.sessionId);
    const signal = config.options.signal;
    if (signal?.aborted === true) this.abort(signal.reason);
  }

  /** True once the caller aborted (`signal` or `result.abort()`). */
  get isAborted(): boolean {
    return this.abortedWith !== undefined;
  }

  /** Why the caller aborted (undefined before an abort). */
  get abortReason(): unknown {
    return this.abortedWith?.reason;
  }

  /** True while the consumer waits for an event. */
  get pullPending(): boolean {
    return this.pending !== undefined;
  }

  /** Aborts the call: interrupts the attempt and wakes a waiting control flow. Idempotent. */
  abort(reason?: unknown): void {
    if (this.abortedWith !== undefined) return;
    this.abortedWith = { reason: reason ?? new DOMException("The l0 call was aborted", "AbortError") };
    // An abort once the output was accepted (e.g. from onEvent on `complete`) changes nothing more.
    if (!this.state.completed) {
      this.state.aborted = true;
      this.attempt?.interrupt(abortError(this.abortedWith.reason, this.details()));
    }
    this.wakeAll();
  }

  /**
   * The listener of the caller's `signal` (EventTarget's `handleEvent`: the call needs no closure
   * of its own for it): aborts the call with the signal's reason. Not for callers.
   */
  handleEvent(): void {
    this.abort(this.config.options.signal?.reason);
  }

  /** Facts for an `L0Error` raised now. */
  details(): L0ErrorDetails {
    return { attempt: this.state.attempt, fallbackIndex: this.fallbackIndex, tokenCount: this.state.tokenCount };
  }

  /** `result.stream` may be iterated once. */
  [Symbol.asyncIterator](): this {
    if (this.iterated) throw new L0Error("INVALID_STREAM", "result.stream can only be iterated once");
    this.iterated = true;
    return this;
  }

  next(): Promise<IteratorResult<L0Event>> {
    if (this.exhausted) return this.finalResult();
    if (this.flow === undefined) {
      // Listen to the caller's signal only from the first pull: a result that is never read leaves
      // no listener behind on a long-lived signal (the listener goes with the call's end).
      const signal = this.config.options.signal;
      if (signal !== undefined) {
        if (signal.aborted) this.abort(signal.reason);
        else signal.addEventListener("abort", this, { once: true });
      }
      this.flow = this.createFlow(this);
    }
    return this.streaming ? this.pullAttempt() : this.advance();
  }

  /**
   * The consumer stopped early (`break`, or `return()` while a `next()` is pending): close the
   * provider stream, end the call as cancelled, settle a pending `next()` as done and start nothing more.
   */
  return(): Promise<IteratorResult<L0Event>> {
    if (!this.exhausted) {
      this.exhausted = true;
      if (this.flow !== undefined && !this.ended) {
        this.cancelled = true;
        const error = new L0Error("STREAM_ABORTED", "The consumer stopped reading result.stream", { details: { errorType: "aborted" } });
        const attempt = this.attempt;
        attempt?.abandon(error);
        this.endCall();
        this.events.cancelled(attempt?.endInfo("cancelled"));
        // A next() still pending: a pull settles as done; a factory call, backoff or shouldRetry
        // wait resumes the control flow, which sees `cancelled` and ends.
        this.settle(DONE);
        attempt?.rejectSetup(error);
        this.wakeAll();
      } else {
        this.release();
        // The call ended while the consumer held its last event: the flow finishes (its after or
        // onError hooks run) before return() settles.
        if (this.flow !== undefined)
          return this.flow.return(undefined).then(
            () => DONE,
            () => DONE,
          );
      }
    }
    return Promise.resolve(DONE);
  }

  /** Like {@link Call.return}, then rethrows `error`. */
  async throw(error?: unknown): Promise<IteratorResult<L0Event>> {
    await this.return();
    throw error;
  }

  /** Starts an attempt on the current stream (`reason`/`retryKind`: why, for retries and fallbacks). */
  startAttempt(reason: ErrorType | undefined, retryKind: RetryKind | undefined): Attempt {
    const { state, fallbackIndex } = this;
    state.attempt++;
    state.fallbackIndex = fallbackIndex;
    const info: AttemptStartInfo = { attempt: state.attempt, fallbackIndex };
    if (reason !== undefined) info.reason = reason;
    if (retryKind !== undefined) info.retryKind = retryKind;
    this.events.attemptStarted(info);
    const attempt = new Attempt(this, state.attempt, fallbackIndex, this.checkpoint);
    this.attempt = attempt;
    return attempt;
  }

  /** The current attempt's end for the observer (once), else undefined. */
  attemptEndInfo(outcome: AttemptEndInfo["outcome"], errorType?: ErrorType, error?: unknown): AttemptEndInfo | undefined {
    return this.attempt?.endInfo(outcome, errorType, error);
  }

  /** Marks the call ended (once) and releases the caller's signal; false when it had ended already. */
  endCall(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.release();
    return true;
  }

  /** Settles the consumer's pending pull (if any) with `result`. */
  settle(result: PullResult): void {
    const resolve = this.pending;
    this.pending = undefined;
    resolve?.(result);
  }

  /** The current attempt ended: the control flow goes on. */
  afterAttempt(): Promise<IteratorResult<L0Event>> {
    this.streaming = false;
    return this.advance();
  }

  /** Waits `ms` (0: no wait); ends early when the call is aborted or the consumer stops reading. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.isAborted || this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        cancel();
        this.wakers?.delete(done);
        resolve();
      };
      const cancel = sleepFor(ms, done);
      (this.wakers ??= new Set()).add(done);
    });
  }

  /** Settles like `promise`, or with undefined as soon as the call is aborted or cancelled (whichever is first). */
  untilAborted<T>(promise: Promise<T>): Promise<T | undefined> {
    if (this.isAborted || this.cancelled) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve, reject) => {
      const forget = (): void => {
        this.wakers?.delete(stop);
      };
      const stop = (): void => {
        forget();
        resolve(undefined);
      };
      (this.wakers ??= new Set()).add(stop);
      promise.then(
        (value) => {
          forget();
          resolve(value);
        },
        (error: unknown) => {
          forget();
          reject(error);
        },
      );
    });
  }

  private pullAttempt(): Promise<IteratorResult<L0Event>> {
    const promise = new Promise<IteratorResult<L0Event>>(this.executor);
    (this.attempt as Attempt).pull();
    return promise;
  }

  private advance(): Promise<IteratorResult<L0Event>> {
    return (this.flow as AsyncGenerator<FlowItem, void, undefined>).next().then(this.afterFlow);
  }

  private finalResult(): Promise<IteratorResult<L0Event>> {
    if (this.finalError !== undefined && !this.thrown) {
      this.thrown = true;
      return Promise.reject(this.finalError);
    }
    return Promise.resolve(DONE);
  }

  private wakeAll(): void {
    if (this.wakers !== undefined) for (const wake of [...this.wakers]) wake();
  }

  private release(): void {
    this.attempt?.watchdog?.stop();
    this.config.options.signal?.removeEventListener("abort", this);
  }
}
