/**
 * The hot path of an attempt: pulling chunks from the adapter (mapped to events by
 * `chunk-delivery.ts`) and ending the attempt (normally, on a provider error, or interrupted by a timeout or abort).
 *
 * The consumer always gets a promise the runtime owns, so a timeout or abort settles it at once even
 * while the provider never answers. How a chunk is pulled is chosen per attempt:
 * - **direct** (built-in adapters, whose iterator is a `ChunkIterator`): `pullInto` reports the chunk
 *   to a callback, with no promise of the adapter's own per token;
 * - **then** (any other iterator, e.g. a custom adapter that may hang and ignore the signal): its
 *   `next()` promise is followed with `then`.
 * In both, a late provider answer after an interruption is ignored (generation check).
 * @packageDocumentation
 */
import { ChunkIterator } from "../adapters/chunk-iterator.js";
import type { L0Chunk, L0Event } from "../types/events.js";
import { ChunkDelivery, type PullResult } from "./chunk-delivery.js";

type Resolve = (result: PullResult) => void;

function noop(): void {}

/** What a second end of the same attempt returns; nobody waits for it. */
const ALREADY_ENDED: Promise<IteratorResult<L0Event>> = Promise.resolve({ done: true, value: undefined });

/** Reads one attempt's chunks for the consumer. */
export abstract class AttemptReader extends ChunkDelivery {
  protected phase: "idle" | "setup" | "streaming" = "idle";
  protected attemptController: AbortController | undefined;
  protected hasInterrupt = false;
  protected interruptError: unknown;
  private source: AsyncIterator<L0Chunk> | undefined;
  private generation = 0;
  private resolvePending: Resolve | undefined;
  /** A pull is running on the stack (a direct pull may report its chunk synchronously). */
  private pulling = false;
  /** A synchronous report asked for another pull while one was running: loop instead of recursing. */
  private pullRequested = false;
  private pullSource: () => void = noop;
  private readonly executor = (resolve: Resolve): void => {
    this.resolvePending = resolve;
  };

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
    this.attemptController?.abort(error);
    this.hasInterrupt = true;
    this.interruptError = error;
  }

  /** Starts reading `iterator` for the current attempt. */
  protected open(iterator: AsyncIterator<L0Chunk>): void {
    const generation = ++this.generation;
    this.source = iterator;
    this.held = undefined;
    const onChunk = (chunk: L0Chunk | undefined): void => {
      if (generation !== this.generation) return;
      const next = this.handle(chunk);
      if (next === undefined) this.requestAnotherChunk();
      else this.settle(next);
    };
    const onResult = (result: IteratorResult<L0Chunk>): void => onChunk(result.done === true ? undefined : result.value);
    const onError = (error: unknown): void => {
      if (generation === this.generation) this.settle(this.endAttempt(error ?? new Error("The provider stream failed without an error")));
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

  /** Hands the next event (or the end of the attempt) to the consumer. */
  protected pull(): Promise<IteratorResult<L0Event>> {
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

  /**
   * Ends the attempt (`failure` undefined: the provider stream ended normally). Once per attempt:
   * when a callback run while a chunk is handled (`onViolation`, `onDrift`, `onEvent`) aborted the
   * call, the abort ended the attempt already and the chunk's own ending is ignored (advancing the
   * control flow twice would swallow the final error and leave its promise rejected unhandled).
   */
  protected override endAttempt(failure: unknown): Promise<IteratorResult<L0Event>> {
    if (this.phase !== "streaming") return ALREADY_ENDED;
    this.outcome = failure;
    if (failure !== undefined) this.abandon(failure);
    else {
      this.generation++;
      this.phase = "idle";
      this.watchdogStop();
    }
    return this.afterAttemptEnded();
  }

  protected override forgetSource(): void {
    this.source = undefined;
  }

  private requestChunk(): void {
    this.watchdog?.beginWait();
    this.config.observer.runInAttempt(this.pullSource);
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

  /** Settles the consumer's pending pull (if any) with `result`. */
  protected settle(result: PullResult): void {
    const resolve = this.resolvePending;
    this.resolvePending = undefined;
    resolve?.(result);
  }
}
