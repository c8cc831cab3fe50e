/**
 * In-test provider streams of l0 chunks for runtime tests: a script per attempt (tokens, then an
 * error, a hang or a finish chunk), a probe that records whether the source was closed, and a
 * pass-through adapter so tests do not depend on adapter auto-detection.
 */
import type { L0Adapter } from "../../src/types/adapter.js";
import type { L0Chunk } from "../../src/types/events.js";
import { nodeError } from "./node-error.js";
import { sleep } from "./sleep.js";

/** Passes l0 chunks through unchanged. */
export const chunkAdapter: L0Adapter<AsyncIterable<L0Chunk>> = {
  name: "test-chunks",
  wrap: (input) => input,
};

/** Tracks whether a source iterator was closed or exhausted. */
export interface SourceProbe {
  started: number;
  closed: number;
  exhausted: number;
}

/** A probe with zeroed counters. */
export function probe(): SourceProbe {
  return { started: 0, closed: 0, exhausted: 0 };
}

/** Script of one attempt: tokens, then optionally an error, a hang, or a finish chunk. */
export interface AttemptScript {
  tokens: string[];
  /** Throw this error after the tokens. */
  error?: unknown;
  /** Never settle after the tokens (ignores the signal). */
  hang?: boolean;
  /** Delay before each token, ms. */
  delayMs?: number;
  finish?: Extract<L0Chunk, { type: "finish" }>;
}

/** Async generator of chunks following `script`; records start/close/exhaustion in `p`. */
export async function* scripted(script: AttemptScript, p: SourceProbe = probe()): AsyncGenerator<L0Chunk> {
  p.started++;
  let completed = false;
  try {
    for (const token of script.tokens) {
      if (script.delayMs !== undefined) await sleep(script.delayMs);
      yield { type: "token", value: token };
    }
    if (script.hang === true) await new Promise(() => {});
    if (script.error !== undefined) throw script.error;
    if (script.finish !== undefined) yield script.finish;
    completed = true;
  } finally {
    if (completed) p.exhausted++;
    else p.closed++;
  }
}

/** A stream factory whose first attempt delivers `tokens`, then dies of a connection reset; every later attempt streams `then()`. */
export function resetOnceThen(tokens: string[], then: () => AsyncIterable<L0Chunk>): () => AsyncIterable<L0Chunk> {
  let attempts = 0;
  return () => (attempts++ === 0 ? scripted({ tokens, error: nodeError("ECONNRESET") }) : then());
}

/** The two ways the runtime reads a source, for `describe.each`: racing pulls (a custom adapter) and direct pulls (a built-in adapter). */
export const PULL_PATHS: ReadonlyArray<readonly [label: string, adapter: L0Adapter<AsyncIterable<L0Chunk>> | undefined]> = [
  ["a custom pass-through adapter (racing pulls)", chunkAdapter],
  ["the auto-detected built-in adapter (direct pulls)", undefined],
];

/** How a hand-written source ends after its tokens: cleanly, by rejecting with `error`, or by never settling. */
export type SourceEnd = { kind: "none" } | { kind: "error"; error: () => unknown } | { kind: "stall" };

/** Whether a hand-written source was closed by its reader (`return()`) or read to its end. */
export interface SourceRecord {
  returned: boolean;
  exhausted: boolean;
}

/**
 * A provider iterator written by hand (no generator, so `return()` works while a `next()` is
 * pending): yields `tokens` as token chunks, then ends as `end` says; a stall never settles and
 * ignores every signal. Records `return()` and a clean end in `record`.
 */
export function handWrittenSource(
  tokens: readonly string[],
  end: SourceEnd,
  record: SourceRecord = { returned: false, exhausted: false },
): AsyncIterableIterator<L0Chunk> {
  let i = 0;
  let finished = false;
  const iterator: AsyncIterableIterator<L0Chunk> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      if (finished) return Promise.resolve({ done: true, value: undefined });
      if (i < tokens.length) return Promise.resolve({ done: false, value: { type: "token", value: tokens[i++] as string } });
      if (end.kind === "stall") return new Promise<IteratorResult<L0Chunk>>(() => {});
      finished = true;
      if (end.kind === "error") return Promise.reject(end.error());
      record.exhausted = true;
      return Promise.resolve({ done: true, value: undefined });
    },
    return() {
      record.returned = true;
      finished = true;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return iterator;
}
