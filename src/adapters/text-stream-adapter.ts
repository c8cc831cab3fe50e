/**
 * AI SDK-style results that expose `textStream` but no `fullStream` (custom wrappers, test doubles,
 * frameworks that re-expose the AI SDK's `textStream`).
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { UnrecognizedChunkError } from "./adapter-errors.js";
import { ChunkIterator } from "./chunk-iterator.js";
import type { ChunkSource } from "./chunk-iterator.js";
import { isIterable, isReadableStream, openIterable, openReadableStream } from "./chunk-sources.js";
import { createChunkNormalizer } from "./normalize-chunk.js";

/** The part of a `{ textStream }` result this adapter reads. */
export interface TextStreamResult {
  /** The text deltas. */
  readonly textStream: ReadableStream<unknown> | AsyncIterable<unknown>;
  /** Resolves with the usage of all steps once the stream finished (AI SDK `totalUsage`). */
  readonly totalUsage?: PromiseLike<unknown>;
  /** Resolves with the usage once the stream finished (AI SDK `usage`). */
  readonly usage?: PromiseLike<unknown>;
  /** Resolves with the finish reason once the stream finished (AI SDK `finishReason`). */
  readonly finishReason?: PromiseLike<unknown>;
}

/**
 * Raised when a `{ textStream }` result reports `finishReason: "error"`: the AI SDK ends
 * `textStream` quietly when the provider stream fails (the error itself only appears on
 * `fullStream` and in `onError`), so the failure is only known from the finish reason.
 */
export class TextStreamFailedError extends Error {
  constructor() {
    super('The stream ended with finishReason "error" (read `fullStream` to see the provider error)');
    this.name = "TextStreamFailedError";
  }
}

/** True for an object with `textStream` and without `fullStream` (an object with both is read by `vercelAIAdapter`). */
export function isTextStreamResult(input: unknown): input is TextStreamResult {
  return typeof input === "object" && input !== null && "textStream" in input && !("fullStream" in input);
}

function thenable(value: unknown): PromiseLike<unknown> | undefined {
  return (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
    ? (value as PromiseLike<unknown>)
    : undefined;
}

/** Reads a property that may be a throwing getter. */
function read(input: object, key: string): unknown {
  try {
    return (input as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * Opens `textStream`, then (when it ends) reads the result's `totalUsage` (or `usage`) and
 * `finishReason` promises into one final AI SDK-style `finish` part. A rejected promise (the AI SDK
 * rejects them with `NoOutputGeneratedError`, or the abort reason, when nothing was produced)
 * becomes an `error` part; `finishReason: "error"` becomes a {@link TextStreamFailedError}.
 */
function openTextStream(input: TextStreamResult): ChunkSource {
  const stream: unknown = input.textStream;
  const text = isReadableStream(stream) ? openReadableStream(stream) : isIterable(stream) ? openIterable(stream) : undefined;
  if (text === undefined) throw new UnrecognizedChunkError(stream);
  return new TextStreamSource(input, text);
}

/** The opened text stream followed by its final part (a class: one per call, no closure per chunk). */
class TextStreamSource implements ChunkSource {
  #ended = false;
  #reported = false;
  readonly #input: TextStreamResult;
  readonly #text: ChunkSource;

  constructor(input: TextStreamResult, text: ChunkSource) {
    this.#input = input;
    this.#text = text;
  }

  next(): Promise<IteratorResult<unknown>> | IteratorResult<unknown> {
    if (this.#ended) return this.#final();
    const result = this.#text.next();
    return typeof (result as Promise<unknown>).then === "function"
      ? (result as Promise<IteratorResult<unknown>>).then(this.#after)
      : this.#after(result as IteratorResult<unknown>);
  }

  close(): Promise<void> | void {
    return this.#text.close();
  }

  /** A text item, or the end of the text: then the final part. */
  readonly #after = (r: IteratorResult<unknown>): Promise<IteratorResult<unknown>> | IteratorResult<unknown> => {
    if (!r.done) return r;
    this.#ended = true;
    return this.#final();
  };

  async #final(): Promise<IteratorResult<unknown>> {
    if (this.#reported) return { done: true, value: undefined };
    this.#reported = true;
    const input = this.#input;
    const usagePromise = thenable(read(input, "totalUsage")) ?? thenable(read(input, "usage"));
    const reasonPromise = thenable(read(input, "finishReason"));
    if (usagePromise === undefined && reasonPromise === undefined) return { done: true, value: undefined };
    try {
      const [usage, finishReason] = await Promise.all([usagePromise, reasonPromise]);
      if (finishReason === "error") return { done: false, value: { type: "error", error: new TextStreamFailedError() } };
      return { done: false, value: { type: "finish", totalUsage: usage, finishReason } };
    } catch (error) {
      return { done: false, value: { type: "error", error } };
    }
  }
}

/**
 * Reads `{ textStream }` results: each text delta → `token` (objects in the stream are normalised
 * like `asyncIterableAdapter`'s). When the stream ends, the result's `totalUsage` / `usage` and
 * `finishReason` promises, if it has them, give the `finish` chunk (usage into telemetry), and a
 * failure they report becomes an `error` chunk. Prefer returning the whole AI SDK result, which is
 * read from `fullStream` with tool calls and the provider's own error (so a 429 honours its
 * `retry-after`). Returning early cancels the text stream.
 */
export const textStreamAdapter: L0Adapter<TextStreamResult> = {
  name: "text-stream",
  detect: isTextStreamResult,
  wrap(input, options): AsyncIterable<L0Chunk> {
    return new ChunkIterator(() => openTextStream(input), createChunkNormalizer(), options?.signal);
  },
};
