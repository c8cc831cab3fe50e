/**
 * `L0Monitor`: the manual monitoring API of MONITORING.md. It drives the same OTel recorder as
 * `l0()` (a `CallObserver`), so manual telemetry gets the same spans, metrics and numbers.
 */
import type { ErrorType } from "../errors/error-types.js";
import { ERROR_TYPE_CATEGORY } from "../errors/error-types.js";
import type { CallObserver } from "../runtime/call-observer.js";
import { classifyError } from "../errors/classify-error.js";
import { createSessionId } from "../runtime/session-id.js";
import type { DriftDetection, DriftType } from "../types/drift.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { MonitoringConfig } from "../types/monitoring.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { createCallObserver } from "./create-call-observer.js";

/** High-level numbers of one monitored session (`getSummary()`). */
export interface L0MonitorSummary {
  sessionId: string;
  /** ms; undefined before `complete()`. */
  duration: number | undefined;
  tokens: number;
  tokensPerSecond: number | undefined;
  retries: number;
  networkErrors: number;
  violations: number;
}

/** Manual monitoring of one session, recorded through l0's OTel recorder. */
export class L0Monitor {
  /** Id of the monitored session. */
  readonly sessionId: string;
  private readonly observer: CallObserver;
  private started = false;
  private completed = false;
  private lastNetworkErrorType: ErrorType = "unknown";

  /** Throws `INVALID_OPTIONS` for bad options (e.g. `sampleRate` outside 0-1). */
  constructor(config: MonitoringConfig = {}) {
    this.sessionId = createSessionId();
    this.observer = createCallObserver(config, this.sessionId, { eachChunkArrives: true });
  }

  /** True when this session records telemetry (enabled and sampled). */
  isEnabled(): boolean {
    return this.observer.sampled;
  }

  /** Starts the session clock and its single attempt. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.observer.callStarted();
    this.observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  }

  /** Records one token received and delivered. */
  recordToken(): void {
    if (this.completed) return;
    this.start();
    this.observer.chunkReceived();
    this.observer.tokenDelivered();
  }

  /**
   * Records a network error, classified into l0's closed `error.type` set.
   * @param retried whether a retry follows; @param delay backoff in ms; @param attempt unused (kept for API compatibility).
   */
  recordNetworkError(error: unknown, retried: boolean, delay?: number, attempt?: number): void {
    void attempt;
    if (this.completed) return;
    this.start();
    const errorType = classifyError(error);
    this.lastNetworkErrorType = errorType;
    this.observer.networkError(errorType, error, retried, delay);
  }

  /** Records a retry: `isNetworkError` true for a network retry, false for a model retry. */
  recordRetry(isNetworkError: boolean): void {
    if (this.completed) return;
    this.start();
    const kind = isNetworkError ? "network" : "model";
    const reason: ErrorType =
      isNetworkError && ERROR_TYPE_CATEGORY[this.lastNetworkErrorType] === "network" ? this.lastNetworkErrorType : "unknown";
    this.observer.retryScheduled(kind, reason, 0);
  }

  /** Records guardrail violations. */
  recordGuardrailViolations(violations: readonly GuardrailViolation[]): void {
    if (this.completed) return;
    this.start();
    for (const violation of violations) this.observer.guardrailViolation(violation);
  }

  /** Records drift of these types (confidence 1 unless detections are given). */
  recordDrift(detected: boolean, types: readonly DriftType[] | readonly DriftDetection[]): void {
    if (this.completed || !detected) return;
    this.start();
    const detections: DriftDetection[] = types.map((t) => (typeof t === "string" ? { type: t, confidence: 1 } : { ...t }));
    const confidence = detections.reduce((max, d) => Math.max(max, d.confidence), 0);
    this.observer.drift(detections, confidence);
  }

  /** Ends the session successfully (or as `outcome`). Idempotent. */
  complete(outcome: "success" | "failed" | "aborted" | "cancelled" = "success", error?: unknown): void {
    if (this.completed) return;
    this.start();
    this.completed = true;
    const errorType = outcome === "failed" ? classifyError(error) : undefined;
    this.observer.attemptEnded(errorType === undefined ? { outcome } : { outcome, errorType, error });
    this.observer.callEnded(outcome, errorType, error);
  }

  /** Telemetry (partial before `complete()`), or undefined when disabled or not sampled. */
  getTelemetry(): L0Telemetry | undefined {
    return this.observer.telemetry();
  }

  /** High-level summary, or undefined when disabled or not sampled. */
  getSummary(): L0MonitorSummary | undefined {
    const t = this.getTelemetry();
    if (t === undefined) return undefined;
    return {
      sessionId: t.sessionId,
      duration: t.duration,
      tokens: t.metrics.totalTokens,
      tokensPerSecond: t.metrics.tokensPerSecond,
      retries: t.metrics.totalRetries,
      networkErrors: t.network.errorCount,
      violations: t.guardrails?.violationCount ?? 0,
    };
  }

  /** Pretty JSON of the telemetry, or `"{}"` when there is none. */
  toJSON(): string {
    const t = this.getTelemetry();
    return t === undefined ? "{}" : JSON.stringify(t, null, 2);
  }
}

/** Creates an {@link L0Monitor}. */
export function createMonitor(config: MonitoringConfig = {}): L0Monitor {
  return new L0Monitor(config);
}
