/**
 * The generic adapter: any async iterable (or non-string sync iterable) of strings, bytes or chunk objects.
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { ChunkIterator } from "./chunk-iterator.js";
import { isIterable, openIterable } from "./chunk-sources.js";
import { createChunkNormalizer } from "./normalize-chunk.js";

/**
 * Reads any async iterable (or array / sync iterable other than a string) of strings, UTF-8 bytes or
 * chunk objects. Objects are normalised by shape: l0 chunks, AI SDK stream parts, OpenAI chunks,
 * Anthropic events, `{text}` / `{content}` / `{delta}`; unknown shapes become `error` chunks.
 * Returning early calls the source iterator's `return()`.
 */
export const asyncIterableAdapter: L0Adapter<AsyncIterable<unknown> | Iterable<unknown>> = {
  name: "async-iterable",
  detect: isIterable,
  wrap(input, options): AsyncIterable<L0Chunk> {
    return new ChunkIterator(() => openIterable(input), createChunkNormalizer(), options?.signal);
  },
};
