/**
 * One attempt: a fresh object per attempt that owns its abort controller, timeout watchdog,
 * continuation overlap filter, content checks and `ended` flag. A late answer or callback of an
 * old attempt finds its own attempt ended and is ignored.
 *
 * Reading the provider stream, two ways, with no promise of l0's own per token:
 * - **direct** (the built-in adapters' `ChunkIterator`): `pullInto` reports the chunk to a callback;
 * - **then** (any other iterator, e.g. a custom adapter that may hang and ignore the signal): its
 *   `next()` promise is followed with `then`.
 * The mapping of chunks to consumer events is in `attempt-delivery.ts`.
 * @packageDocumentation
 */
import { ChunkIterator } from "../adapters/chunk-iterator.js";
import { detectAdapter, resolveChunks } from "../adapters/resolve-adapter.js";
import type { ErrorType } from "../errors/error-types.js";
import { L0Error } from "../errors/l0-error.js";
import { resetGuardrails } from "../guardrails/guardrail-engine.js";
import type { L0Chunk, L0Event } from "../types/events.js";
import type { StreamContext, StreamFactory } from "../types/options.js";
import type { AttemptHost, PullResult } from "./attempt-host.js";
import { handleChunk, type DeliveringAttempt, type ResponseFacts } from "./attempt-delivery.js";
import type { AttemptEndInfo } from "./call-observer.js";
import { ContentChecks } from "./content-checks.js";
import { OverlapFilter } from "./continuation.js";
import { TimeoutWatchdog, type TimeoutFiring } from "./timeout-watchdog.js";
import { turnNow } from "./turn-clock.js";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function"
  );
}

function noop(): void {}

function malformedResult(result: unknown): L0Error {
  return new L0Error("INVALID_STREAM", `The provider stream's next() resolved to ${String(result)} instead of an iterator result`, {
    details: { errorType: "client_error" },
  });
}

/** What a second end of the same attempt returns; nobody waits for it. */
const ALREADY_ENDED: Promise<IteratorResult<L0Event>> = Promise.resolve({ done: true, value: undefined });

/**
 * One attempt of a call.
 * Its members are TypeScript `private`, not `#private`: on Node 20, `#private` members in this
 * per-token path measured 1.3-1.6x slower per token (bench 01). Other classes on the `l0` import
 * path use `#private`, which minifiers shorten (bench 05's bundle budget).
 */
export class Attempt implements DeliveringAttempt {
  /** Aborted when the attempt is abandoned (timeout, abort, failure, consumer stop). */
  readonly controller = new AbortController();
  /** Token events delivered in this attempt. */
  tokens = 0;
  /** The attempt delivered a message or data event (output that is not text). */
  hadOutput = false;
  /** The attempt delivered a token that is not only whitespace (so the zero-output check need not read the text). */
  hadText = false;
  /** The provider stream ended normally. */
  sourceDone = false;
  /** Why the attempt ended early (undefined when the provider stream ended normally). */
  outcome: unknown;
  /** Usage, finish reason, model and id the stream reported. */
  readonly facts: ResponseFacts = {};
  /** A content event held back while flushed continuation text goes first. */
  held: L0Event | undefined;
  /** Monotonic ms at the start (the base of the first token's `ttftMs`). */
  readonly startedAt: number;
  readonly overlap: OverlapFilter | undefined;
  readonly watchdog: TimeoutWatchdog | undefined;
  readonly checks: ContentChecks | undefined;

  private phase: "setup" | "streaming" | "ended" = "setup";
  private reported = false;
  private adapterName: string | undefined;
  private source: AsyncIterator<L0Chunk> | undefined;
  private pullSource: () => void = noop;
  /** The first pull was made (it ran inside the attempt span). */
  private pulled = false;
  /** The provider answered the last pull (set by its callbacks; read right after a pull to see whether it waits). */
  private answered = false;
  /** A pull is running on the stack (a direct pull may report its chunk synchronously). */
  private pulling = false;
  /** A synchronous report asked for another pull while one was running: loop instead of recursing. */
  private pullRequested = false;
  /** Rejects the pending factory call (set while it runs). */
  private setupReject: ((error: unknown) => void) | undefined;
  /** A timeout or abort that came while the consumer held an event: the next pull fails with it. */
  private interruption: { readonly error: unknown } | undefined;

  /**
   * @param checkpoint text this attempt continues from (continuation), else undefined
   */
  constructor(
    readonly host: AttemptHost,
    /** 1-based attempt number across the call. */
    readonly number: number,
    /** 0 = primary stream. */
    readonly fallbackIndex: number,
    readonly checkpoint: string | undefined,
  ) {
    const { config } = host;
    this.overlap = checkpoint !== undefined && checkpoint.length > 0 ? new OverlapFilter(checkpoint) : undefined;
    resetGuardrails(config.rules);
    this.checks = config.rules.length > 0 || config.drift !== undefined ? new ContentChecks(this) : undefined;
    this.startedAt = turnNow();
    this.watchdog =
      config.initialTimeout !== undefined || config.interTimeout !== undefined
        ? new TimeoutWatchdog(config.initialTimeout, config.interTimeout, (firing) => this.timedOut(firing))
        : undefined;
  }

  /** True once the attempt ended (its answers and callbacks are ignored from then on). */
  get ended(): boolean {
    return this.phase === "ended";
  }

  /** The attempt's signal, handed to the stream factory and the adapter. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Calls the stream factory (inside the attempt span), awaits it racing the timeouts and abort,
   * and opens the adapter's chunk iterator. Throws what the factory or the adapter throws.
   */
  async setup(factory: StreamFactory): Promise<void> {
    const { config } = this.host;
    const signal = this.signal;
    const context: StreamContext = { signal, attempt: this.number, fallbackIndex: this.fallbackIndex };
    if (this.checkpoint !== undefined) context.continuation = { checkpoint: this.checkpoint };
    const observer = this.host.events.observer;
    const produced = observer.runInAttempt(() => factory(context));
    const input = isThenable(produced) ? await this.race(produced) : produced;
    const interruption = this.interruption;
    if (interruption !== undefined) {
      this.interruption = undefined;
      throw interruption.error;
    }
    const adapter = config.options.adapter ?? detectAdapter(input);
    this.adapterName = adapter?.name;
    if (adapter !== undefined) {
      if (adapter.provider !== undefined) this.facts.provider ??= adapter.provider;
      this.host.events.streamFacts({ adapter: adapter.name, ...(adapter.provider !== undefined && { provider: adapter.provider }) });
    }
    const iterable = observer.runInAttempt(() => resolveChunks(input, adapter === undefined ? { signal } : { adapter, signal }));
    this.open(iterable[Symbol.asyncIterator]());
  }

  /** The consumer wants the next event: hands it over now or once the provider answers. */
  pull(): void {
    const host = this.host;
    const held = this.held;
    if (held !== undefined) {
      this.held = undefined;
      host.events.streamEvent(held);
      host.settle({ done: false, value: held });
    } else if (this.interruption !== undefined) {
      const { error } = this.interruption;
      this.interruption = undefined;
      host.settle(this.end(error));
    } else if (this.sourceDone) {
      host.settle(this.end(undefined));
    } else {
      this.requestChunk();
    }
  }

  /**
   * Interrupts the attempt with `error` (timeout or abort): settles a pending pull at once, rejects
   * a pending factory call, or (when the consumer holds an event) fails the attempt at the next pull.
   */
  interrupt(error: unknown): void {
    if (this.phase === "ended") return;
    if (this.phase === "streaming" && this.host.pullPending) {
      this.host.settle(this.end(error));
      return;
    }
    if (!this.controller.signal.aborted) this.controller.abort(error);
    const reject = this.setupReject;
    this.setupReject = undefined;
    if (reject !== undefined) reject(error);
    else this.interruption = { error };
  }

  /** Rejects a pending factory call with `error` (the consumer stopped reading); no-op otherwise. */
  rejectSetup(error: unknown): void {
    const reject = this.setupReject;
    this.setupReject = undefined;
    reject?.(error);
  }

  /**
   * Ends the attempt (`failure` undefined: the provider stream ended normally) and continues the
   * call. Once per attempt: when a callback run while a chunk is handled (`onViolation`, `onDrift`,
   * `onEvent`) aborted the call, the abort ended the attempt already and the chunk's own ending is
   * ignored.
   */
  end(failure: unknown): Promise<IteratorResult<L0Event>> {
    if (this.phase !== "streaming") return ALREADY_ENDED;
    this.outcome = failure;
    if (failure !== undefined) this.abandon(failure);
    else this.close();
    return this.host.afterAttempt();
  }

  /** Abandons the attempt: aborts its signal and closes the provider stream without waiting for it. */
  abandon(reason: unknown): void {
    this.close();
    if (!this.controller.signal.aborted) this.controller.abort(reason);
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

  /** The provider stream ended normally (it needs no closing). */
  sourceEnded(): void {
    this.sourceDone = true;
    this.source = undefined;
  }

  /**
   * The attempt's end for the observer, once: `undefined` when it was given already. Usage, finish
   * reason, model, id and adapter come from the attempt; the output text only with `captureContent`.
   */
  endInfo(outcome: AttemptEndInfo["outcome"], errorType?: ErrorType, error?: unknown): AttemptEndInfo | undefined {
    if (this.reported) return undefined;
    this.reported = true;
    const f = this.facts;
    const info: AttemptEndInfo = { outcome, tokens: this.tokens, outputKept: true };
    if (errorType !== undefined) info.errorType = errorType;
    if (error !== undefined) info.error = error;
    if (f.usage !== undefined) info.usage = f.usage;
    if (f.finishReason !== undefined) info.finishReason = f.finishReason;
    if (f.model !== undefined) info.responseModel = f.model;
    if (f.responseId !== undefined) info.responseId = f.responseId;
    if (this.adapterName !== undefined) info.adapter = this.adapterName;
    if (f.provider !== undefined) info.provider = f.provider;
    if (this.host.config.captureContent) info.content = this.host.state.content;
    return info;
  }

  /** Stops reading: no further answer of this attempt is handled, the timeouts stop. */
  private close(): void {
    this.phase = "ended";
    this.watchdog?.stop();
  }

  private open(iterator: AsyncIterator<L0Chunk>): void {
    this.source = iterator;
    this.held = undefined;
    const onChunk = (chunk: L0Chunk | undefined): void => {
      this.answered = true;
      if (this.phase !== "streaming") return;
      const next = handleChunk(this, chunk);
      if (next === undefined) this.requestAnotherChunk();
      else this.host.settle(next);
    };
    const onResult = (result: IteratorResult<L0Chunk>): void => {
      // A malformed iterator (next() resolving to null or a primitive) is a typed stream error.
      if (typeof result !== "object" || result === null) onError(malformedResult(result));
      else onChunk(result.done === true ? undefined : result.value);
    };
    const onError = (error: unknown): void => {
      this.answered = true;
      if (this.phase === "streaming") this.host.settle(this.failed(error ?? new Error("The provider stream failed without an error")));
    };
    if (iterator instanceof ChunkIterator) {
      this.pullSource = () => iterator.pullInto(onChunk, onError);
    } else {
      this.pullSource = () => {
        let next: Promise<IteratorResult<L0Chunk>>;
        try {
          next = iterator.next();
        } catch (error) {
          onError(error);
          return;
        }
        next.then(onResult, onError);
      };
    }
    this.phase = "streaming";
  }

  /** The provider failed: a failure after the deadline is the timeout's (the deadline wins). */
  private failed(error: unknown): PullResult {
    const late = this.watchdog?.endWait(false);
    return late === undefined ? this.end(error) : this.timeoutResult(late);
  }

  private requestChunk(): void {
    const watchdog = this.watchdog;
    if (watchdog === undefined) {
      this.pullOnce();
      return;
    }
    this.answered = false;
    this.pullOnce();
    // Not answered at once: a real wait for the provider (timed by the watchdog).
    if (!this.answered && this.phase === "streaming") watchdog.beginWait();
  }

  /**
   * Pulls the provider once. The first pull of the attempt runs with the attempt span active (a
   * provider that starts its request on the first read nests it there); later pulls continue the
   * async context the request was made in, so they need no context switch of their own.
   */
  private pullOnce(): void {
    if (this.pulled) {
      this.pullSource();
      return;
    }
    this.pulled = true;
    this.host.events.observer.runInAttempt(this.pullSource);
  }

  /**
   * A chunk delivered nothing: pull again. A direct pull may report its chunk synchronously, so this
   * can run inside the previous pull; then it loops there instead of recursing (a long run of
   * chunks that deliver nothing cannot overflow the stack).
   */
  private requestAnotherChunk(): void {
    if (this.pulling) {
      this.pullRequested = true;
      return;
    }
    this.pulling = true;
    try {
      do {
        this.pullRequested = false;
        this.requestChunk();
      } while (this.pullRequested);
    } finally {
      this.pulling = false;
    }
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

  /** A timeout fired while waiting: report it and interrupt the attempt. */
  private timedOut(firing: TimeoutFiring): void {
    this.interrupt(this.timeoutError(firing));
  }

  /** An answer came after its deadline: report the timeout and end the attempt with it. */
  timeoutResult(firing: TimeoutFiring): PullResult {
    return this.end(this.timeoutError(firing));
  }

  private timeoutError(firing: TimeoutFiring): L0Error {
    const { config, events } = this.host;
    events.timeout(firing, this.number);
    const initial = firing.kind === "initial";
    const limit = initial ? config.initialTimeout : config.interTimeout;
    return new L0Error(
      initial ? "INITIAL_TOKEN_TIMEOUT" : "INTER_TOKEN_TIMEOUT",
      initial
        ? `No first token within timeout.initialToken (${limit} ms; waited ${firing.elapsedMs} ms)`
        : `No chunk within timeout.interToken (${limit} ms; waited ${firing.elapsedMs} ms)`,
      { details: { ...this.host.details(), errorType: initial ? "initial_token_timeout" : "inter_token_timeout" } },
    );
  }
}
