import type { L0Event, L0Usage } from "./events.js";
import type { GuardrailViolation } from "./guardrails.js";
import type { L0Telemetry } from "./telemetry.js";

/** Live state of a call. */
export interface L0State {
  /** Text delivered to the consumer for the current output (after continuation / discards). */
  content: string;
  /** Token events delivered for the current output. */
  tokenCount: number;
  /** 1-based attempt number currently running or last run. */
  attempt: number;
  modelRetryCount: number;
  networkRetryCount: number;
  /** 0 = primary stream. */
  fallbackIndex: number;
  violations: GuardrailViolation[];
  driftDetected: boolean;
  completed: boolean;
  aborted: boolean;
  usage?: L0Usage;
  finishReason?: string;
}

/** What `l0()` resolves to. */
export interface L0Result {
  /** Single-use async iterable of events. Throws the final error after yielding an `error` event. */
  stream: AsyncIterable<L0Event>;
  state: L0State;
  /** Every error caught during the call, including retried ones. */
  errors: Error[];
  /** Telemetry; complete when the stream ended, partial after abort/failure, undefined when off or unsampled. */
  readonly telemetry: L0Telemetry | undefined;
  /** Aborts the call (with or without a caller `signal`). Never starts a fallback. */
  abort(reason?: unknown): void;
}
