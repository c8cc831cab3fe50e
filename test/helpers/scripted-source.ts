/**
 * In-test provider streams of l0 chunks for runtime tests: a script per attempt (tokens, then an
 * error, a hang or a finish chunk), a probe that records whether the source was closed, and a
 * pass-through adapter so tests do not depend on adapter auto-detection.
 */
import type { L0Adapter } from "../../src/types/adapter.js";
import type { L0Chunk } from "../../src/types/events.js";
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
