/**
 * The streaming part of an attempt: opening the provider stream, the per-chunk hot path,
 * timeouts, interruption (abort, timeout) and abandoning the provider stream.
 * @packageDocumentation
 */
import { detectAdapter, resolveChunks } from "../adapters/resolve-adapter.js";
import { L0Error, type L0ErrorDetails } from "../errors/l0-error.js";
import type { ErrorType } from "../errors/error-types.js";
import { resetGuardrails } from "../guardrails/guardrail-engine.js";
import type { L0Chunk, L0Event, L0TokenEvent, L0Usage } from "../types/events.js";
import type { L0LifecycleEvent } from "../types/lifecycle.js";
import type { StreamContext, StreamFactory } from "../types/options.js";
import type { L0State } from "../types/result.js";
import { checkDriftDelta, checkStreamingGuardrails } from "./attempt-checks.js";
import type { CallConfig } from "./call-config.js";
import type { AttemptEndInfo, AttemptStartInfo } from "./call-observer.js";
import { OverlapFilter } from "./continuation.js";
import { callSafely } from "./emit.js";
import { RetryBudget, type RetryKind } from "./retry-policy.js";
import { TextBuffer, bindContent } from "./text-buffer.js";
import { TimeoutWatchdog, type TimeoutKind } from "./timeout-watchdog.js";

type Resolve = (result: IteratorResult<L0Event> | PromiseLike<IteratorResult<L0Event>>) => void;

/** Usage and other facts of the attempt's `finish` chunk. */
interface FinishFacts {
  usage?: L0Usage;
  finishReason?: string;
  model?: string;
  responseId?: string;
}

function noop(): void {}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** Base of the call run: one attempt at a time. */
export abstract class AttemptStream {
  /** Retries used on the current stream (fresh for the primary and each fallback). */
  budget = new RetryBudget();
  /** 0 = primary stream, n = `fallbackStreams[n - 1]`. */
  fallbackIndex = 0;
  /** Text the next attempt continues from (continuation), else undefined. */
  checkpoint: string | undefined;
  /** True between `attemptStarted` and `attemptEnded`. */
  attemptOpen = false;
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

  protected phase: "idle" | "setup" | "streaming" = "idle";
  private attemptController: AbortController | undefined;
  private attemptStartedAt = 0;
  private facts: FinishFacts = {};
  private adapterName: string | undefined;
  private source: AsyncIterator<L0Chunk> | undefined;
  private overlap: OverlapFilter | undefined;
  private watchdog: TimeoutWatchdog | undefined;
  private held: L0Event | undefined;
  private hasInterrupt = false;
  private interruptError: unknown;
  private generation = 0;
  private resolvePending: Resolve | undefined;
  private setupReject: ((error: unknown) => void) | undefined;
  private pullSource: () => void = noop;
  private readonly executor = (resolve: Resolve): void => {
    this.resolvePending = resolve;
  };

  /** The text behind `state.content`. */
  readonly text = new TextBuffer();

  constructor(
    readonly config: CallConfig,
    readonly state: L0State,
    protected readonly callController: AbortController,
  ) {
    bindContent(state, this.text);
  }

  /** Aborted when the caller aborts the call. */
  get callSignal(): AbortSignal {
    return this.callController.signal;
  }

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

  /** Usage, finish reason, model and adapter of the attempt, for `attemptEnded`. */
  finishInfo(): Omit<AttemptEndInfo, "outcome"> {
    const f = this.facts;
    return {
      ...(f.usage !== undefined && { usage: f.usage }),
      ...(f.finishReason !== undefined && { finishReason: f.finishReason }),
      ...(f.model !== undefined && { responseModel: f.model }),
      ...(f.responseId !== undefined && { responseId: f.responseId }),
      ...(this.adapterName !== undefined && { adapter: this.adapterName }),
    };
  }

  /** Starts an attempt: counters, guardrail/drift reset, observer, lifecycle, timeouts. */
  startAttempt(reason: ErrorType | undefined, retryKind: RetryKind | undefined): void {
    const { config, state } = this;
    state.attempt++;
    state.fallbackIndex = this.fallbackIndex;
    this.attemptOpen = true;
    this.attemptTokens = 0;
    this.attemptHadOutput = false;
    this.sourceDone = false;
    this.outcome = undefined;
    this.sinceCheck = 0;
    this.checkedLength = 0;
    this.reported.clear();
    this.pendingFailure = undefined;
    this.facts = {};
    this.adapterName = undefined;
    this.hasInterrupt = false;
    this.interruptError = undefined;
    this.attemptController = new AbortController();
    const checkpoint = this.checkpoint;
    this.overlap = checkpoint !== undefined && checkpoint.length > 0 ? new OverlapFilter(checkpoint) : undefined;
    resetGuardrails(config.rules);
    if (config.drift !== undefined) {
      config.drift.reset();
      if (checkpoint !== undefined) config.drift.push(checkpoint);
    }
    const info: AttemptStartInfo = { attempt: state.attempt, fallbackIndex: this.fallbackIndex };
    if (reason !== undefined) info.reason = reason;
    if (retryKind !== undefined) info.retryKind = retryKind;
    config.observer.attemptStarted(info);
    this.lifecycle({
      type: "ATTEMPT_START",
      attempt: state.attempt,
      fallbackIndex: this.fallbackIndex,
      isRetry: retryKind !== undefined,
      isFallback: reason !== undefined && retryKind === undefined,
      ...(reason !== undefined && { reason }),
    });
    this.attemptStartedAt = Date.now();
    if (config.initialTimeout !== undefined || config.interTimeout !== undefined) {
      this.watchdog = new TimeoutWatchdog(config.initialTimeout, config.interTimeout, (kind, elapsed) => this.onTimeout(kind, elapsed));
    }
  }

  /**
   * Calls the stream factory (inside the attempt span), awaits it racing the timeouts and abort,
   * and opens the adapter's chunk iterator. Throws what the factory or the adapter throws.
   */
  async setup(factory: StreamFactory): Promise<void> {
    this.phase = "setup";
    const signal = (this.attemptController as AbortController).signal;
    const context: StreamContext = { signal, attempt: this.state.attempt, fallbackIndex: this.fallbackIndex };
    if (this.checkpoint !== undefined) context.continuation = { checkpoint: this.checkpoint };
    const observer = this.config.observer;
    const produced = observer.runInAttempt(() => factory(context));
    const input = isThenable(produced) ? await this.race(produced) : produced;
    if (this.hasInterrupt) {
      this.hasInterrupt = false;
      throw this.interruptError;
    }
    const adapter = this.config.options.adapter;
    this.adapterName = adapter?.name ?? detectAdapter(input)?.name;
    const iterable = observer.runInAttempt(() => resolveChunks(input, adapter === undefined ? { signal } : { adapter, signal }));
    this.open(iterable[Symbol.asyncIterator]());
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
   * Interrupts the attempt with `error` (timeout or abort): settles a pending pull at once, rejects
   * a pending factory call, or (when the consumer holds an event) fails the attempt at the next pull.
   */
  interrupt(error: unknown): void {
    if (this.phase === "idle") return;
    if (this.phase === "streaming" && this.resolvePending !== undefined) {
      this.endAttempt(error);
      return;
    }
    this.attemptController?.abort(error);
    const reject = this.setupReject;
    this.setupReject = undefined;
    if (reject !== undefined) {
      reject(error);
      return;
    }
    this.hasInterrupt = true;
    this.interruptError = error;
  }

  /** Hands the next event (or the end of the attempt) to the consumer's pending pull. */
  protected pull(): Promise<IteratorResult<L0Event>> {
    const promise = new Promise<IteratorResult<L0Event>>(this.executor);
    if (this.held !== undefined) {
      const event = this.held;
      this.held = undefined;
      this.deliver(event);
    } else if (this.hasInterrupt) {
      this.hasInterrupt = false;
      this.endAttempt(this.interruptError);
    } else if (this.sourceDone) {
      this.endAttempt(undefined);
    } else {
      this.requestChunk();
    }
    return promise;
  }

  /** What the consumer's pending pull resolves to once the attempt ended. */
  protected abstract afterAttemptEnded(): Promise<IteratorResult<L0Event>>;

  private race<T>(promise: PromiseLike<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.setupReject = reject;
      Promise.resolve(promise).then(
        (value) => {
          this.setupReject = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.setupReject = undefined;
          reject(error);
        },
      );
    });
  }

  private open(iterator: AsyncIterator<L0Chunk>): void {
    const generation = ++this.generation;
    this.source = iterator;
    const onChunk = (result: IteratorResult<L0Chunk>): void => {
      if (generation === this.generation) this.onChunk(result);
    };
    const onError = (error: unknown): void => {
      if (generation === this.generation) this.endAttempt(error ?? new Error("The provider stream failed without an error"));
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
    this.phase = "streaming";
  }

  private requestChunk(): void {
    this.watchdog?.beginWait();
    this.config.observer.runInAttempt(this.pullSource);
  }

  private onChunk(result: IteratorResult<L0Chunk>): void {
    const watchdog = this.watchdog;
    if (result.done === true) {
      watchdog?.endWait(false);
      this.sourceEnded();
      return;
    }
    const chunk = result.value;
    switch (chunk.type) {
      case "token": {
        watchdog?.endWait(true);
        this.config.observer.chunkReceived();
        let value = chunk.value;
        if (this.overlap !== undefined) value = this.overlap.push(value);
        if (typeof value === "string" && value.length > 0) this.deliverToken(value);
        else this.requestChunk();
        return;
      }
      case "message":
        watchdog?.endWait(true);
        this.attemptHadOutput = true;
        this.deliverContent({ type: "message", value: chunk.value, ...(chunk.role !== undefined && { role: chunk.role }), timestamp: Date.now() });
        return;
      case "data":
        watchdog?.endWait(true);
        this.attemptHadOutput = true;
        this.deliverContent({ type: "data", data: chunk.data, timestamp: Date.now() });
        return;
      case "progress":
        watchdog?.endWait(true);
        this.deliverContent({ type: "progress", progress: chunk.progress, timestamp: Date.now() });
        return;
      case "finish":
        watchdog?.endWait(false);
        this.recordFinish(chunk);
        this.requestChunk();
        return;
      case "error":
        watchdog?.endWait(false);
        this.endAttempt(chunk.error ?? new Error("The provider stream reported an error without details"));
        return;
      default:
        watchdog?.endWait(false);
        this.requestChunk();
    }
  }

  private recordFinish(chunk: Extract<L0Chunk, { type: "finish" }>): void {
    const facts = this.facts;
    if (chunk.usage !== undefined) facts.usage = chunk.usage;
    if (chunk.finishReason !== undefined) facts.finishReason = chunk.finishReason;
    if (chunk.model !== undefined) facts.model = chunk.model;
    if (chunk.responseId !== undefined) facts.responseId = chunk.responseId;
  }

  private sourceEnded(): void {
    this.sourceDone = true;
    this.source = undefined;
    const overlap = this.overlap;
    if (overlap !== undefined && overlap.pending) {
      const text = overlap.flush();
      if (text.length > 0) {
        this.deliverToken(text);
        return;
      }
    }
    this.endAttempt(undefined);
  }

  /** Non-text content: flushes held-back continuation text first so order is kept. */
  private deliverContent(event: L0Event): void {
    const overlap = this.overlap;
    if (overlap !== undefined && overlap.pending) {
      const text = overlap.flush();
      if (text.length > 0) {
        this.held = event;
        this.deliverToken(text);
        return;
      }
    }
    this.deliver(event);
  }

  private deliver(event: L0Event): void {
    callSafely("onEvent", this.config.onEvent, event);
    this.settle({ done: false, value: event });
  }

  private deliverToken(value: string): void {
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
    this.settle({ done: false, value: event });
  }

  private settle(result: IteratorResult<L0Event>): void {
    const resolve = this.resolvePending;
    this.resolvePending = undefined;
    resolve?.(result);
  }

  private endAttempt(failure: unknown): void {
    this.outcome = failure;
    if (failure !== undefined) this.abandon(failure);
    else {
      this.generation++;
      this.phase = "idle";
      this.watchdogStop();
    }
    const resolve = this.resolvePending;
    this.resolvePending = undefined;
    resolve?.(this.afterAttemptEnded());
  }

  private onTimeout(kind: TimeoutKind, elapsedMs: number): void {
    const { config, state } = this;
    config.observer.timeout(kind, elapsedMs);
    this.lifecycle({ type: "TIMEOUT", timeoutType: kind, elapsedMs, attempt: state.attempt });
    const initial = kind === "initial";
    const limit = initial ? config.initialTimeout : config.interTimeout;
    const error = new L0Error(
      initial ? "INITIAL_TOKEN_TIMEOUT" : "INTER_TOKEN_TIMEOUT",
      initial
        ? `No first token within timeout.initialToken (${limit} ms; waited ${elapsedMs} ms)`
        : `No chunk within timeout.interToken (${limit} ms; waited ${elapsedMs} ms)`,
      { details: { ...this.details(), errorType: initial ? "initial_token_timeout" : "inter_token_timeout" } },
    );
    this.interrupt(error);
  }
}

/** `Omit` applied to each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
