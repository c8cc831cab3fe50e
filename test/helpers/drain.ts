/**
 * Reading streams to their end in tests: every item, the error a stream ended with, and the text of
 * the token chunks or events read.
 */
import type { L0Chunk, L0Event } from "../../src/types/events.js";

/** Something with an l0 event stream (an `L0Result`). */
export interface HasEventStream {
  readonly stream: AsyncIterable<L0Event>;
}

/** What reading a whole l0 result stream saw. */
export interface ResultRead {
  /** Every event, in order. */
  events: L0Event[];
  /** What the stream threw, `undefined` when it ended cleanly. */
  error: unknown;
  /** The kept text: token values, restarted at each `retry` / `fallback` with `discardsOutput`. */
  text: string;
}

/** Every item of `iterable`, in order; rejects with what the iterable throws. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The token values of collected chunks (an adapter's output), concatenated. */
export function textOf(chunks: readonly L0Chunk[]): string {
  let text = "";
  for (const chunk of chunks) if (chunk.type === "token") text += chunk.value;
  return text;
}

/** Reads `iterable` to its end; resolves with the error it ended with, `undefined` when it completed. */
export async function drainError(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const item of iterable) void item;
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The token values of every attempt, concatenated; rejects with what the stream throws. */
export async function tokenText(result: HasEventStream): Promise<string> {
  let text = "";
  for await (const event of result.stream) if (event.type === "token") text += event.value;
  return text;
}

/** Reads a whole result stream (never rejects): its events, the error it ended with, the kept text. */
export async function readResult(result: HasEventStream): Promise<ResultRead> {
  const events: L0Event[] = [];
  let error: unknown;
  let text = "";
  try {
    for await (const event of result.stream) {
      events.push(event);
      if (event.type === "token") text += event.value;
      if ((event.type === "retry" || event.type === "fallback") && event.discardsOutput) text = "";
    }
  } catch (thrown) {
    error = thrown;
  }
  return { events, error, text };
}

/** The kept text of a result stream (see {@link ResultRead.text}); rejects with what the stream throws. */
export async function keptText(result: HasEventStream): Promise<string> {
  const { error, text } = await readResult(result);
  if (error !== undefined) throw error;
  return text;
}
