/**
 * Opening provider streams for reading: async/sync iterators and `ReadableStream` readers,
 * each with the close action that really releases the provider stream.
 * @packageDocumentation
 */
import type { ChunkSource } from "./chunk-iterator.js";

/** True for async iterables and for sync iterables other than strings (arrays of chunks). */
export function isIterable(value: unknown): value is AsyncIterable<unknown> | Iterable<unknown> {
  if (typeof value !== "object" || value === null) return false;
  return (
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function" ||
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

/** True for WHATWG `ReadableStream`s (any realm: checked by shape). */
export function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ReadableStream).getReader === "function" &&
    typeof (value as ReadableStream).cancel === "function"
  );
}

/**
 * Opens an async (or sync) iterable. Closing calls the iterator's `return()` (which runs the
 * source generator's `finally`, e.g. the SDK aborting its request), then `extraClose` if given.
 */
export function openIterable(iterable: AsyncIterable<unknown> | Iterable<unknown>, extraClose?: () => void): ChunkSource {
  const asyncFactory = (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator];
  const iterator: AsyncIterator<unknown> | Iterator<unknown> =
    typeof asyncFactory === "function" ? asyncFactory.call(iterable) : (iterable as Iterable<unknown>)[Symbol.iterator]();
  return new IteratorSource(iterator, extraClose);
}

/** An opened iterator as a {@link ChunkSource} (a class: one per call, so no closures of its own). */
class IteratorSource implements ChunkSource {
  constructor(
    private readonly iterator: AsyncIterator<unknown> | Iterator<unknown>,
    private readonly extraClose: (() => void) | undefined,
  ) {}

  next(): Promise<IteratorResult<unknown>> | IteratorResult<unknown> {
    return this.iterator.next();
  }

  close(): Promise<void> | void {
    this.extraClose?.();
    const result = this.iterator.return?.();
    if (result !== undefined && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<unknown>).then(
        () => undefined,
        () => undefined,
      );
    }
    return undefined;
  }
}

/** Opens a `ReadableStream` with a reader. Closing cancels the reader (and so the stream). */
export function openReadableStream(stream: ReadableStream<unknown>): ChunkSource {
  return new ReaderSource(stream.getReader());
}

/** A `ReadableStream` reader as a {@link ChunkSource} (a class: one per call, so no closures of its own). */
class ReaderSource implements ChunkSource {
  constructor(private readonly reader: ReadableStreamDefaultReader<unknown>) {}

  next(): Promise<IteratorResult<unknown>> {
    return this.reader.read() as Promise<IteratorResult<unknown>>;
  }

  async close(): Promise<void> {
    try {
      await this.reader.cancel();
    } catch {
      // the stream may already be errored; it is released either way
    }
    try {
      this.reader.releaseLock();
    } catch {
      // already released
    }
  }
}
