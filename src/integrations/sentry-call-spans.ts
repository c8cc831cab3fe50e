/**
 * The two Sentry spans of one call, `l0.execution` > `l0.stream.consume`, or none when l0's own
 * OTel spans already are Sentry spans. Started with `startInactiveSpan` on the call scope,
 * `l0.execution` under the span active when the call started; ended exactly once. Each call has its
 * own spans and writes its data only on them, so concurrent calls never share span data.
 */
import { diag } from "@opentelemetry/api";
import type { SentryCallScopes } from "./sentry-call-scopes.js";
import type { SentryPrimitive, SentrySpanLike } from "./sentry-types.js";

/** Span operation of the whole call. */
export const SENTRY_OP_EXECUTION = "l0.execution";
/** Span operation of the stream consumption. */
const SENTRY_OP_STREAM = "l0.stream.consume";
/** Sentry span status codes (OTel's). */
export const SPAN_STATUS_OK = 1;
/** Sentry span status codes (OTel's). */
export const SPAN_STATUS_ERROR = 2;

/** Span data values; `undefined` entries are skipped. */
export type SpanData = Record<string, SentryPrimitive | undefined>;

function guard(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    diag.error("l0: Sentry integration failed", error);
  }
}

/** Span state of one call: `pending` until {@link SentryCallSpans.resolve} decides. */
export class SentryCallSpans {
  private state: "pending" | "own" | "otel" | "off";
  private execution: SentrySpanLike | undefined;
  private stream: SentrySpanLike | undefined;
  private l0Span: SentrySpanLike | undefined;
  private streamEnded = false;
  private executionEnded = false;

  constructor(
    private readonly scopes: SentryCallScopes,
    private readonly tags: Readonly<Record<string, SentryPrimitive>>,
    enabled: boolean,
  ) {
    this.state = enabled ? "pending" : "off";
  }

  /** True while the tracing mode is undecided. */
  get pending(): boolean {
    return this.state === "pending";
  }

  /** The span provider calls should run under (own spans only). */
  get active(): SentrySpanLike | undefined {
    return this.state === "own" ? (this.stream ?? this.execution) : undefined;
  }

  /** The span captured events are linked to: ours, or l0's OTel span in Sentry. */
  get link(): SentrySpanLike | undefined {
    return this.stream ?? this.execution ?? this.l0Span;
  }

  /**
   * Decides once: `otelBackend` (l0's OTel spans are Sentry spans; `l0Span` is the attempt span it
   * made active) creates no twins; otherwise `l0.execution` starts at `startMs`.
   */
  resolve(
    otelBackend: boolean,
    l0Span: SentrySpanLike | undefined,
    name: string,
    attributes: Record<string, SentryPrimitive>,
    startMs: number,
  ): void {
    if (this.state !== "pending") return;
    if (otelBackend) {
      this.state = "otel";
      this.l0Span = l0Span;
      return;
    }
    this.state = "own";
    this.execution = this.scopes.startSpan({ name, op: SENTRY_OP_EXECUTION, attributes, startTime: startMs / 1000 });
  }

  /** Starts `l0.stream.consume` under `l0.execution` (own spans only; once). */
  openStream(startMs: number): void {
    const parent = this.execution;
    if (this.state !== "own" || parent === undefined || this.stream !== undefined) return;
    this.stream = this.scopes.startSpan({
      name: SENTRY_OP_STREAM,
      op: SENTRY_OP_STREAM,
      parentSpan: parent,
      attributes: { ...this.tags },
      startTime: startMs / 1000,
    });
  }

  /** Sets one data value on the stream span, when there is one. */
  setStreamData(key: string, value: SentryPrimitive): void {
    const span = this.stream;
    if (span !== undefined) guard(() => span.setAttribute(key, value));
  }

  /** Ends `l0.stream.consume` once. */
  endStream(data: SpanData, code: number, message?: string): void {
    if (this.streamEnded) return;
    this.streamEnded = true;
    end(this.stream, data, code, message);
  }

  /** Ends `l0.execution` once. */
  endExecution(data: SpanData, code: number, message?: string): void {
    if (this.executionEnded) return;
    this.executionEnded = true;
    end(this.execution, data, code, message);
  }
}

function end(span: SentrySpanLike | undefined, data: SpanData, code: number, message: string | undefined): void {
  if (span === undefined) return;
  guard(() => {
    for (const [key, value] of Object.entries(data)) if (value !== undefined) span.setAttribute(key, value);
    span.setStatus(message === undefined ? { code } : { code, message });
    span.end();
  });
}
