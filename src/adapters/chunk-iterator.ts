/**
 * The iterator every built-in adapter returns: pulls raw items from a provider source, translates
 * them into {@link L0Chunk}s, and closes the source on `return()`, on abort, and on early stop.
 * @packageDocumentation
 */
import type { L0Chunk } from "../types/events.js";

/** A provider stream opened for reading: pull one raw item at a time, or close it. */
export interface ChunkSource {
  /** Pulls the next raw provider item. */
  next(): Promise<IteratorResult<unknown>> | IteratorResult<unknown>;
  /** Releases the provider stream (cancel the reader, return the iterator, abort the request). */
  close(): Promise<void> | void;
}

/** Turns raw provider items into normalised chunks. May keep state (tool-call deltas, usage). */
export interface ChunkTranslator {
  /** Translates one raw item, appending zero or more chunks to `out`. */
  push(raw: unknown, out: L0Chunk[]): void;
  /** The source ended: append whatever is pending (e.g. the `finish` chunk). */
  end(out: L0Chunk[]): void;
  /** True once the provider signalled the end in-band (e.g. SSE `[DONE]`): reading stops. */
  readonly done?: boolean;
}

/** Receives the chunk of one {@link ChunkIterator.pullInto} (undefined: the stream ended). */
export type OnChunk = (chunk: L0Chunk | undefined) => void;
type OnResult = (result: IteratorResult<L0Chunk>) => void;
type OnError = (error: unknown) => void;

const DONE: IteratorResult<L0Chunk> = Object.freeze({ done: true, value: undefined });

/**
 * Where translators write the chunks of one raw item, shared by every iterator: it is emptied
 * before `handle()` returns (a raw item usually makes one chunk, so no iterator needs a queue of its
 * own; the few that make more keep the rest in their own queue).
 */
const TRANSLATED: L0Chunk[] = [];

/** The empty queue of every iterator that holds no translated chunks (never written to). */
const NO_CHUNKS: L0Chunk[] = [];

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

function swallow(): void {}

/**
 * Iterates `open()`'s source through `translator`. The source is opened on the first pull.
 * `return()` and an aborted `signal` close the source at once, even while a pull is pending
 * (which then settles: done after `return()`, rejected with the abort reason after abort).
 * A source that ends while `signal` is aborted rejects with the abort reason instead of ending
 * quietly, so a cancelled request is never mistaken for a complete one.
 *
 * Besides `next()`, {@link ChunkIterator.pullInto} pulls without a promise of its own (the l0
 * runtime's hot path); both share one pending slot and the same settlement rules.
 *
 * Its members are TypeScript `private`, not `#private`: on Node 20, `#private` members in this
 * per-token path measured 1.3-1.6x slower per token (bench 01). Other classes on the `l0` import
 * path use `#private`, which minifiers shorten (bench 05's bundle budget).
 */
export class ChunkIterator implements AsyncIterableIterator<L0Chunk> {
  private source: ChunkSource | undefined;
  /** Chunks translated but not handed out yet (empty: the shared empty queue). */
  private queue: L0Chunk[] = NO_CHUNKS;
  private head = 0;
  private finished = false;
  private closed = false;
  /** The pending pull's settle functions (both set, or both undefined). */
  private onResult: OnResult | OnChunk | undefined;
  private onError: OnError | undefined;
  /** The pending pull is a `next()` (its resolve takes an iterator result), not a `pullInto`. */
  private pendingNext = false;
  /** `signal` aborted while the abort listener was attached (read instead of the `aborted` getter). */
  private abortSeen: boolean;
  private readonly signal: AbortSignal | undefined;
  /** The promise executor of `next()` (made by the first `next()`; l0's runtime pulls with `pullInto`). */
  private capture: ((resolve: OnResult, reject: OnError) => void) | undefined;
  /** Opens the source on the first pull (then released: it may hold the provider's request objects). */
  private open: (() => ChunkSource) | undefined;

  constructor(
    open: () => ChunkSource,
    private readonly translator: ChunkTranslator,
    signal?: AbortSignal,
  ) {
    this.open = open;
    this.signal = signal;
    this.abortSeen = signal?.aborted === true;
    // The iterator is the listener itself (`handleEvent`), so it needs no closure of its own.
    signal?.addEventListener("abort", this, { once: true });
  }

  /**
   * The abort listener (EventTarget's `handleEvent`): settles a pending pull with the abort reason
   * and closes the source. Not for callers.
   */
  handleEvent(): void {
    this.abortSeen = true;
    const reject = this.onError;
    this.clearPending();
    void this.finish();
    reject?.(abortReason(this.signal as AbortSignal));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<L0Chunk>> {
    if (this.head < this.queue.length) return Promise.resolve({ done: false, value: this.shift() });
    if (this.isAborted()) {
      void this.finish();
      return Promise.reject(abortReason(this.signal as AbortSignal));
    }
    if (this.finished) return Promise.resolve(DONE);
    if (this.onResult !== undefined) return Promise.reject(new Error("Concurrent next() calls are not supported"));
    const pending = new Promise<IteratorResult<L0Chunk>>(
      (this.capture ??= (resolve, reject) => {
        this.onResult = resolve;
        this.onError = reject;
      }),
    );
    this.pendingNext = true;
    this.pull();
    return pending;
  }

  /**
   * Pulls the next chunk like `next()`, but reports it to `onChunk` (undefined: the stream ended) or
   * `onError` (exactly one of them, once; synchronously when a chunk is ready) instead of returning
   * a promise. A pending pull is settled at once by `return()` (`onChunk(undefined)`) and by abort
   * (`onError` with the abort reason). Never throws.
   */
  pullInto(onChunk: OnChunk, onError: OnError): void {
    if (this.head < this.queue.length) return onChunk(this.shift());
    if (this.isAborted()) {
      void this.finish();
      return onError(abortReason(this.signal as AbortSignal));
    }
    if (this.finished) return onChunk(undefined);
    if (this.onResult !== undefined) return onError(new Error("Concurrent pulls are not supported"));
    this.onResult = onChunk;
    this.onError = onError;
    this.pendingNext = false;
    this.pull();
  }

  return(): Promise<IteratorResult<L0Chunk>> {
    const resolve = this.onResult;
    this.clearPending();
    const closing = this.finish();
    this.queue = NO_CHUNKS;
    this.head = 0;
    if (resolve !== undefined) {
      // A pull is pending: settle it now; do not wait for a stalled source to acknowledge.
      if (this.pendingNext) (resolve as OnResult)(DONE);
      else (resolve as OnChunk)(undefined);
      return Promise.resolve(DONE);
    }
    return closing.then(() => DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<L0Chunk>> {
    return this.return().then(() => Promise.reject(error));
  }

  private clearPending(): void {
    this.onResult = undefined;
    this.onError = undefined;
  }

  /** Settles the pending pull with `chunk` (undefined: done), in the form its caller expects. */
  private resolvePending(chunk: L0Chunk | undefined): void {
    const resolve = this.onResult;
    this.clearPending();
    if (this.pendingNext) (resolve as OnResult)(chunk === undefined ? DONE : { done: false, value: chunk });
    else (resolve as OnChunk)(chunk);
  }

  /**
   * Whether `signal` is aborted. While the abort listener is attached (not finished) a flag it sets
   * answers, which is cheaper than the `aborted` getter on every pull.
   */
  private isAborted(): boolean {
    return this.finished ? this.signal?.aborted === true : this.abortSeen;
  }

  /** Takes the next queued chunk (the queue is not empty). */
  private shift(): L0Chunk {
    const queue = this.queue;
    const head = this.head;
    const value = queue[head] as L0Chunk;
    if (head === queue.length - 1) {
      this.queue = NO_CHUNKS;
      this.head = 0;
    } else {
      this.head = head + 1;
    }
    return value;
  }

  /** Marks the iterator finished and closes the source once; resolves when the close settled. */
  private finish(): Promise<void> {
    if (this.finished && this.closed) return Promise.resolve();
    this.finished = true;
    this.signal?.removeEventListener("abort", this);
    if (this.closed || this.source === undefined) {
      this.closed = true;
      return Promise.resolve();
    }
    this.closed = true;
    try {
      return Promise.resolve(this.source.close()).then(swallow, swallow);
    } catch {
      return Promise.resolve();
    }
  }

  private pull(): void {
    for (;;) {
      let result: Promise<IteratorResult<unknown>> | IteratorResult<unknown>;
      try {
        let source = this.source;
        if (source === undefined) {
          const open = this.open as () => ChunkSource;
          this.open = undefined;
          source = this.source = open();
        }
        result = source.next();
      } catch (error) {
        this.fail(error);
        return;
      }
      if (typeof (result as { then?: unknown } | null | undefined)?.then === "function") {
        (result as Promise<IteratorResult<unknown>>).then(this.onAsyncResult, this.fail);
        return;
      }
      if (!this.handle(result as IteratorResult<unknown>)) return;
    }
  }

  private readonly onAsyncResult = (result: IteratorResult<unknown>): void => {
    if (this.handle(result)) this.pull();
  };

  /** Handles one source result; returns true when the pull must continue. */
  private handle(result: IteratorResult<unknown>): boolean {
    if (this.onResult === undefined) return false; // settled already by return() or abort
    if (typeof result !== "object" || result === null) {
      this.fail(notAnIteratorResult(result));
      return false;
    }
    // The queue is empty here (a pull only starts once it is): the item's chunks go to TRANSLATED.
    const out = TRANSLATED;
    try {
      if (result.done) {
        this.closed = true; // exhausted: nothing to release
        this.finished = true;
        this.signal?.removeEventListener("abort", this);
        this.translator.end(out);
        if (this.signal?.aborted) {
          out.length = 0;
          const reject = this.onError as OnError;
          this.clearPending();
          reject(abortReason(this.signal));
          return false;
        }
      } else {
        this.translator.push(result.value, out);
        if (this.translator.done) {
          this.translator.end(out);
          void this.finish();
        }
      }
    } catch (error) {
      out.length = 0;
      this.fail(error);
      return false;
    }
    if (out.length === 1) {
      // The usual case: one raw item, one chunk (pop keeps the shared array's storage).
      this.resolvePending(out.pop());
      return false;
    }
    if (out.length > 1) {
      // The rest waits in this iterator's own queue.
      const first = out[0];
      this.queue = out.slice(1);
      out.length = 0;
      this.resolvePending(first);
      return false;
    }
    if (this.finished) {
      this.resolvePending(undefined);
      return false;
    }
    return true;
  }

  private readonly fail = (error: unknown): void => {
    const reject = this.onError;
    if (reject === undefined) return;
    this.clearPending();
    const aborted = this.signal?.aborted === true;
    void this.finish();
    reject(aborted ? abortReason(this.signal) : error);
  };
}

/**
 * The error of a source whose `next()` returned (or resolved to) something other than an iterator
 * result object: a `TypeError`, so the call fails with `INVALID_STREAM` (`programming_error`).
 */
function notAnIteratorResult(result: unknown): TypeError {
  // The type only: the value may be stream content.
  const shown = result === null ? "null" : `a ${typeof result}`;
  return new TypeError(`The stream's next() gave ${shown}, not an iterator result ({ done, value })`);
}
