/**
 * The life of an attempt around the hot path: starting it (counters, guardrail and drift reset,
 * observer, lifecycle, timeouts), calling the stream factory and opening the adapter, and
 * interrupting it on a timeout or abort.
 * @packageDocumentation
 */
import { detectAdapter, resolveChunks } from "../adapters/resolve-adapter.js";
import { L0Error } from "../errors/l0-error.js";
import type { ErrorType } from "../errors/error-types.js";
import { resetGuardrails } from "../guardrails/guardrail-engine.js";
import type { StreamContext, StreamFactory } from "../types/options.js";
import { AttemptReader } from "./attempt-reader.js";
import type { CallConfig } from "./call-config.js";
import type { AttemptEndInfo, AttemptStartInfo } from "./call-observer.js";
import { OverlapFilter } from "./continuation.js";
import type { RetryKind } from "./retry-policy.js";
import { TimeoutWatchdog, type TimeoutKind } from "./timeout-watchdog.js";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** One attempt at a time: start, set up, interrupt. */
export abstract class AttemptStream extends AttemptReader {
  /** Text the next attempt continues from (continuation), else undefined. */
  checkpoint: string | undefined;
  /** True between `attemptStarted` and `attemptEnded`. */
  attemptOpen = false;

  private adapterName: string | undefined;
  private setupReject: ((error: unknown) => void) | undefined;

  constructor(
    config: CallConfig,
    protected readonly callController: AbortController,
  ) {
    super(config);
  }

  /** Aborted when the caller aborts the call. */
  get callSignal(): AbortSignal {
    return this.callController.signal;
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
    this.uncheckedParts.length = 0;
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

  /**
   * Interrupts the attempt with `error` (timeout or abort): settles a pending pull at once, rejects
   * a pending factory call, or (when the consumer holds an event) fails the attempt at the next pull.
   */
  interrupt(error: unknown): void {
    if (this.phase === "idle") return;
    if (this.phase === "streaming") {
      this.interruptStream(error);
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

  /** Rejects a pending factory call with `error` (the consumer stopped reading); no-op otherwise. */
  protected rejectSetup(error: unknown): void {
    const reject = this.setupReject;
    this.setupReject = undefined;
    reject?.(error);
  }

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
