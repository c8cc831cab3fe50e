/**
 * Vercel AI SDK results (`streamText`, `streamObject`), read from `fullStream`.
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { UnrecognizedChunkError } from "./adapter-errors.js";
import { ChunkIterator } from "./chunk-iterator.js";
import type { ChunkSource } from "./chunk-iterator.js";
import { isIterable, isReadableStream, openIterable, openReadableStream } from "./chunk-sources.js";
import { createChunkNormalizer } from "./normalize-chunk.js";

/** The part of an AI SDK `streamText` / `streamObject` result this adapter reads. */
export interface VercelAIStreamResult {
  /** Every stream part: text deltas, tool calls, errors, finish with usage. */
  readonly fullStream: ReadableStream<unknown> | AsyncIterable<unknown>;
}

/** True for an object exposing `fullStream` (an AI SDK result). Does not read the property (reading tees the stream). */
export function isVercelAIStreamResult(input: unknown): input is VercelAIStreamResult {
  return typeof input === "object" && input !== null && "fullStream" in input;
}

/**
 * Reads an AI SDK result's `fullStream` (not `textStream`, which drops tool calls, usage and errors):
 * - `text-delta` → `token` (`text` in v5+/v6, `textDelta` in v4);
 * - `tool-call` → `message` `{type:"tool_call", id, name, arguments}` (`arguments` is JSON text);
 *   `tool-result` / `tool-error` → `message` with role `tool`;
 * - `finish` → `finish` with `totalUsage` (or v4 `usage`) and `finishReason`;
 * - `error` → `error` chunk carrying the original error (e.g. `APICallError` with `statusCode`,
 *   `isRetryable`, `responseHeaders`); `abort` → an `AbortError`;
 * - framing parts (`start`, `start-step`, `text-start`, `text-end`, `finish-step`, reasoning,
 *   tool-input streaming, `source`, `raw`) produce nothing, so they never count as a first token.
 * Returning early cancels the `fullStream` reader. Pass `abortSignal` to `streamText` (the `signal`
 * of the stream factory) to cancel the model request itself.
 */
export const vercelAIAdapter: L0Adapter<VercelAIStreamResult> = {
  name: "vercel-ai",
  detect: isVercelAIStreamResult,
  wrap(input, options): AsyncIterable<L0Chunk> {
    const open = (): ChunkSource => {
      const stream: unknown = input.fullStream;
      if (isReadableStream(stream)) return openReadableStream(stream);
      if (isIterable(stream)) return openIterable(stream);
      throw new UnrecognizedChunkError(stream);
    };
    return new ChunkIterator(open, createChunkNormalizer(), options?.signal);
  },
};
