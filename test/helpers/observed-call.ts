/**
 * One monitored call reported straight to l0's telemetry observer (no runtime, no stream): for
 * tests of where l0 records, not of what the runtime reports.
 */
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import type { CallObserver } from "../../src/runtime/call-observer.js";
import type { MonitoringConfig } from "../../src/types/monitoring.js";

/** The monitoring options of the observed call, and what its one attempt received and delivered. */
export interface ObservedCallShape {
  /** Default `{ enabled: true }`. */
  monitoring?: MonitoringConfig;
  /** Chunks received, then tokens delivered; 1 each by default. */
  chunks?: number;
  tokens?: number;
}

/**
 * Reports one successful call (one attempt, by default one chunk and one token delivered) through
 * a fresh observer with session id `sessionId`, on l0's current pipeline; returns the observer (its
 * `telemetry()` is the call's).
 */
export function oneObservedCall(
  sessionId: string,
  { monitoring = { enabled: true }, chunks = 1, tokens = 1 }: ObservedCallShape = {},
): CallObserver {
  const observer = createCallObserver(monitoring, sessionId);
  observer.callStarted();
  observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  for (let i = 0; i < chunks; i++) observer.chunkReceived();
  for (let i = 0; i < tokens; i++) observer.tokenDelivered();
  observer.attemptEnded({ outcome: "success" });
  observer.callEnded("success");
  return observer;
}
