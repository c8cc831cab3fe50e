/**
 * One `l0()` call as the async iterator behind `result.stream`: lazy start on the first pull,
 * hand-over between the control flow (`call-flow.ts`, an async generator of attempts, retries and
 * fallbacks) and the streaming hot path (`attempt-reader.ts`), the caller's abort, the consumer's
 * early `return()` (cancelled), and the final error thrown after the `error` event.
 * @packageDocumentation
 */
import { L0Error } from "../errors/l0-error.js";
import type { L0Event } from "../types/events.js";
import type { L0Result } from "../types/result.js";
import { AttemptStream } from "./attempt-stream.js";
import type { CallConfig } from "./call-config.js";
import type { AttemptEndInfo, CallObserver } from "./call-observer.js";
import { abortError } from "./failures.js";

/** Marker the control flow yields to hand over to the streaming hot path. */
export const STREAMING: unique symbol = Symbol("l0.streaming");

/** What the control flow yields. */
export type FlowItem = L0Event | typeof STREAMING;

const DONE: IteratorResult<L0Event> = Object.freeze({ done: true, value: undefined });

/** The call: consumer-facing iterator plus the state the control flow and the attempt share. */
export class CallRun extends AttemptStream implements AsyncIterableIterator<L0Event> {
  /** Every error caught during the call. */
  readonly errors: Error[] = [];
  /** The result object (set by `l0()`), handed to `after` interceptors. */
  result: L0Result | undefined;
  /** The error the call failed with, thrown after the `error` event. */
  finalError: L0Error | undefined;
  /** Epoch ms of the first pull. */
  startedAt = 0;
  /** The consumer stopped reading (`return()`) before the call ended: the control flow stops at its next step. */
  cancelled = false;

  private flow: AsyncGenerator<FlowItem, void, undefined> | undefined;
  private iterated = false;
  private exhausted = false;
  private thrown = false;
  private callEnded = false;
  /** Wakes a wait of the control flow (backoff, `shouldRetry`) when the consumer stops reading. */
  private readonly wakers = new Set<() => void>();
  private readonly onCallAbort = (): void => this.handleAbort();
  private readonly onUserAbort: () => void;
  private readonly afterFlow = (r: IteratorResult<FlowItem, void>): Promise<IteratorResult<L0Event>> | IteratorResult<L0Event> => {
    if (r.done === true) {
      this.exhausted = true;
      return this.finalResult();
    }
    if (r.value === STREAMING) return this.pull();
    return r as IteratorResult<L0Event>;
  };

  constructor(
    config: CallConfig,
    private readonly createFlow: (run: CallRun) => AsyncGenerator<FlowItem, void, undefined>,
  ) {
    super(config, new AbortController());
    const signal = config.options.signal;
    this.onUserAbort = () => this.abort(signal?.reason);
    this.callSignal.addEventListener("abort", this.onCallAbort, { once: true });
    if (signal?.aborted === true) this.abort(signal.reason);
  }

  /** The observer of this call. */
  get observer(): CallObserver {
    return this.config.observer;
  }

  /** True once the caller aborted (`signal` or `result.abort()`). */
  get isAborted(): boolean {
    return this.callSignal.aborted;
  }

  /** Aborts the call; idempotent. */
  abort(reason?: unknown): void {
    if (!this.callSignal.aborted) this.callController.abort(reason ?? new DOMException("The l0 call was aborted", "AbortError"));
  }

  /** `result.stream` may be iterated once. */
  [Symbol.asyncIterator](): this {
    if (this.iterated) {
      throw new L0Error("INVALID_STREAM", "result.stream can only be iterated once");
    }
    this.iterated = true;
    return this;
  }

  next(): Promise<IteratorResult<L0Event>> {
    if (this.exhausted) return this.finalResult();
    if (this.flow === undefined) {
      // Listen to the caller's signal only from the first pull: a result that is never read leaves
      // no listener behind on a long-lived signal (the call ends, and the listener goes, with the stream).
      const signal = this.config.options.signal;
      if (signal !== undefined) {
        if (signal.aborted) this.abort(signal.reason);
        else signal.addEventListener("abort", this.onUserAbort, { once: true });
      }
      this.flow = this.createFlow(this);
    }
    if (this.phase === "streaming") return this.pull();
    return this.advance();
  }

  /**
   * The consumer stopped early (`break`, or `return()` while a `next()` is pending): close the
   * provider stream, end the call as cancelled, settle a pending `next()` as done and start nothing more.
   */
  return(): Promise<IteratorResult<L0Event>> {
    if (!this.exhausted) {
      this.exhausted = true;
      if (this.flow !== undefined && !this.callEnded) {
        this.cancelled = true;
        const error = new L0Error("STREAM_ABORTED", "The consumer stopped reading result.stream", { details: { errorType: "aborted" } });
        this.abandon(error);
        this.endAttemptObserver({ outcome: "cancelled" });
        this.endCall("cancelled");
        // A next() still pending: a pull settles as done; a factory call, backoff or shouldRetry
        // wait resumes the control flow, which sees `cancelled` and ends.
        this.settle(DONE);
        this.rejectSetup(error);
        for (const wake of [...this.wakers]) wake();
      } else {
        this.release();
      }
    }
    return Promise.resolve(DONE);
  }

  /** Like {@link CallRun.return}, then rethrows `error`. */
  async throw(error?: unknown): Promise<IteratorResult<L0Event>> {
    await this.return();
    throw error;
  }

  /** Calls `observer.attemptEnded` once per attempt. */
  endAttemptObserver(info: AttemptEndInfo): void {
    if (!this.attemptOpen) return;
    this.attemptOpen = false;
    const full: AttemptEndInfo = { ...this.finishInfo(), ...info };
    if (this.config.captureContent) full.content = this.state.content;
    this.config.observer.attemptEnded(full);
  }

  /** Calls `observer.callEnded` once per call and releases the caller's signal. */
  endCall(outcome: "success" | "failed" | "aborted" | "cancelled", errorType?: L0Error["errorType"], error?: unknown): void {
    if (this.callEnded) return;
    this.callEnded = true;
    this.release();
    this.config.observer.callEnded(outcome, errorType, error);
  }

  /** Waits `ms` (0: no wait); ends early when the call is aborted. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.isAborted || this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.callSignal.removeEventListener("abort", done);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.callSignal.addEventListener("abort", done, { once: true });
      this.wakers.add(done);
    });
  }

  /** Settles like `promise`, or with undefined as soon as the call is aborted or cancelled (whichever is first). */
  untilAborted<T>(promise: Promise<T>): Promise<T | undefined> {
    if (this.isAborted || this.cancelled) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve, reject) => {
      const forget = (): void => {
        this.callSignal.removeEventListener("abort", stop);
        this.wakers.delete(stop);
      };
      const stop = (): void => {
        forget();
        resolve(undefined);
      };
      this.callSignal.addEventListener("abort", stop, { once: true });
      this.wakers.add(stop);
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

  protected override afterAttemptEnded(): Promise<IteratorResult<L0Event>> {
    return this.advance();
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

  private handleAbort(): void {
    // An abort once the output was accepted (e.g. from onEvent on `complete`) changes nothing.
    if (this.state.completed) return;
    this.state.aborted = true;
    this.interrupt(abortError(this.callSignal.reason, this.details()));
  }

  private release(): void {
    this.watchdogStop();
    this.callSignal.removeEventListener("abort", this.onCallAbort);
    this.config.options.signal?.removeEventListener("abort", this.onUserAbort);
  }
}
