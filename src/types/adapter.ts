import type { L0Chunk } from "./events.js";

/**
 * Translates a provider stream into normalised {@link L0Chunk}s.
 * Contract: no buffering, no retries, no mutation; provider errors become `error` chunks or are thrown.
 */
export interface L0Adapter<TInput = unknown> {
  /** Adapter name, used in lifecycle events and span attributes. */
  readonly name: string;
  /**
   * The `gen_ai.provider.name` value of the streams this adapter reads, when the shape alone tells
   * (`openai`, `anthropic`); absent for generic shapes. A `response` chunk can name it per stream.
   */
  readonly provider?: string;
  /** Returns true when this adapter can read `input`. Used for auto-detection. */
  detect?(input: unknown): input is TInput;
  /** Iterates `input` as normalised chunks. Must close the provider stream when the iterator is returned early. */
  wrap(input: TInput, options?: { signal?: AbortSignal }): AsyncIterable<L0Chunk>;
}
