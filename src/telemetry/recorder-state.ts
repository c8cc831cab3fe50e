/**
 * The recorded facts of one call while it runs: plain numbers updated in place (the per-token
 * path allocates nothing), plus small maps for the rare events, made on first use. Every time is
 * epoch ms on the call's one time base (see `CallClock`), so spans, events and telemetry agree.
 * The token numbers follow semconv.md, "Numbers".
 * @packageDocumentation
 */
import type { ErrorType } from "../errors/error-types.js";
import type { AttemptEndInfo } from "../runtime/call-observer.js";
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailSeverity, GuardrailViolation } from "../types/guardrails.js";
import type { RetriesByReason, TokenSource } from "../types/telemetry.js";
import type { NetworkErrorFact, TelemetryFacts } from "./telemetry-facts.js";

/** How a call ended. */
export type CallOutcome = "success" | "failed" | "aborted" | "cancelled";

function record(map: Map<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (map !== undefined) for (const [key, count] of map) out[key] = count;
  return out;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** What one attempt contributed, as its end recorded it. */
export interface AttemptTotals {
  /** Token events it delivered. */
  readonly tokens: number;
  /** Its output tokens: provider usage when reported, else its counted token events. */
  readonly outputTokens: number;
  /** Seconds from the attempt's start to its first content chunk. */
  readonly timeToFirstChunk: number | undefined;
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

  // delivered tokens (session timing)
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
  /** Token events delivered in the open attempt. */
  attemptTokens = 0;
  /** Content chunks received in the open attempt. */
  attemptChunks = 0;
  attemptFirstChunkAt = -1;
  /** Time of the open attempt's last chunk arrival. */
  attemptLastChunkAt = 0;

  // chunks and tokens (semconv.md, "Numbers")
  /** Content chunks received over all attempts. */
  chunks = 0;
  /** Time of the call's first content chunk. */
  firstChunkAt = -1;
  /** Output tokens the consumer holds now (attempts since the last discard). */
  keptTokens = 0;
  /** Kept attempts whose output tokens came from provider usage, and those counted. */
  keptFromProvider = 0;
  keptCounted = 0;
  /** Generation time of the kept attempts, ms. */
  keptGenerationMs = 0;
  discardedTokens = 0;
  billedInputTokens: number | undefined;
  billedOutputTokens: number | undefined;

  // retries and errors
  retries = 0;
  networkRetries = 0;
  modelRetries = 0;
  retriesByReason: RetriesByReason | undefined;
  networkErrorCount = 0;
  errorsByType: Map<string, number> | undefined;
  networkErrors: NetworkErrorFact[] | undefined;

  // guardrails and drift
  violationCount = 0;
  violationsByRule: Map<string, number> | undefined;
  readonly violationsBySeverity: Record<GuardrailSeverity, number> = { warning: 0, error: 0, fatal: 0 };
  driftDetected = false;
  driftTypes: Set<string> | undefined;

  // provider facts of the last attempt that reported them
  responseModel: string | undefined;
  responseId: string | undefined;
  finishReason: string | undefined;
  /** `gen_ai.provider.name` a stream named. */
  provider: string | undefined;
  /** The output text the consumer holds (only passed with `captureContent`). */
  keptContent: string | undefined;

  constructor(
    readonly sessionId: string,
    /** Time the observer was created (the `l0()` call). */
    readonly createdAt: number,
    readonly guardrailsConfigured: boolean,
    readonly driftConfigured: boolean,
  ) {}

  /** An attempt starts at `now`. */
  startAttempt(attempt: number, fallbackIndex: number, now: number): void {
    this.attempts++;
    this.attempt = attempt;
    this.fallbackIndex = fallbackIndex;
    this.attemptOpen = true;
    this.attemptStartAt = now;
    this.attemptTokens = 0;
    this.attemptChunks = 0;
    this.attemptFirstChunkAt = -1;
  }

  /**
   * The open attempt ended: its output tokens are kept or discarded (a discard also discards the
   * kept output it continued from), its usage is billed, its response facts are remembered.
   */
  endAttempt(info: AttemptEndInfo): AttemptTotals {
    this.attemptOpen = false;
    const usage = info.usage;
    const counted = info.tokens ?? this.attemptTokens;
    const outputTokens = usage?.outputTokens ?? counted;
    if (usage?.inputTokens !== undefined) this.billedInputTokens = (this.billedInputTokens ?? 0) + usage.inputTokens;
    if (usage?.outputTokens !== undefined) this.billedOutputTokens = (this.billedOutputTokens ?? 0) + usage.outputTokens;
    if (info.outputKept === false) {
      this.keptContent = undefined;
      this.discardedTokens += this.keptTokens + outputTokens;
      this.keptTokens = 0;
      this.keptFromProvider = 0;
      this.keptCounted = 0;
      this.keptGenerationMs = 0;
    } else {
      if (info.content !== undefined) this.keptContent = info.content;
      this.keptTokens += outputTokens;
      if (usage?.outputTokens !== undefined) this.keptFromProvider++;
      else if (counted > 0) this.keptCounted++;
      if (this.attemptChunks > 1) this.keptGenerationMs += this.attemptLastChunkAt - this.attemptFirstChunkAt;
    }
    if (info.responseModel !== undefined) this.responseModel = info.responseModel;
    if (info.responseId !== undefined) this.responseId = info.responseId;
    if (info.finishReason !== undefined) this.finishReason = info.finishReason;
    if (info.provider !== undefined) this.provider = info.provider;
    return {
      tokens: counted,
      outputTokens,
      timeToFirstChunk: this.attemptFirstChunkAt < 0 ? undefined : (this.attemptFirstChunkAt - this.attemptStartAt) / 1000,
    };
  }

  /** Output tokens the consumer holds now, the open attempt's counted tokens included. */
  liveKeptTokens(): number {
    return this.keptTokens + (this.attemptOpen ? this.attemptTokens : 0);
  }

  /** Where the kept tokens came from. */
  tokenSource(): TokenSource {
    const counted = this.keptCounted + (this.attemptOpen && this.attemptTokens > 0 ? 1 : 0);
    if (this.keptFromProvider === 0) return "counted";
    return counted === 0 ? "provider" : "mixed";
  }

  /** Generation time of the kept output, s (undefined when no kept attempt had two chunks). */
  generationSeconds(): number | undefined {
    return this.keptGenerationMs > 0 ? this.keptGenerationMs / 1000 : undefined;
  }

  /** Counts a network error and keeps its details (delay in s). */
  addNetworkError(type: string, message: string, timestamp: number, retried: boolean, delay: number | undefined): void {
    this.networkErrorCount++;
    increment((this.errorsByType ??= new Map<string, number>()), type);
    (this.networkErrors ??= []).push(
      delay === undefined ? { type, message, timestamp, retried } : { type, message, timestamp, retried, delay },
    );
  }

  /** Counts a scheduled retry of `kind` for `reason`. */
  addRetry(kind: "network" | "model", reason: string): void {
    this.retries++;
    if (kind === "network") this.networkRetries++;
    else this.modelRetries++;
    const byReason = (this.retriesByReason ??= { network: {}, model: {} })[kind];
    byReason[reason] = (byReason[reason] ?? 0) + 1;
  }

  /** Counts a guardrail violation. */
  addViolation(violation: GuardrailViolation): void {
    this.violationCount++;
    increment((this.violationsByRule ??= new Map<string, number>()), violation.rule);
    if (violation.severity in this.violationsBySeverity) this.violationsBySeverity[violation.severity]++;
  }

  /** Notes drift detections; returns the distinct types among them. */
  addDrift(detections: readonly DriftDetection[]): string[] {
    const types: string[] = [];
    const seen = (this.driftTypes ??= new Set());
    for (const detection of detections) {
      if (!types.includes(detection.type)) types.push(detection.type);
      seen.add(detection.type);
    }
    if (types.length > 0) this.driftDetected = true;
    return types;
  }

  /** Session TTFT, s. */
  timeToFirstToken(): number | undefined {
    return this.firstTokenAt < 0 ? undefined : (this.firstTokenAt - this.t0) / 1000;
  }

  /** From the call's start to its first content chunk, s. */
  timeToFirstChunk(): number | undefined {
    return this.firstChunkAt < 0 ? undefined : (this.firstChunkAt - this.t0) / 1000;
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
      tokens: this.liveKeptTokens(),
      tokenSource: this.tokenSource(),
      discardedTokens: this.discardedTokens,
      chunks: this.chunks,
      retries: this.retries,
      networkRetries: this.networkRetries,
      modelRetries: this.modelRetries,
      networkErrorCount: this.networkErrorCount,
      errorsByType: this.errorsByTypeRecord(),
      networkErrors: (this.networkErrors ?? []).map((fact) => ({ ...fact })),
    };
    if (this.billedInputTokens !== undefined) facts.billedInputTokens = this.billedInputTokens;
    if (this.billedOutputTokens !== undefined) facts.billedOutputTokens = this.billedOutputTokens;
    const generation = this.generationSeconds();
    if (generation !== undefined) facts.generationTime = generation;
    if (this.retriesByReason !== undefined) {
      facts.retriesByReason = { network: { ...this.retriesByReason.network }, model: { ...this.retriesByReason.model } };
    }
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
    if (this.hasDrift()) facts.drift = { detected: this.driftDetected, types: [...(this.driftTypes ?? [])] };
    return facts;
  }
}
