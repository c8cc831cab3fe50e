/**
 * The hot path of an attempt: pulling chunks from the adapter (mapped to events by
 * `chunk-delivery.ts`) and ending the attempt (normally, on a provider error, or interrupted by a timeout or abort).
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
import type { L0Chunk, L0Event } from "../types/events.js";
import { ChunkDelivery, type PullResult } from "./chunk-delivery.js";

type Resolve = (result: PullResult) => void;

function noop(): void {}

/** Reads one attempt's chunks for the consumer. */
export abstract class AttemptReader extends ChunkDelivery {
  protected phase: "idle" | "setup" | "streaming" = "idle";
  protected attemptController: AbortController | undefined;
  protected hasInterrupt = false;
  protected interruptError: unknown;
  private source: AsyncIterator<L0Chunk> | undefined;
  private direct = false;
  private inFlight = false;
  private generation = 0;
  private ended: Promise<IteratorResult<L0Event>> | undefined;
  private resolvePending: Resolve | undefined;
  private pullSource: () => void = noop;
  private pullDirect: () => Promise<IteratorResult<L0Event>> = () => Promise.resolve({ done: true, value: undefined });
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
  protected override endAttempt(failure: unknown): Promise<IteratorResult<L0Event>> {
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

  protected override forgetSource(): void {
    this.source = undefined;
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
}
