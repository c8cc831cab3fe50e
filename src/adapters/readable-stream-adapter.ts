/**
 * WHATWG `ReadableStream`s of strings, UTF-8 bytes or chunk objects.
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { ChunkIterator } from "./chunk-iterator.js";
import { isReadableStream, openReadableStream } from "./chunk-sources.js";
import { createChunkNormalizer } from "./normalize-chunk.js";

/**
 * Reads a `ReadableStream` through a reader. Bytes are decoded as streaming UTF-8; objects are
 * normalised like {@link asyncIterableAdapter}'s. Returning early cancels the stream.
 */
export const readableStreamAdapter: L0Adapter<ReadableStream<unknown>> = {
  name: "readable-stream",
  detect: isReadableStream,
  wrap(input, options): AsyncIterable<L0Chunk> {
    return new ChunkIterator(() => openReadableStream(input), createChunkNormalizer(), options?.signal);
  },
};
