/**
 * The hot path of an attempt: pulling chunks from the adapter, turning them into events,
 * and ending the attempt (normally, on a provider error, or interrupted by a timeout or abort).
 *
 * Two ways to pull, chosen per attempt:
 * - **direct** (built-in adapters, whose iterator settles a pending `next()` at once when it is
 *   returned or its signal aborts): the consumer gets the adapter's `next()` promise mapped to an
 *   event, one promise per token;
 * - **racing** (any other iterator, e.g. a custom adapter that may hang and ignore the signal): the
 *   consumer gets a promise the runtime owns, so a timeout or abort settles it even while the
 *   provider never answers.
 * In both, a late provider answer after an interruption is ignored (generation check).
 * @packageDocumentation
 */
import { ChunkIterator } from "../adapters/chunk-iterator.js";
import type { L0Error, L0ErrorDetails } from "../errors/l0-error.js";
import type { L0Chunk, L0Event, L0TokenEvent, L0Usage } from "../types/events.js";
import type { L0LifecycleEvent } from "../types/lifecycle.js";
import type { L0State } from "../types/result.js";
import { checkDriftDelta, checkStreamingGuardrails } from "./attempt-checks.js";
import type { CallConfig } from "./call-config.js";
import type { OverlapFilter } from "./continuation.js";
import { callSafely } from "./emit.js";
import { RetryBudget } from "./retry-policy.js";
import { createCallState } from "./call-state.js";
import { TextBuffer } from "./text-buffer.js";
import type { TimeoutWatchdog } from "./timeout-watchdog.js";

/** What a pull resolves to: an event, or (a promise of) what follows the attempt's end. */
export type PullResult = IteratorResult<L0Event> | Promise<IteratorResult<L0Event>>;
type Resolve = (result: PullResult) => void;

/** Usage and other facts of the attempt's `finish` chunk. */
export interface FinishFacts {
  usage?: L0Usage;
  finishReason?: string;
  model?: string;
  responseId?: string;
}

/** `Omit` applied to each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function noop(): void {}

/** Reads one attempt's chunks for the consumer. */
export abstract class AttemptReader {
  /** The text behind `state.content`. */
  readonly text = new TextBuffer();
  /** Token events delivered in this attempt. */
  attemptTokens = 0;
  /** The attempt delivered a message or data event (output that is not text). */
  attemptHadOutput = false;
  /** The provider stream of this attempt ended normally. */
  sourceDone = false;
  /** Why the attempt ended early (undefined when the provider stream ended normally). */
  outcome: unknown;
  /** Tokens since the last streaming guardrail check. */
  sinceCheck = 0;
  /** Length of `state.content` at the last guardrail check. */
  checkedLength = 0;
  /** Keys of violations already reported in this attempt (rules may repeat themselves). */
  readonly reported = new Set<string>();
  /** A retryable guardrail/drift failure seen mid-stream that could not end the attempt then. */
  pendingFailure: L0Error | undefined;
  /** Retries used on the current stream (fresh for the primary and each fallback). */
  budget = new RetryBudget();
  /** 0 = primary stream, n = `fallbackStreams[n - 1]`. */
  fallbackIndex = 0;

  protected phase: "idle" | "setup" | "streaming" = "idle";
  protected attemptController: AbortController | undefined;
  protected attemptStartedAt = 0;
  protected facts: FinishFacts = {};
  protected overlap: OverlapFilter | undefined;
  protected watchdog: TimeoutWatchdog | undefined;
  protected hasInterrupt = false;
  protected interruptError: unknown;
  private source: AsyncIterator<L0Chunk> | undefined;
  private direct = false;
  private inFlight = false;
  private held: L0Event | undefined;
  private generation = 0;
  private ended: Promise<IteratorResult<L0Event>> | undefined;
  private resolvePending: Resolve | undefined;
  private pullSource: () => void = noop;
  private pullDirect: () => Promise<IteratorResult<L0Event>> = () => Promise.resolve({ done: true, value: undefined });
  private readonly executor = (resolve: Resolve): void => {
    this.resolvePending = resolve;
  };

  /** Live state of the call (`result.state`). */
  readonly state: L0State = createCallState(this.text);

  constructor(readonly config: CallConfig) {}

  /** Emits a lifecycle event to `onEvent` (built only when there is a handler). */
  lifecycle(event: DistributiveOmit<L0LifecycleEvent, "ts" | "sessionId">): void {
    const onEvent = this.config.onEvent;
    if (onEvent === undefined) return;
    callSafely("onEvent", onEvent, { ...event, ts: Date.now(), sessionId: this.config.sessionId } as L0LifecycleEvent);
  }

  /** Facts for an `L0Error` raised now. */
  details(): L0ErrorDetails {
    return { attempt: this.state.attempt, fallbackIndex: this.fallbackIndex, tokenCount: this.state.tokenCount };
  }

  /** Abandons the attempt: aborts its signal and closes the provider stream without waiting for it. */
  abandon(reason: unknown): void {
    this.generation++;
    this.phase = "idle";
    this.watchdogStop();
    const controller = this.attemptController;
    if (controller !== undefined && !controller.signal.aborted) controller.abort(reason);
    const source = this.source;
    this.source = undefined;
    if (source?.return !== undefined) {
      try {
        Promise.resolve(source.return()).then(noop, noop);
      } catch {
        // A throwing return() cannot be helped; the attempt signal is aborted anyway.
      }
    }
  }

  /** Stops the timeouts of the attempt. */
  watchdogStop(): void {
    this.watchdog?.stop();
    this.watchdog = undefined;
  }

  /**
   * Interrupts a streaming attempt with `error` (timeout or abort): a pending pull settles at once;
   * when the consumer holds an event, the attempt fails at its next pull.
   */
  protected interruptStream(error: unknown): void {
    if (this.resolvePending !== undefined) {
      this.settle(this.endAttempt(error));
      return;
    }
    // Direct pull in flight: abandoning settles the adapter's next(), which then maps to `ended`.
    if (this.inFlight) {
      this.endAttempt(error);
      return;
    }
    this.attemptController?.abort(error);
    this.hasInterrupt = true;
    this.interruptError = error;
  }

  /** Starts reading `iterator` for the current attempt. */
  protected open(iterator: AsyncIterator<L0Chunk>): void {
    const generation = ++this.generation;
    this.source = iterator;
    this.direct = iterator instanceof ChunkIterator;
    this.inFlight = false;
    this.held = undefined;
    const onChunk = (result: IteratorResult<L0Chunk>): void => {
      if (generation !== this.generation) return;
      const next = this.handle(result);
      if (next === undefined) this.requestChunk();
      else this.settle(next);
    };
    const onError = (error: unknown): void => {
      if (generation === this.generation) this.settle(this.endAttempt(error ?? new Error("The provider stream failed without an error")));
    };
    this.pullSource = () => {
      let next: Promise<IteratorResult<L0Chunk>>;
      try {
        next = iterator.next();
      } catch (error) {
        onError(error);
        return;
      }
      next.then(onChunk, onError);
    };
    const mapChunk = (result: IteratorResult<L0Chunk>): PullResult => {
      this.inFlight = false;
      if (generation !== this.generation) return this.ended as Promise<IteratorResult<L0Event>>;
      return this.handle(result) ?? this.pullAgain();
    };
    const mapError = (error: unknown): PullResult => {
      this.inFlight = false;
      if (generation !== this.generation) return this.ended as Promise<IteratorResult<L0Event>>;
      return this.endAttempt(error ?? new Error("The provider stream failed without an error"));
    };
    this.pullDirect = () => {
      try {
        return iterator.next().then(mapChunk, mapError);
      } catch (error) {
        this.inFlight = false;
        return this.endAttempt(error);
      }
    };
    this.phase = "streaming";
  }

  /** Hands the next event (or the end of the attempt) to the consumer. */
  protected pull(): Promise<IteratorResult<L0Event>> {
    if (this.direct && this.held === undefined && !this.hasInterrupt && !this.sourceDone) return this.pullAgain();
    const promise = new Promise<IteratorResult<L0Event>>(this.executor);
    if (this.held !== undefined) {
      const event = this.held;
      this.held = undefined;
      this.settle(this.deliver(event));
    } else if (this.hasInterrupt) {
      this.hasInterrupt = false;
      this.settle(this.endAttempt(this.interruptError));
    } else if (this.sourceDone) {
      this.settle(this.endAttempt(undefined));
    } else {
      this.requestChunk();
    }
    return promise;
  }

  /** What the consumer gets once the attempt ended (the control flow's next event). */
  protected abstract afterAttemptEnded(): Promise<IteratorResult<L0Event>>;

  /** Ends the attempt (`failure` undefined: the provider stream ended normally). */
  protected endAttempt(failure: unknown): Promise<IteratorResult<L0Event>> {
    this.outcome = failure;
    if (failure !== undefined) this.abandon(failure);
    else {
      this.generation++;
      this.phase = "idle";
      this.watchdogStop();
    }
    const next = this.afterAttemptEnded();
    this.ended = next;
    return next;
  }

  private pullAgain(): Promise<IteratorResult<L0Event>> {
    this.watchdog?.beginWait();
    this.inFlight = true;
    return this.config.observer.runInAttempt(this.pullDirect);
  }

  private requestChunk(): void {
    this.watchdog?.beginWait();
    this.config.observer.runInAttempt(this.pullSource);
  }

  private settle(result: PullResult): void {
    const resolve = this.resolvePending;
    this.resolvePending = undefined;
    resolve?.(result);
  }

  /** Maps one adapter result; undefined means "nothing to deliver, pull again". */
  private handle(result: IteratorResult<L0Chunk>): PullResult | undefined {
    const watchdog = this.watchdog;
    if (result.done === true) {
      watchdog?.endWait(false);
      return this.sourceEnded();
    }
    const chunk = result.value;
    switch (chunk.type) {
      case "token": {
        watchdog?.endWait(true);
        this.config.observer.chunkReceived();
        const value = this.overlap === undefined ? chunk.value : this.overlap.push(chunk.value);
        return typeof value === "string" && value.length > 0 ? this.deliverToken(value) : undefined;
      }
      case "message":
        watchdog?.endWait(true);
        this.attemptHadOutput = true;
        return this.deliverContent({ type: "message", value: chunk.value, ...(chunk.role !== undefined && { role: chunk.role }), timestamp: Date.now() });
      case "data":
        watchdog?.endWait(true);
        this.attemptHadOutput = true;
        return this.deliverContent({ type: "data", data: chunk.data, timestamp: Date.now() });
      case "progress":
        watchdog?.endWait(true);
        return this.deliverContent({ type: "progress", progress: chunk.progress, timestamp: Date.now() });
      case "finish": {
        watchdog?.endWait(false);
        const facts = this.facts;
        if (chunk.usage !== undefined) facts.usage = chunk.usage;
        if (chunk.finishReason !== undefined) facts.finishReason = chunk.finishReason;
        if (chunk.model !== undefined) facts.model = chunk.model;
        if (chunk.responseId !== undefined) facts.responseId = chunk.responseId;
        return undefined;
      }
      case "error":
        watchdog?.endWait(false);
        return this.endAttempt(chunk.error ?? new Error("The provider stream reported an error without details"));
      default:
        watchdog?.endWait(false);
        return undefined;
    }
  }

  private sourceEnded(): PullResult {
    this.sourceDone = true;
    this.source = undefined;
    const overlap = this.overlap;
    if (overlap !== undefined && overlap.pending) {
      const text = overlap.flush();
      if (text.length > 0) return this.deliverToken(text);
    }
    return this.endAttempt(undefined);
  }

  /** Non-text content: flushes held-back continuation text first so order is kept. */
  private deliverContent(event: L0Event): PullResult {
    const overlap = this.overlap;
    if (overlap !== undefined && overlap.pending) {
      const text = overlap.flush();
      if (text.length > 0) {
        this.held = event;
        return this.deliverToken(text);
      }
    }
    return this.deliver(event);
  }

  private deliver(event: L0Event): IteratorResult<L0Event> {
    callSafely("onEvent", this.config.onEvent, event);
    return { done: false, value: event };
  }

  private deliverToken(value: string): PullResult {
    const { config, state } = this;
    this.text.append(value);
    state.tokenCount++;
    const tokens = ++this.attemptTokens;
    if (config.drift !== undefined) {
      const failure = checkDriftDelta(this, value);
      if (failure !== undefined) return this.endAttempt(failure);
    }
    if (config.rules.length > 0 && ++this.sinceCheck >= config.guardrailInterval) {
      const failure = checkStreamingGuardrails(this);
      if (failure !== undefined) return this.endAttempt(failure);
    }
    const event: L0TokenEvent = { type: "token", value, timestamp: Date.now() };
    if (tokens === 1) this.lifecycle({ type: "FIRST_TOKEN", attempt: state.attempt, ttftMs: event.timestamp - this.attemptStartedAt });
    if (config.onEvent !== undefined) callSafely("onEvent", config.onEvent, event);
    config.observer.tokenDelivered();
    return { done: false, value: event };
  }
}
