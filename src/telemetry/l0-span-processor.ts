/**
 * `L0SpanProcessor`: derives each call's telemetry facts from l0's ENDED spans. `result.telemetry`
 * reads what it derived; other spans pass through untouched.
 */
import { diag, type Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { L0Telemetry } from "../types/telemetry.js";
import { factsFromOperationSpan, networkErrorsFromEvents } from "./facts-from-span.js";
import { ATTR_L0_ATTEMPT_NUMBER, ATTR_L0_SESSION_ID, L0_INSTRUMENTATION_SCOPE } from "./semconv-names.js";
import { telemetryFromFacts, type NetworkErrorFact, type TelemetryFacts } from "./telemetry-facts.js";

/** Facts derived from ended operation spans, keyed by the span object (shared by all processors). */
const derivedFacts = new WeakMap<object, TelemetryFacts>();

/** Facts an L0SpanProcessor derived from this ended operation span, if any. */
export function derivedFactsOf(span: object): TelemetryFacts | undefined {
  return derivedFacts.get(span);
}

/** Max operation spans whose attempt errors wait for their parent to end. */
const MAX_PENDING = 10_000;

/** Options of {@link L0SpanProcessor}. */
export interface L0SpanProcessorOptions {
  /**
   * Called with the telemetry of every l0 call whose operation span ends (all timings and
   * network details included; metadata as recorded on the span). Exceptions go to `diag`.
   */
  onTelemetry?: (telemetry: L0Telemetry, span: ReadableSpan) => void;
}

/**
 * A `SpanProcessor` that derives `L0Telemetry` from ended l0 spans. The embedded default pipeline
 * has one; when you bring your own tracer provider, add `new L0SpanProcessor()` to its
 * `spanProcessors` (without it, l0 derives `result.telemetry` from the same facts it recorded).
 */
export class L0SpanProcessor implements SpanProcessor {
  private readonly onTelemetry: L0SpanProcessorOptions["onTelemetry"];
  /** Network errors of ended attempt spans, by parent (operation) span id. */
  private readonly pending = new Map<string, NetworkErrorFact[]>();

  constructor(options: L0SpanProcessorOptions = {}) {
    this.onTelemetry = options.onTelemetry;
  }

  /** Nothing to do when a span starts. */
  onStart(_span: Span, _parentContext: Context): void {}

  /** Derives facts when an l0 operation span ends; collects attempt-span network errors. */
  onEnd(span: ReadableSpan): void {
    try {
      if (span.instrumentationScope.name !== L0_INSTRUMENTATION_SCOPE) return;
      const attributes = span.attributes;
      if (attributes[ATTR_L0_ATTEMPT_NUMBER] !== undefined) {
        this.collectAttempt(span);
        return;
      }
      if (typeof attributes[ATTR_L0_SESSION_ID] !== "string") return;
      const spanId = span.spanContext().spanId;
      const attemptErrors = this.pending.get(spanId) ?? [];
      this.pending.delete(spanId);
      const facts = factsFromOperationSpan(span, attemptErrors);
      derivedFacts.set(span, facts);
      if (this.onTelemetry !== undefined) {
        this.onTelemetry(telemetryFromFacts(facts, { includeTimings: true, includeNetworkDetails: true }), span);
      }
    } catch (error) {
      diag.error("l0: L0SpanProcessor failed to derive telemetry", error);
    }
  }

  private collectAttempt(span: ReadableSpan): void {
    const parentId = span.parentSpanContext?.spanId;
    if (parentId === undefined || span.events.length === 0) return;
    const errors = networkErrorsFromEvents(span.events);
    if (errors.length === 0) return;
    const list = this.pending.get(parentId);
    if (list !== undefined) {
      list.push(...errors);
      return;
    }
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(parentId, errors);
  }

  /** Nothing is buffered for export. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Drops pending attempt data. */
  shutdown(): Promise<void> {
    this.pending.clear();
    return Promise.resolve();
  }
}
