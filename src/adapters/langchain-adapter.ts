/**
 * LangChain.js streams: a chat model's `.stream()` (an `IterableReadableStream` of `AIMessageChunk`s).
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { ChunkIterator } from "./chunk-iterator.js";
import type { ChunkSource } from "./chunk-iterator.js";
import { isIterable, isReadableStream, openIterable, openReadableStream } from "./chunk-sources.js";
import { createChunkNormalizer } from "./normalize-chunk.js";

/**
 * True for LangChain's `IterableReadableStream` (what `.stream()` of any runnable returns), told by
 * its class name: a `ReadableStream` that is also async iterable.
 */
export function isLangChainStream(input: unknown): input is ReadableStream<unknown> & AsyncIterable<unknown> {
  if (!isReadableStream(input) || typeof (input as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== "function") return false;
  return (input as { constructor?: { name?: unknown } }).constructor?.name === "IterableReadableStream";
}

/**
 * Reads a LangChain stream (see `LangChainTranslator`): message chunk `content` (a string
 * or a list of parts) → `token`, `tool_call_chunks` → one `message` per tool call, summed
 * `usage_metadata` → the `finish` chunk's usage, `response_metadata` → model, finish reason and
 * provider (`model_provider`) in `response` and `finish` chunks. Strings (a chain ending in a
 * `StringOutputParser`) are tokens. Any async iterable or `ReadableStream` of message chunks is
 * translated the same way by the generic adapters. Pass `signal` to `.stream(input, { signal })`
 * so the provider request is cancelled; returning early cancels the stream.
 */
export const langchainAdapter: L0Adapter<ReadableStream<unknown> | AsyncIterable<unknown>> = {
  name: "langchain",
  detect: isLangChainStream,
  wrap(input, options): AsyncIterable<L0Chunk> {
    const open = (): ChunkSource =>
      isReadableStream(input) ? openReadableStream(input) : isIterable(input) ? openIterable(input) : openIterable([input]);
    return new ChunkIterator(open, createChunkNormalizer(), options?.signal);
  },
};
