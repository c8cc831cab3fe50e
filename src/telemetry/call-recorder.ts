/**
 * The OTel recorder: the `CallObserver` that turns one call's lifecycle into an operation span,
 * one child span per attempt, span events, instruments and `L0Telemetry`. Every method catches
 * its own failures and reports them to `diag`; spans end exactly once on every path.
 */
import { context, SpanKind, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { ErrorType } from "../errors/error-types.js";
import type { AttemptEndInfo, AttemptStartInfo, CallObserver } from "../runtime/call-observer.js";
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { L0Telemetry } from "../types/telemetry.js";
import type { CallMetrics } from "./call-metrics.js";
import { CallClock } from "./call-clock.js";
import { describeError } from "./describe-error.js";
import { RecorderState, type CallOutcome } from "./recorder-state.js";
import { derivedFactsOf } from "./l0-span-processor.js";
import * as names from "./semconv-names.js";
import { genAiAttributes, operationSpanName, operationStartAttributes, type GenAiIdentity } from "./span-attributes.js";
import { telemetryFromFacts, type TelemetryShape } from "./telemetry-facts.js";
import {
  attemptStartAttributes,
  finishAttemptSpan,
  finishOperationSpan,
  networkErrorEventAttributes,
  reportFailure as report,
  retryEventAttributes,
  violationEventAttributes,
} from "./recorder-spans.js";

/** What a recorder needs. `tracer` is present only for sampled calls. */
export interface CallRecorderOptions {
  sessionId: string;
  identity: GenAiIdentity;
  metrics: CallMetrics;
  tracer: Tracer | undefined;
  /** Active context at `l0()` call time: parent of the operation span. */
  parentContext: Context;
  shape: TelemetryShape;
  /** `l0.metadata.*` span attributes. */
  metadataAttributes: Attributes;
  captureContent: boolean;
  guardrailsConfigured: boolean;
  driftConfigured: boolean;
}

/** The OTel implementation of {@link CallObserver}. */
export class CallRecorder implements CallObserver {
  readonly sampled: boolean;
  private readonly state: RecorderState;
  private readonly genAi: Attributes;
  private opSpan: Span | undefined;
  private opContext: Context | undefined;
  private attemptSpan: Span | undefined;
  private attemptContext: Context | undefined;
  /** The ended operation span (where an L0SpanProcessor left its derived facts). */
  private endedSpan: Span | undefined;
  private finalTelemetry: L0Telemetry | undefined;
  /** Whether a context manager is installed (checked once per call). */
  private contextPropagates = false;
  /**
   * The clock reading of the last `chunkReceived` not yet followed by a `tokenDelivered` (-1: none).
   * The runtime delivers a chunk's token in the same synchronous step it reports the chunk, so the
   * token is timed with that reading: one clock read per token instead of two. (Text a continuation
   * held back and delivers later without a chunk of its own is timed at the last chunk received.)
   */
  private chunkReadingForToken = -1;

  /** The call's one time base: every span start, end and event time is read from it. */
  private readonly clock = new CallClock();

  constructor(private readonly options: CallRecorderOptions) {
    this.sampled = options.tracer !== undefined;
    this.state = new RecorderState(options.sessionId, this.clock.now(), options.guardrailsConfigured, options.driftConfigured);
    this.genAi = genAiAttributes(options.identity);
  }

  callStarted(): void {
    try {
      this.start();
    } catch (error) {
      report("callStarted", error);
    }
  }

  private start(): void {
    const s = this.state;
    if (s.started) return;
    s.started = true;
    s.t0 = this.clock.now();
    const { tracer, identity, parentContext, sessionId, metadataAttributes } = this.options;
    if (tracer === undefined) return;
    this.opSpan = tracer.startSpan(
      operationSpanName(identity),
      { kind: SpanKind.CLIENT, startTime: s.t0, attributes: operationStartAttributes(identity, sessionId, metadataAttributes) },
      parentContext,
    );
    this.opContext = trace.setSpan(parentContext, this.opSpan);
    // Without a context manager `context.with` cannot activate anything: skip it (it runs per pull).
    // Compare by span, not by context identity: some context managers (Sentry's) copy the context.
    const span = this.opSpan;
    this.contextPropagates = context.with(this.opContext, () => trace.getSpan(context.active()) === span);
  }

  attemptStarted(info: AttemptStartInfo): void {
    try {
      this.start();
      const s = this.state;
      if (s.attemptOpen) this.endAttempt({ outcome: info.fallbackIndex !== s.fallbackIndex ? "fallback" : "retry" });
      s.attempts++;
      s.attempt = info.attempt;
      s.fallbackIndex = info.fallbackIndex;
      s.attemptOpen = true;
      s.attemptStartAt = this.clock.now();
      s.chunks = 0;
      s.firstChunkAt = -1;
      this.chunkReadingForToken = -1;
      const { tracer } = this.options;
      if (tracer === undefined || this.opContext === undefined) return;
      const attributes = attemptStartAttributes(this.genAi, this.options.sessionId, info);
      this.attemptSpan = tracer.startSpan(
        names.SPAN_NAME_L0_ATTEMPT,
        { kind: SpanKind.INTERNAL, startTime: s.attemptStartAt, attributes },
        this.opContext,
      );
      this.attemptContext = trace.setSpan(this.opContext, this.attemptSpan);
    } catch (error) {
      report("attemptStarted", error);
    }
  }

  runInAttempt<T>(fn: () => T): T {
    const active = this.attemptContext ?? this.opContext;
    return active === undefined || !this.contextPropagates ? fn() : context.with(active, fn);
  }

  chunkReceived(): void {
    try {
      const s = this.state;
      const now = this.clock.now();
      if (s.chunks++ === 0) s.firstChunkAt = now;
      s.lastChunkAt = now;
      this.chunkReadingForToken = now;
    } catch (error) {
      report("chunkReceived", error);
    }
  }

  tokenDelivered(): void {
    try {
      const s = this.state;
      const reading = this.chunkReadingForToken;
      this.chunkReadingForToken = -1;
      const now = reading >= 0 ? reading : this.clock.now();
      s.tokens++;
      if (s.firstTokenAt < 0) {
        if (!s.started) this.start();
        s.firstTokenAt = now;
        this.opSpan?.addEvent(
          names.EVENT_L0_FIRST_TOKEN,
          { [names.ATTR_L0_ATTEMPT_NUMBER]: s.attempt, [names.ATTR_L0_TIME_TO_FIRST_TOKEN]: (now - s.t0) / 1000 },
          now,
        );
      } else if (s.lastTokenAttempt === s.attempt) {
        s.gapSum += now - s.lastTokenAt;
        s.gapCount++;
      }
      s.lastTokenAt = now;
      s.lastTokenAttempt = s.attempt;
    } catch (error) {
      report("tokenDelivered", error);
    }
  }

  networkError(errorType: ErrorType, error: unknown, retried: boolean, delayMs: number | undefined): void {
    try {
      const { message, type: name } = describeError(error, this.options.captureContent);
      const timestamp = this.clock.now();
      const delay = delayMs === undefined ? undefined : delayMs / 1000;
      this.state.addNetworkError(errorType, message, timestamp, retried, delay);
      this.options.metrics.networkError(errorType);
      const span = this.attemptSpan ?? this.opSpan;
      span?.addEvent(names.EVENT_L0_NETWORK_ERROR, networkErrorEventAttributes(errorType, name, message, retried, delay), timestamp);
    } catch (failure) {
      report("networkError", failure);
    }
  }

  retryScheduled(kind: "network" | "model", reason: ErrorType, delayMs: number): void {
    try {
      const s = this.state;
      s.addRetry(kind);
      this.options.metrics.retry(kind, reason);
      this.opSpan?.addEvent(names.EVENT_L0_RETRY, retryEventAttributes(kind, reason, delayMs, s.attempt), this.clock.now());
    } catch (error) {
      report("retryScheduled", error);
    }
  }

  fallbackStarted(fromIndex: number, toIndex: number, reason: ErrorType): void {
    try {
      this.opSpan?.addEvent(
        names.EVENT_L0_FALLBACK,
        { [names.ATTR_L0_FALLBACK_FROM]: fromIndex, [names.ATTR_L0_FALLBACK_INDEX]: toIndex, [names.ATTR_L0_RETRY_REASON]: reason },
        this.clock.now(),
      );
    } catch (error) {
      report("fallbackStarted", error);
    }
  }

  guardrailViolation(violation: GuardrailViolation): void {
    try {
      this.state.addViolation(violation);
      this.options.metrics.violation(violation);
      (this.attemptSpan ?? this.opSpan)?.addEvent(names.EVENT_L0_GUARDRAIL_VIOLATION, violationEventAttributes(violation, this.options.captureContent), this.clock.now());
    } catch (error) {
      report("guardrailViolation", error);
    }
  }

  drift(detections: DriftDetection[], confidence: number): void {
    try {
      const types = this.state.addDrift(detections);
      if (types.length === 0) return;
      this.options.metrics.drift(types);
      (this.attemptSpan ?? this.opSpan)?.addEvent(
        names.EVENT_L0_DRIFT,
        { [names.ATTR_L0_DRIFT_TYPES]: types, [names.ATTR_L0_DRIFT_CONFIDENCE]: confidence },
        this.clock.now(),
      );
    } catch (error) {
      report("drift", error);
    }
  }

  timeout(kind: "initial" | "inter", elapsedMs: number): void {
    try {
      (this.attemptSpan ?? this.opSpan)?.addEvent(
        names.EVENT_L0_TIMEOUT,
        { [names.ATTR_L0_TIMEOUT_KIND]: kind, [names.ATTR_L0_TIMEOUT_ELAPSED]: elapsedMs / 1000 },
        this.clock.now(),
      );
    } catch (error) {
      report("timeout", error);
    }
  }

  attemptEnded(info: AttemptEndInfo): void {
    try {
      this.endAttempt(info);
    } catch (error) {
      report("attemptEnded", error);
    }
  }

  private endAttempt(info: AttemptEndInfo): void {
    const s = this.state;
    if (!s.attemptOpen) return;
    s.attemptOpen = false;
    const now = this.clock.now();
    const span = this.attemptSpan;
    this.attemptSpan = undefined;
    this.attemptContext = undefined;
    try {
      const ttfc = s.firstChunkAt < 0 ? undefined : (s.firstChunkAt - s.attemptStartAt) / 1000;
      const tpoc = s.chunks < 2 ? undefined : (s.lastChunkAt - s.firstChunkAt) / (s.chunks - 1) / 1000;
      const usage = info.usage;
      if (usage?.inputTokens !== undefined) s.inputTokens = (s.inputTokens ?? 0) + usage.inputTokens;
      if (usage?.outputTokens !== undefined) s.outputTokens = (s.outputTokens ?? 0) + usage.outputTokens;
      if (info.responseModel !== undefined) s.responseModel = info.responseModel;
      if (info.responseId !== undefined) s.responseId = info.responseId;
      if (info.finishReason !== undefined) s.finishReason = info.finishReason;
      this.options.metrics.attempt(ttfc, tpoc);
      if (span !== undefined) {
        const output = finishAttemptSpan(span, info, s.chunks, ttfc, this.options.captureContent);
        if (output !== undefined && info.outcome === "success") this.opSpan?.setAttribute(names.ATTR_GEN_AI_OUTPUT_MESSAGES, output);
      }
    } finally {
      span?.end(now);
    }
  }

  callEnded(outcome: CallOutcome, errorType?: ErrorType, error?: unknown): void {
    try {
      const s = this.state;
      if (s.ended) return;
      this.start();
      if (s.attemptOpen) {
        const attempt: AttemptEndInfo = { outcome };
        if (errorType !== undefined) attempt.errorType = errorType;
        if (error !== undefined) attempt.error = error;
        this.endAttempt(attempt);
      }
      s.ended = true;
      s.tEnd = this.clock.now();
      s.outcome = outcome;
      s.errorType = outcome === "failed" ? (errorType ?? "unknown") : undefined;
      this.options.metrics.callEnded(s);
      this.endOperationSpan(error);
    } catch (failure) {
      report("callEnded", failure);
      this.endOperationSpan(undefined);
    }
  }

  private endOperationSpan(error: unknown): void {
    const span = this.opSpan;
    if (span === undefined) return;
    this.opSpan = undefined;
    this.opContext = undefined;
    try {
      finishOperationSpan(span, this.state, error, this.options.captureContent);
    } catch (failure) {
      report("callEnded", failure);
    }
    span.end(this.state.ended ? this.state.tEnd : this.clock.now());
    this.endedSpan = span;
  }

  telemetry(): L0Telemetry | undefined {
    if (!this.sampled) return undefined;
    try {
      if (this.finalTelemetry !== undefined) return this.finalTelemetry;
      const s = this.state;
      if (!s.ended) return telemetryFromFacts(s.facts(), this.options.shape);
      const derived = this.endedSpan === undefined ? undefined : derivedFactsOf(this.endedSpan);
      this.finalTelemetry = telemetryFromFacts(derived ?? s.facts(), this.options.shape);
      return this.finalTelemetry;
    } catch (error) {
      report("telemetry", error);
      return undefined;
    }
  }
}
