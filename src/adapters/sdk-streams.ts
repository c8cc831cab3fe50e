/**
 * Reading a provider SDK's stream object (OpenAI `Stream` / `ResponseStream`, Anthropic
 * `MessageStream`): its events through the shared normaliser, with the SDK's own abort run when
 * the reader stops early.
 * @packageDocumentation
 */
import type { L0Chunk } from "../types/events.js";
import { ChunkIterator } from "./chunk-iterator.js";
import { isIterable, openIterable } from "./chunk-sources.js";
import { createChunkNormalizer } from "./normalize-chunk.js";

/** A stream's own `abort()` method (`MessageStream`, `ResponseStream`), when it has one. */
export function abortMethodOf(input: unknown): (() => void) | undefined {
  const stream = input as { abort?: () => void };
  return typeof stream.abort === "function" ? () => stream.abort?.() : undefined;
}

/** A stream's `controller.abort()` (the SDKs' `Stream`, holding the request's `AbortController`), when it has one. */
export function controllerAbortOf(input: unknown): (() => void) | undefined {
  const controller = (input as { controller?: { abort?: unknown } }).controller;
  return typeof controller?.abort === "function" ? () => (controller as { abort(): void }).abort() : undefined;
}

/**
 * The chunks of an SDK stream (any iterable of events; anything else is read as one event),
 * normalised. Returning early returns the iterator, then calls `abort` when given.
 */
export function readSdkStream(input: unknown, abort: (() => void) | undefined, signal: AbortSignal | undefined): AsyncIterable<L0Chunk> {
  return new ChunkIterator(() => (isIterable(input) ? openIterable(input, abort) : openIterable([input])), createChunkNormalizer(), signal);
}
