/**
 * Routes l0's `onEvent` stream and lifecycle events of one call to its {@link SentryCallTracker}.
 */
import type { L0Event } from "../types/events.js";
import type { L0LifecycleEvent } from "../types/lifecycle.js";
import type { SentryCallTracker } from "./sentry-call-tracker.js";

/** Returns the `onEvent` handler feeding `tracker`. O(1) per token, no allocation per token. */
export function createSentryEventHandler(tracker: SentryCallTracker): (event: L0Event | L0LifecycleEvent) => void {
  let sessionStartMs: number | undefined;
  let firstTokenSeen = false;
  let attemptTtftMs: number | undefined;
  return (event) => {
    switch (event.type) {
      case "SESSION_START":
        tracker.sessionId = event.sessionId;
        sessionStartMs = event.ts;
        tracker.startStream();
        return;
      case "FIRST_TOKEN":
        attemptTtftMs ??= event.ttftMs;
        return;
      case "token":
        tracker.recordToken(event.value);
        if (!firstTokenSeen) {
          firstTokenSeen = true;
          // Session TTFT: first pull of the stream to the first token delivered.
          tracker.recordFirstToken(sessionStartMs === undefined ? (attemptTtftMs ?? 0) : Math.max(0, event.timestamp - sessionStartMs));
        }
        return;
      case "NETWORK_ERROR":
        tracker.recordNetworkError(event.error, event.errorType, event.willRetry);
        return;
      case "RETRY":
        tracker.recordRetry(event.attempt, event.reason, event.kind, event.delayMs);
        return;
      case "FALLBACK":
        tracker.recordFallback(event.fromIndex, event.toIndex, event.reason);
        return;
      case "GUARDRAIL_VIOLATION":
        tracker.recordGuardrailViolation(event.violation);
        return;
      case "DRIFT":
        tracker.recordDrift(event.detections, event.confidence);
        return;
      case "TIMEOUT":
        tracker.recordTimeout(event.timeoutType, event.elapsedMs);
        return;
      case "COMPLETE":
        tracker.recordSessionDuration(event.durationMs);
        // The execution completes in the interceptor's `after`, from the finished `result.telemetry`.
        tracker.completeStream(event.tokenCount);
        return;
      case "ABORT":
        tracker.recordAbort();
        return;
      case "ERROR":
        tracker.recordFailure(event.error);
        return;
      default:
        return;
    }
  };
}
