/**
 * The OTel recorder: the `CallObserver` that turns one call's lifecycle into its spans (the
 * CLIENT operation span, the GenAI inference span of the whole call, and one INTERNAL `l0.attempt`
 * span per provider request), span events and log records, instruments and `L0Telemetry`. Every
 * method catches its own failures and reports them to `diag`; spans end exactly once on every path.
 * @packageDocumentation
 */
import { context, SpanKind, trace, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { Logger } from "@opentelemetry/api-logs";
import type { ErrorType } from "../errors/error-types.js";
import type { AttemptEndInfo, AttemptStartInfo, CallObserver, StreamFacts } from "../runtime/call-observer.js";
import { currentTurn } from "../runtime/turn-clock.js";
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { CallClock } from "./call-clock.js";
import { ChunkGaps } from "./chunk-gaps.js";
import type { CallMetrics } from "./call-metrics.js";
import { describeError } from "./describe-error.js";
import { emitDrift, emitGuardrailResult } from "./genai-events.js";
import { derivedFactsOf } from "./l0-span-processor.js";
import { RecorderState, type CallOutcome } from "./recorder-state.js";
import {
  attemptStartAttributes,
  finishAttemptSpan,
  finishOperationSpan,
  networkErrorEventAttributes,
  reportFailure as report,
  retryEventAttributes,
} from "./recorder-spans.js";
import * as names from "./semconv-names.js";
import { operationStartAttributes, type CallIdentity, type RequestFacts } from "./span-attributes.js";
import { telemetryFromFacts, type TelemetryShape } from "./telemetry-facts.js";

/** What a recorder needs. `tracer` is present only for sampled calls. */
export interface CallRecorderOptions {
  sessionId: string;
  /** What the call is known to be before it starts (monitoring options, the described request). */
  identity: CallIdentity;
  /** Request facts for the spans (server, parameters, input content). */
  request: RequestFacts;
  /**
   * Creates the call's metrics once its identity is settled (when its first chunk gaps are recorded,
   * or at the end);
   * undefined when nothing can read them (no metrics are recorded).
   */
  metrics: ((identity: CallIdentity) => CallMetrics) | undefined;
  tracer: Tracer | undefined;
  /** l0's logger: guardrail and drift results as log records (sampled calls). */
  logger: Logger | undefined;
  /** Active context at `l0()` call time: parent of the operation span. */
  parentContext: Context;
  shape: TelemetryShape;
  /** `l0.metadata.*` span attributes. */
  metadataAttributes: Attributes;
  captureContent: boolean;
  /** Every chunk is its own arrival (chunks recorded by hand), instead of one arrival per event-loop turn. */
  eachChunkArrives: boolean;
  guardrailsConfigured: boolean;
  driftConfigured: boolean;
}

/** The OTel implementation of {@link CallObserver}. */
export class CallRecorder implements CallObserver {
  readonly sampled: boolean;
  readonly #state: RecorderState;
  #opSpan: Span | undefined;
  #opContext: Context | undefined;
  #attemptSpan: Span | undefined;
  #attemptContext: Context | undefined;
  /** The ended operation span (where an L0SpanProcessor left its derived facts). */
  #endedSpan: Span | undefined;
  #finalTelemetry: L0Telemetry | undefined;
  #metrics: CallMetrics | undefined;
  /** Whether a context manager is installed (checked once per call). */
  #contextPropagates = false;
  /** Event-loop turn of the last chunk arrival: chunks handed over in one turn arrive together. */
  #arrivalTurn = -1;
  /** Time of the last chunk arrival. */
  #arrivalAt = 0;
  /**
   * The arrival time of the last `chunkReceived` not yet followed by a `tokenDelivered` (-1: none):
   * the runtime delivers a chunk's token in the same synchronous step it reports the chunk.
   */
  #chunkReadingForToken = -1;
  /** Chunk gaps not yet recorded (made at the first; recorded when full, after a second, and at each attempt's end). */
  #gaps: ChunkGaps | undefined;
  /** The call's one time base: every span start, end and event time is read from it. */
  readonly #clock = new CallClock();

  constructor(private readonly options: CallRecorderOptions) {
    this.sampled = options.tracer !== undefined;
    this.#state = new RecorderState(options.sessionId, this.#clock.now(), options.guardrailsConfigured, options.driftConfigured);
    // Known in full before the call: its metrics exist now, so their zero series come first.
    if (options.identity.settled) this.#metrics = options.metrics?.(options.identity);
  }

  callStarted(): void {
    try {
      this.#start();
    } catch (error) {
      report("callStarted", error);
    }
  }

  /** Starts the call (once): its operation span, whose context it returns (undefined when it started before). */
  #start(): Context | undefined {
    const s = this.#state;
    if (s.started) return undefined;
    s.started = true;
    s.t0 = this.#clock.now();
    const { tracer, identity, parentContext, sessionId, metadataAttributes, request, captureContent } = this.options;
    if (tracer === undefined) return undefined;
    this.#opSpan = tracer.startSpan(
      identity.spanName(),
      {
        kind: SpanKind.CLIENT,
        startTime: s.t0,
        attributes: operationStartAttributes(identity, request, sessionId, metadataAttributes, captureContent),
      },
      parentContext,
    );
    const opContext = trace.setSpan(parentContext, this.#opSpan);
    // Without a context manager `context.with` cannot activate anything: skip it.
    // Compare by span, not by context identity: some context managers (Sentry's) copy the context.
    const span = this.#opSpan;
    this.#contextPropagates = context.with(opContext, () => trace.getSpan(context.active()) === span);
    // Kept only where it is activated for every attempt; otherwise made again when needed (an
    // attempt's start, a log record), so an in-flight call does not hold one.
    if (this.#contextPropagates) this.#opContext = opContext;
    return opContext;
  }

  attemptStarted(info: AttemptStartInfo): void {
    try {
      const started = this.#start();
      const s = this.#state;
      if (s.attemptOpen) this.#endAttempt({ outcome: info.fallbackIndex !== s.fallbackIndex ? "fallback" : "retry" });
      s.startAttempt(info.attempt, info.fallbackIndex, this.#clock.now());
      this.#chunkReadingForToken = -1;
      // The new attempt's first chunk reads the clock afresh, even within the turn that started it:
      // the turn's earlier reading predates the attempt's start.
      this.#arrivalTurn = -1;
      const { tracer } = this.options;
      const parent = started ?? this.#operationContext();
      if (tracer === undefined || parent === undefined) return;
      this.#attemptSpan = tracer.startSpan(
        names.SPAN_NAME_L0_ATTEMPT,
        { kind: SpanKind.INTERNAL, startTime: s.attemptStartAt, attributes: attemptStartAttributes(this.options.sessionId, info) },
        parent,
      );
    } catch (error) {
      report("attemptStarted", error);
    }
  }

  streamFacts(facts: StreamFacts): void {
    try {
      this.options.identity.learn(facts.provider, facts.model);
    } catch (error) {
      report("streamFacts", error);
    }
  }

  runInAttempt<T>(fn: () => T): T {
    const active = this.#contextPropagates ? this.#activeContext() : undefined;
    return active === undefined ? fn() : context.with(active, fn);
  }

  /** The attempt's context (made on first use: most calls never need it), else the operation's. */
  #activeContext(): Context | undefined {
    const span = this.#attemptSpan;
    if (span === undefined) return this.#operationContext();
    return (this.#attemptContext ??= trace.setSpan(this.#operationContext() ?? this.options.parentContext, span));
  }

  /** The operation span's context: the one kept for activation, else made now (undefined without a span). */
  #operationContext(): Context | undefined {
    if (this.#opContext !== undefined) return this.#opContext;
    const span = this.#opSpan;
    return span === undefined ? undefined : trace.setSpan(this.options.parentContext, span);
  }

  chunkReceived(): void {
    try {
      const s = this.#state;
      const turn = currentTurn();
      const arrived = turn !== this.#arrivalTurn || this.options.eachChunkArrives;
      if (arrived) {
        this.#arrivalTurn = turn;
        this.#arrivalAt = this.#clock.now();
      }
      const now = this.#arrivalAt;
      s.chunks++;
      if (s.firstChunkAt < 0) s.firstChunkAt = now;
      if (++s.attemptChunks === 1) s.attemptFirstChunkAt = now;
      else if (this.options.metrics !== undefined) {
        const gaps = (this.#gaps ??= new ChunkGaps());
        if (gaps.add((now - s.attemptLastChunkAt) / 1000, now) || s.ended) this.#recordGaps();
      }
      s.attemptLastChunkAt = now;
      this.#chunkReadingForToken = now;
    } catch (error) {
      report("chunkReceived", error);
    }
  }

  tokenDelivered(): void {
    try {
      const s = this.#state;
      const reading = this.#chunkReadingForToken;
      this.#chunkReadingForToken = -1;
      const now = reading >= 0 ? reading : this.#clock.now();
      s.attemptTokens++;
      if (s.firstTokenAt < 0) {
        if (!s.started) this.#start();
        s.firstTokenAt = now;
        this.#opSpan?.addEvent(
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
      const timestamp = this.#clock.now();
      const delay = delayMs === undefined ? undefined : delayMs / 1000;
      this.#state.addNetworkError(errorType, message, timestamp, retried, delay);
      const span = this.#attemptSpan ?? this.#opSpan;
      span?.addEvent(names.EVENT_L0_NETWORK_ERROR, networkErrorEventAttributes(errorType, name, message, retried, delay), timestamp);
    } catch (failure) {
      report("networkError", failure);
    }
  }

  retryScheduled(kind: "network" | "model", reason: ErrorType, delayMs: number): void {
    try {
      const s = this.#state;
      s.addRetry(kind, reason);
      this.#opSpan?.addEvent(names.EVENT_L0_RETRY, retryEventAttributes(kind, reason, delayMs, s.attempt), this.#clock.now());
    } catch (error) {
      report("retryScheduled", error);
    }
  }

  fallbackStarted(fromIndex: number, toIndex: number, reason: ErrorType): void {
    try {
      this.#opSpan?.addEvent(
        names.EVENT_L0_FALLBACK,
        { [names.ATTR_L0_FALLBACK_FROM]: fromIndex, [names.ATTR_L0_FALLBACK_INDEX]: toIndex, [names.ATTR_L0_RETRY_REASON]: reason },
        this.#clock.now(),
      );
    } catch (error) {
      report("fallbackStarted", error);
    }
  }

  guardrailViolation(violation: GuardrailViolation): void {
    try {
      this.#state.addViolation(violation);
      if (!this.sampled) return;
      const { identity, captureContent, logger } = this.options;
      emitGuardrailResult(violation, {
        span: this.#attemptSpan ?? this.#opSpan,
        logger,
        context: this.#activeContext(),
        time: this.#clock.now(),
        provider: identity.provider,
        captureContent,
      });
    } catch (error) {
      report("guardrailViolation", error);
    }
  }

  drift(detections: DriftDetection[], _confidence: number): void {
    try {
      const types = this.#state.addDrift(detections);
      if (types.length === 0 || !this.sampled) return;
      const { captureContent, logger } = this.options;
      const time = this.#clock.now();
      for (const detection of detections) {
        emitDrift(detection, {
          span: this.#attemptSpan ?? this.#opSpan,
          logger,
          context: this.#activeContext(),
          time,
          captureContent,
        });
      }
    } catch (error) {
      report("drift", error);
    }
  }

  timeout(kind: "initial" | "inter", elapsedMs: number): void {
    try {
      (this.#attemptSpan ?? this.#opSpan)?.addEvent(
        names.EVENT_L0_TIMEOUT,
        { [names.ATTR_L0_TIMEOUT_KIND]: kind, [names.ATTR_L0_TIMEOUT_ELAPSED]: elapsedMs / 1000 },
        this.#clock.now(),
      );
    } catch (error) {
      report("timeout", error);
    }
  }

  attemptEnded(info: AttemptEndInfo): void {
    try {
      this.#endAttempt(info);
    } catch (error) {
      report("attemptEnded", error);
    }
  }

  #endAttempt(info: AttemptEndInfo): void {
    const s = this.#state;
    if (!s.attemptOpen) return;
    const now = this.#clock.now();
    const span = this.#attemptSpan;
    this.#attemptSpan = undefined;
    this.#attemptContext = undefined;
    try {
      this.options.identity.learn(info.provider, info.responseModel);
      const totals = s.endAttempt(info);
      if (span !== undefined) finishAttemptSpan(span, info, s.attemptChunks, totals, this.options.captureContent);
      this.#recordGaps();
    } finally {
      span?.end(now);
    }
  }

  callEnded(outcome: CallOutcome, errorType?: ErrorType, error?: unknown): void {
    try {
      const s = this.#state;
      if (s.ended) return;
      this.#start();
      if (s.attemptOpen) {
        const attempt: AttemptEndInfo = { outcome };
        if (errorType !== undefined) attempt.errorType = errorType;
        if (error !== undefined) attempt.error = error;
        this.#endAttempt(attempt);
      }
      s.ended = true;
      s.tEnd = this.#clock.now();
      s.outcome = outcome;
      s.errorType = outcome === "failed" ? (errorType ?? "unknown") : undefined;
      this.#endOperationSpan(error);
      this.#recordGaps();
      this.#metricsNow()?.callEnded(s);
    } catch (failure) {
      report("callEnded", failure);
      this.#endOperationSpan(undefined);
    }
  }

  /**
   * Records the pending chunk gaps (identity settled by then: the metrics are made at the first).
   * Runs last in an attempt's end, after its state and span; the call's end records what is left.
   */
  #recordGaps(): void {
    const gaps = this.#gaps;
    if (gaps === undefined || gaps.count === 0) return;
    const count = gaps.count;
    gaps.count = 0;
    this.#metricsNow()?.chunkGaps(gaps.values, count);
  }

  /** The call's metrics, created with the identity known now (it does not change after). */
  #metricsNow(): CallMetrics | undefined {
    const create = this.options.metrics;
    if (create === undefined) return undefined;
    this.#metrics ??= create(this.options.identity.settle());
    return this.#metrics;
  }

  #endOperationSpan(error: unknown): void {
    const span = this.#opSpan;
    if (span === undefined) return;
    this.#opSpan = undefined;
    this.#opContext = undefined;
    try {
      finishOperationSpan(span, this.#state, this.options.identity, error, this.options.captureContent);
    } catch (failure) {
      report("callEnded", failure);
    }
    span.end(this.#state.ended ? this.#state.tEnd : this.#clock.now());
    this.#endedSpan = span;
  }

  telemetry(): L0Telemetry | undefined {
    if (!this.sampled) return undefined;
    try {
      if (this.#finalTelemetry !== undefined) return this.#finalTelemetry;
      const s = this.#state;
      if (!s.ended) return telemetryFromFacts(s.facts(), this.options.shape);
      const derived = this.#endedSpan === undefined ? undefined : derivedFactsOf(this.#endedSpan);
      this.#finalTelemetry = telemetryFromFacts(derived ?? s.facts(), this.options.shape);
      return this.#finalTelemetry;
    } catch (error) {
      report("telemetry", error);
      return undefined;
    }
  }
}
