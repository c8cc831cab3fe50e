/**
 * The recorded facts of one call while it runs: plain numbers updated in place (the per-token
 * path allocates nothing), plus small maps for the rare events. Every time is epoch ms on the
 * call's one time base (see `CallClock`), so spans, events and telemetry agree.
 */
import type { ErrorType } from "../errors/error-types.js";
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailViolation, GuardrailSeverity } from "../types/guardrails.js";
import type { NetworkErrorFact, TelemetryFacts } from "./telemetry-facts.js";

/** How a call ended. */
export type CallOutcome = "success" | "failed" | "aborted" | "cancelled";

function record(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, count] of map) out[key] = count;
  return out;
}

/** Mutable facts of one call. */
export class RecorderState {
  started = false;
  /** Time of `callStarted`. */
  t0 = 0;
  ended = false;
  tEnd = 0;
  outcome: CallOutcome | undefined;
  errorType: ErrorType | undefined;

  // delivered tokens (session)
  tokens = 0;
  firstTokenAt = -1;
  lastTokenAt = 0;
  lastTokenAttempt = 0;
  gapSum = 0;
  gapCount = 0;

  // attempts
  attempts = 0;
  attempt = 0;
  fallbackIndex = 0;
  attemptOpen = false;
  attemptStartAt = 0;
  chunks = 0;
  firstChunkAt = -1;
  lastChunkAt = 0;

  // retries and errors
  retries = 0;
  networkRetries = 0;
  modelRetries = 0;
  networkErrorCount = 0;
  readonly errorsByType = new Map<string, number>();
  readonly networkErrors: NetworkErrorFact[] = [];

  // guardrails and drift
  violationCount = 0;
  readonly violationsByRule = new Map<string, number>();
  readonly violationsBySeverity: Record<GuardrailSeverity, number> = { warning: 0, error: 0, fatal: 0 };
  driftDetected = false;
  readonly driftTypes = new Set<string>();

  // provider facts (summed / last reported over attempts)
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  responseModel: string | undefined;
  responseId: string | undefined;
  finishReason: string | undefined;

  constructor(
    readonly sessionId: string,
    /** Time the observer was created (the `l0()` call). */
    readonly createdAt: number,
    readonly guardrailsConfigured: boolean,
    readonly driftConfigured: boolean,
  ) {}

  /** Counts a network error and keeps its details (delay in s). */
  addNetworkError(type: string, message: string, timestamp: number, retried: boolean, delay: number | undefined): void {
    this.networkErrorCount++;
    this.errorsByType.set(type, (this.errorsByType.get(type) ?? 0) + 1);
    this.networkErrors.push(delay === undefined ? { type, message, timestamp, retried } : { type, message, timestamp, retried, delay });
  }

  /** Counts a scheduled retry. */
  addRetry(kind: "network" | "model"): void {
    this.retries++;
    if (kind === "network") this.networkRetries++;
    else this.modelRetries++;
  }

  /** Counts a guardrail violation. */
  addViolation(violation: GuardrailViolation): void {
    this.violationCount++;
    this.violationsByRule.set(violation.rule, (this.violationsByRule.get(violation.rule) ?? 0) + 1);
    if (violation.severity in this.violationsBySeverity) this.violationsBySeverity[violation.severity]++;
  }

  /** Notes drift detections; returns the distinct types among them. */
  addDrift(detections: readonly DriftDetection[]): string[] {
    const types: string[] = [];
    for (const detection of detections) {
      if (!types.includes(detection.type)) types.push(detection.type);
      this.driftTypes.add(detection.type);
    }
    if (types.length > 0) this.driftDetected = true;
    return types;
  }

  /** Session TTFT, s. */
  timeToFirstToken(): number | undefined {
    return this.firstTokenAt < 0 ? undefined : (this.firstTokenAt - this.t0) / 1000;
  }

  /** Average gap between delivered tokens of the same attempt, s. */
  avgInterTokenTime(): number | undefined {
    return this.gapCount === 0 ? undefined : this.gapSum / this.gapCount / 1000;
  }

  /** Call duration, ms (once ended). */
  durationMs(): number | undefined {
    return this.ended ? this.tEnd - this.t0 : undefined;
  }

  /** Network error counts by type. */
  errorsByTypeRecord(): Record<string, number> {
    return record(this.errorsByType);
  }

  /** Violation counts by rule. */
  violationsByRuleRecord(): Record<string, number> {
    return record(this.violationsByRule);
  }

  /** Whether the guardrails section exists (configured, or a violation happened). */
  hasGuardrails(): boolean {
    return this.guardrailsConfigured || this.violationCount > 0;
  }

  /** Whether the drift section exists (configured, or drift happened). */
  hasDrift(): boolean {
    return this.driftConfigured || this.driftDetected;
  }

  /** Live facts (partial before the call ends). */
  facts(): TelemetryFacts {
    const facts: TelemetryFacts = {
      sessionId: this.sessionId,
      startTime: this.started ? this.t0 : this.createdAt,
      tokens: this.tokens,
      retries: this.retries,
      networkRetries: this.networkRetries,
      modelRetries: this.modelRetries,
      networkErrorCount: this.networkErrorCount,
      errorsByType: this.errorsByTypeRecord(),
      networkErrors: this.networkErrors.map((fact) => ({ ...fact })),
    };
    if (this.ended) {
      facts.endTime = this.tEnd;
      facts.duration = this.tEnd - this.t0;
    }
    const ttft = this.timeToFirstToken();
    if (ttft !== undefined) facts.timeToFirstToken = ttft;
    const gap = this.avgInterTokenTime();
    if (gap !== undefined) facts.avgInterTokenTime = gap;
    if (this.hasGuardrails()) {
      facts.guardrails = {
        violationCount: this.violationCount,
        violationsByRule: this.violationsByRuleRecord(),
        violationsBySeverity: { ...this.violationsBySeverity },
      };
    }
    if (this.hasDrift()) facts.drift = { detected: this.driftDetected, types: [...this.driftTypes] };
    return facts;
  }
}
