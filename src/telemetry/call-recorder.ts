/**
 * The OTel recorder: the `CallObserver` that turns one call's lifecycle into an operation span,
 * one child span per attempt, span events, instruments and `L0Telemetry`. Every method catches
 * its own failures and reports them to `diag`; spans end exactly once on every path.
 */
import { context, diag, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { ErrorType } from "../errors/error-types.js";
import type { AttemptEndInfo, AttemptStartInfo, CallObserver } from "../runtime/call-observer.js";
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { L0Telemetry } from "../types/telemetry.js";
import type { CallMetrics } from "./call-metrics.js";
import { CallState, type CallOutcome } from "./call-state.js";
import { derivedFactsOf } from "./l0-span-processor.js";
import * as names from "./semconv-names.js";
import {
  genAiAttributes,
  operationEndAttributes,
  operationSpanName,
  operationStartAttributes,
  outputMessages,
  responseAttributes,
  type GenAiIdentity,
} from "./span-attributes.js";
import { telemetryFromFacts, type TelemetryShape } from "./telemetry-facts.js";

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

/** `AttemptEndInfo` plus the optional output text, used only with `captureContent`. */
type AttemptEndWithContent = AttemptEndInfo & { content?: string };

function describe(error: unknown): { message: string; name: string } {
  if (error instanceof Error) return { message: error.message, name: error.name };
  return { message: typeof error === "string" ? error : String(error), name: typeof error };
}

function report(method: string, error: unknown): void {
  diag.error(`l0: telemetry ${method} failed (the call is unaffected)`, error);
}

/** The OTel implementation of {@link CallObserver}. */
export class CallRecorder implements CallObserver {
  readonly sampled: boolean;
  private readonly state: CallState;
  private readonly genAi: Attributes;
  private opSpan: Span | undefined;
  private opContext: Context | undefined;
  private attemptSpan: Span | undefined;
  private attemptContext: Context | undefined;
  /** The ended operation span (where an L0SpanProcessor left its derived facts). */
  private endedSpan: Span | undefined;
  private finalTelemetry: L0Telemetry | undefined;

  constructor(private readonly options: CallRecorderOptions) {
    this.sampled = options.tracer !== undefined;
    this.state = new CallState(options.sessionId, performance.now(), options.guardrailsConfigured, options.driftConfigured);
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
    s.t0 = performance.now();
    const { tracer, identity, parentContext, sessionId, metadataAttributes } = this.options;
    if (tracer === undefined) return;
    this.opSpan = tracer.startSpan(
      operationSpanName(identity),
      { kind: SpanKind.CLIENT, startTime: s.t0, attributes: operationStartAttributes(identity, sessionId, metadataAttributes) },
      parentContext,
    );
    this.opContext = trace.setSpan(parentContext, this.opSpan);
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
      s.attemptStartAt = performance.now();
      s.chunks = 0;
      s.firstChunkAt = -1;
      const { tracer } = this.options;
      if (tracer === undefined || this.opContext === undefined) return;
      const attributes: Attributes = {
        ...this.genAi,
        [names.ATTR_GEN_AI_REQUEST_STREAM]: true,
        [names.ATTR_L0_SESSION_ID]: this.options.sessionId,
        [names.ATTR_L0_ATTEMPT_NUMBER]: info.attempt,
        [names.ATTR_L0_FALLBACK_INDEX]: info.fallbackIndex,
      };
      if (info.reason !== undefined) attributes[names.ATTR_L0_RETRY_REASON] = info.reason;
      if (info.retryKind !== undefined) attributes[names.ATTR_L0_RETRY_KIND] = info.retryKind;
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
    return active === undefined ? fn() : context.with(active, fn);
  }

  chunkReceived(): void {
    try {
      const s = this.state;
      const now = performance.now();
      if (s.chunks++ === 0) s.firstChunkAt = now;
      s.lastChunkAt = now;
    } catch (error) {
      report("chunkReceived", error);
    }
  }

  tokenDelivered(): void {
    try {
      const s = this.state;
      const now = performance.now();
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
      const s = this.state;
      s.networkErrorCount++;
      s.errorsByType.set(errorType, (s.errorsByType.get(errorType) ?? 0) + 1);
      const { message, name } = describe(error);
      const timestamp = Date.now();
      const delay = delayMs === undefined ? undefined : delayMs / 1000;
      s.networkErrors.push(
        delay === undefined ? { type: errorType, message, timestamp, retried } : { type: errorType, message, timestamp, retried, delay },
      );
      this.options.metrics.networkError(errorType);
      const attributes: Attributes = {
        [names.ATTR_ERROR_TYPE]: errorType,
        [names.ATTR_EXCEPTION_TYPE]: name,
        [names.ATTR_EXCEPTION_MESSAGE]: message,
        [names.ATTR_L0_NETWORK_RETRIED]: retried,
      };
      if (delay !== undefined) attributes[names.ATTR_L0_RETRY_DELAY] = delay;
      (this.attemptSpan ?? this.opSpan)?.addEvent(names.EVENT_L0_NETWORK_ERROR, attributes, timestamp);
    } catch (failure) {
      report("networkError", failure);
    }
  }

  retryScheduled(kind: "network" | "model", reason: ErrorType, delayMs: number): void {
    try {
      const s = this.state;
      s.retries++;
      if (kind === "network") s.networkRetries++;
      else s.modelRetries++;
      this.options.metrics.retry(kind, reason);
      this.opSpan?.addEvent(names.EVENT_L0_RETRY, {
        [names.ATTR_L0_RETRY_KIND]: kind,
        [names.ATTR_L0_RETRY_REASON]: reason,
        [names.ATTR_L0_RETRY_DELAY]: delayMs / 1000,
        [names.ATTR_L0_ATTEMPT_NUMBER]: s.attempt,
      });
    } catch (error) {
      report("retryScheduled", error);
    }
  }

  fallbackStarted(fromIndex: number, toIndex: number, reason: ErrorType): void {
    try {
      this.opSpan?.addEvent(names.EVENT_L0_FALLBACK, {
        [names.ATTR_L0_FALLBACK_FROM]: fromIndex,
        [names.ATTR_L0_FALLBACK_INDEX]: toIndex,
        [names.ATTR_L0_RETRY_REASON]: reason,
      });
    } catch (error) {
      report("fallbackStarted", error);
    }
  }

  guardrailViolation(violation: GuardrailViolation): void {
    try {
      const s = this.state;
      s.violationCount++;
      s.violationsByRule.set(violation.rule, (s.violationsByRule.get(violation.rule) ?? 0) + 1);
      if (violation.severity in s.violationsBySeverity) s.violationsBySeverity[violation.severity]++;
      this.options.metrics.violation(violation);
      (this.attemptSpan ?? this.opSpan)?.addEvent(names.EVENT_L0_GUARDRAIL_VIOLATION, {
        [names.ATTR_L0_GUARDRAIL_RULE]: violation.rule,
        [names.ATTR_L0_GUARDRAIL_SEVERITY]: violation.severity,
        [names.ATTR_L0_GUARDRAIL_RECOVERABLE]: violation.recoverable,
        [names.ATTR_L0_GUARDRAIL_MESSAGE]: violation.message,
      });
    } catch (error) {
      report("guardrailViolation", error);
    }
  }

  drift(detections: DriftDetection[], confidence: number): void {
    try {
      const s = this.state;
      const types: string[] = [];
      for (const detection of detections) {
        if (!types.includes(detection.type)) types.push(detection.type);
        s.driftTypes.add(detection.type);
      }
      if (types.length === 0) return;
      s.driftDetected = true;
      this.options.metrics.drift(types);
      (this.attemptSpan ?? this.opSpan)?.addEvent(names.EVENT_L0_DRIFT, {
        [names.ATTR_L0_DRIFT_TYPES]: types,
        [names.ATTR_L0_DRIFT_CONFIDENCE]: confidence,
      });
    } catch (error) {
      report("drift", error);
    }
  }

  timeout(kind: "initial" | "inter", elapsedMs: number): void {
    try {
      (this.attemptSpan ?? this.opSpan)?.addEvent(names.EVENT_L0_TIMEOUT, {
        [names.ATTR_L0_TIMEOUT_KIND]: kind,
        [names.ATTR_L0_TIMEOUT_ELAPSED]: elapsedMs / 1000,
      });
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

  private endAttempt(info: AttemptEndWithContent): void {
    const s = this.state;
    if (!s.attemptOpen) return;
    s.attemptOpen = false;
    const now = performance.now();
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
      if (span !== undefined) this.finishAttemptSpan(span, info, ttfc);
    } finally {
      span?.end(now);
    }
  }

  private finishAttemptSpan(span: Span, info: AttemptEndWithContent, ttfc: number | undefined): void {
    const s = this.state;
    const usage = info.usage;
    const attributes: Attributes = {
      [names.ATTR_L0_OUTCOME]: info.outcome,
      [names.ATTR_L0_ATTEMPT_CHUNKS]: s.chunks,
      ...responseAttributes({
        inputTokens: usage?.inputTokens,
        outputTokens: usage?.outputTokens,
        responseModel: info.responseModel,
        responseId: info.responseId,
        finishReason: info.finishReason,
      }),
    };
    if (ttfc !== undefined) attributes[names.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = ttfc;
    if (info.adapter !== undefined) attributes[names.ATTR_L0_ADAPTER] = info.adapter;
    if (this.options.captureContent && info.content !== undefined) {
      attributes[names.ATTR_GEN_AI_OUTPUT_MESSAGES] = outputMessages(info.content, info.finishReason);
      if (info.outcome === "success") this.opSpan?.setAttribute(names.ATTR_GEN_AI_OUTPUT_MESSAGES, attributes[names.ATTR_GEN_AI_OUTPUT_MESSAGES]);
    }
    const failed = info.outcome === "failed" || info.outcome === "retry" || info.outcome === "fallback";
    if (failed) {
      attributes[names.ATTR_ERROR_TYPE] = info.errorType ?? "unknown";
      const message = info.error === undefined ? undefined : describe(info.error).message;
      span.setStatus(message === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message });
    }
    span.setAttributes(attributes);
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
      s.tEnd = performance.now();
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
      const s = this.state;
      span.setAttributes(operationEndAttributes(s));
      if (s.outcome === "aborted") span.addEvent(names.EVENT_L0_ABORT, { [names.ATTR_L0_TOKENS]: s.tokens }, s.tEnd);
      if (s.outcome === "failed") {
        const message = error === undefined ? undefined : describe(error).message;
        span.setStatus(message === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message });
      }
    } catch (failure) {
      report("callEnded", failure);
    }
    span.end(this.state.ended ? this.state.tEnd : undefined);
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
