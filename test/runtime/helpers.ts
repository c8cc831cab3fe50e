/**
 * Test doubles for runtime tests: in-test async generators of l0 chunks, fault injection, and a
 * pass-through adapter so tests do not depend on adapter auto-detection.
 */
import type { L0Adapter } from "../../src/types/adapter.js";
import type { L0Chunk, L0Event } from "../../src/types/events.js";
import type { L0Result } from "../../src/types/result.js";

/** Passes l0 chunks through unchanged. */
export const chunkAdapter: L0Adapter<AsyncIterable<L0Chunk>> = {
  name: "test-chunks",
  wrap: (input) => input,
};

/** A Node-style network error. */
export function nodeError(code: string, message = `${code.toLowerCase()} error`): Error {
  return Object.assign(new Error(message), { code });
}

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

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a whole result stream; returns the events and the thrown error (if any). */
export async function drain(result: L0Result): Promise<{ events: L0Event[]; error: unknown; text: string }> {
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
