/**
 * One monitored call reported straight to l0's telemetry observer (no runtime, no stream): for
 * tests of where l0 records, not of what the runtime reports.
 */
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import type { CallObserver } from "../../src/runtime/call-observer.js";

/**
 * Reports one successful call (one attempt, one chunk, one token delivered) through a fresh
 * observer of `{ enabled: true }` with session id `sessionId`, on l0's current pipeline; returns
 * the observer (its `telemetry()` is the call's).
 */
export function oneObservedCall(sessionId: string): CallObserver {
  const observer = createCallObserver({ enabled: true }, sessionId);
  observer.callStarted();
  observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  observer.chunkReceived();
  observer.tokenDelivered();
  observer.attemptEnded({ outcome: "success" });
  observer.callEnded("success");
  return observer;
}
