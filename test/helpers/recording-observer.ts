/**
 * A `CallObserver` that records what the runtime reports, for tests that check the order and
 * arguments of the runtime's calls without a telemetry pipeline.
 */
import { expect } from "vitest";
import type { CallObserver } from "../../src/runtime/call-observer.js";

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
    names: () =>
      calls.map((c) => c[0]).filter((n) => n !== "chunkReceived" && n !== "tokenDelivered" && n !== "runInAttempt" && n !== "streamFacts"),
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

/**
 * Asserts that the recorded calls open and close attempts in pairs (`attemptStarted` then
 * `attemptEnded`, never two open at once, none left open); returns each ended attempt's outcome.
 */
export function attemptOutcomes(calls: readonly ObserverCall[]): unknown[] {
  let open = false;
  const outcomes: unknown[] = [];
  for (const [name, info] of calls) {
    if (name === "attemptStarted") {
      expect(open).toBe(false);
      open = true;
    } else if (name === "attemptEnded") {
      expect(open).toBe(true);
      open = false;
      outcomes.push((info as { outcome: string }).outcome);
    }
  }
  expect(open).toBe(false);
  return outcomes;
}
