/**
 * Lifecycle events delivered to `onEvent` (alongside the stream events). Upper-case `type`
 * keeps them apart from the stream events.
 */
import type { ErrorType, RetriableCategory } from "../errors/error-types.js";
import type { DriftDetection } from "./drift.js";
import type { L0Usage } from "./events.js";
import type { GuardrailViolation } from "./guardrails.js";

interface LifecycleBase {
  /** Epoch ms. */
  ts: number;
  /** Id of the `l0()` call (same as `telemetry.sessionId` when monitored). */
  sessionId: string;
}

/** Every lifecycle event. */
export type L0LifecycleEvent =
  | (LifecycleBase & { type: "SESSION_START" })
  | (LifecycleBase & {
      type: "ATTEMPT_START";
      attempt: number;
      fallbackIndex: number;
      isRetry: boolean;
      isFallback: boolean;
      reason?: ErrorType;
    })
  | (LifecycleBase & { type: "FIRST_TOKEN"; attempt: number; ttftMs: number })
  | (LifecycleBase & { type: "NETWORK_ERROR"; errorType: ErrorType; message: string; error: unknown; willRetry: boolean; attempt: number })
  | (LifecycleBase & { type: "RETRY"; attempt: number; reason: ErrorType; kind: RetriableCategory; delayMs: number })
  | (LifecycleBase & { type: "FALLBACK"; fromIndex: number; toIndex: number; reason: ErrorType })
  | (LifecycleBase & { type: "GUARDRAIL_VIOLATION"; violation: GuardrailViolation; attempt: number })
  | (LifecycleBase & { type: "DRIFT"; detections: DriftDetection[]; confidence: number; attempt: number })
  | (LifecycleBase & { type: "TIMEOUT"; timeoutType: "initial" | "inter"; elapsedMs: number; attempt: number })
  | (LifecycleBase & { type: "ABORT"; tokenCount: number })
  | (LifecycleBase & { type: "COMPLETE"; tokenCount: number; durationMs: number; usage?: L0Usage; finishReason?: string })
  | (LifecycleBase & { type: "ERROR"; error: Error; errorType: ErrorType; tokenCount: number });

/** The `type` values of {@link L0LifecycleEvent}. */
export type L0LifecycleEventType = L0LifecycleEvent["type"];
