/**
 * Test doubles for runtime tests: in-test async generators of l0 chunks, fault injection, and a
 * pass-through adapter so tests do not depend on adapter auto-detection.
 */
import type { CallObserver } from "../../src/runtime/call-observer.js";
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

/** One recorded observer call: method name and arguments. */
export type ObserverCall = [string, ...unknown[]];

/**
 * A CallObserver that records every call (name + args) and runs `runInAttempt` callbacks while
 * flagging that an attempt scope is active (so tests can check what ran inside it).
 */
export function recordingObserver(): CallObserver & { calls: ObserverCall[]; names(): string[]; inAttempt: boolean } {
  const calls: ObserverCall[] = [];
  const observer = {
    calls,
    inAttempt: false,
    sampled: true,
    names: () => calls.map((c) => c[0]).filter((n) => n !== "chunkReceived" && n !== "tokenDelivered" && n !== "runInAttempt" && n !== "streamFacts"),
    callStarted: () => void calls.push(["callStarted"]),
    attemptStarted: (info: unknown) => void calls.push(["attemptStarted", info]),
    streamFacts: (facts: unknown) => void calls.push(["streamFacts", facts]),
    runInAttempt<T>(fn: () => T): T {
      calls.push(["runInAttempt"]);
      const before = observer.inAttempt;
      observer.inAttempt = true;
      try {
        return fn();
      } finally {
        observer.inAttempt = before;
      }
    },
    chunkReceived: () => void calls.push(["chunkReceived"]),
    tokenDelivered: () => void calls.push(["tokenDelivered"]),
    networkError: (...args: unknown[]) => void calls.push(["networkError", ...args]),
    retryScheduled: (...args: unknown[]) => void calls.push(["retryScheduled", ...args]),
    fallbackStarted: (...args: unknown[]) => void calls.push(["fallbackStarted", ...args]),
    guardrailViolation: (...args: unknown[]) => void calls.push(["guardrailViolation", ...args]),
    drift: (...args: unknown[]) => void calls.push(["drift", ...args]),
    timeout: (...args: unknown[]) => void calls.push(["timeout", ...args]),
    attemptEnded: (info: unknown) => void calls.push(["attemptEnded", info]),
    callEnded: (...args: unknown[]) => void calls.push(["callEnded", ...args]),
    telemetry: () => undefined,
  };
  return observer;
}
