/**
 * Tracks one `l0()` call in Sentry: breadcrumbs and the `l0_telemetry` context on the isolation
 * scope (as `Sentry.addBreadcrumb` / `Sentry.setContext`), captured events and the `l0.execution` /
 * `l0.stream.consume` spans on the call's own scope (see {@link SentryCallScopes}).
 */
import { L0Error } from "../errors/l0-error.js";
import { contentFreeError, describeError } from "../telemetry/describe-error.js";
import { ERROR_TYPE_CATEGORY, isErrorType } from "../errors/error-types.js";
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { severityRank, type ResolvedSentryConfig } from "./sentry-config.js";
import { SentryCallScopes } from "./sentry-call-scopes.js";
import { SentryCallSpans, SENTRY_OP_EXECUTION, SPAN_STATUS_ERROR, SPAN_STATUS_OK } from "./sentry-call-spans.js";
import type { SentryBreadcrumb, SentryIntegration, SentryPrimitive, SentrySpanLike } from "./sentry-types.js";

type Level = NonNullable<SentryBreadcrumb["level"]>;

function primitives(source: Record<string, unknown> | undefined): Record<string, SentryPrimitive> {
  const out: Record<string, SentryPrimitive> = {};
  for (const [key, value] of Object.entries(source ?? {})) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out[key] = value;
  }
  return out;
}

/** Options of one tracker. */
export interface SentryCallTrackerOptions {
  /**
   * True: spans are created when {@link SentryCallTracker.resolveSpans} decides (or at the end),
   * with their real start times. Lets the interceptor adopt l0's OTel spans instead of duplicating.
   */
  deferSpans?: boolean;
  /** Send content for this call (the config's `captureContent`, or the call's `monitoring.captureContent`). */
  captureContent?: boolean;
}

/** Per-call Sentry state. Every Sentry call is guarded: a Sentry failure goes to OTel `diag`. */
export class SentryCallTracker implements SentryIntegration {
  /** Where the call writes: the isolation scope and its own call scope. */
  readonly scopes: SentryCallScopes;
  private readonly config: ResolvedSentryConfig;
  private readonly deferSpans: boolean;
  private readonly captureContent: boolean;
  private readonly spans: SentryCallSpans;
  private executionName = SENTRY_OP_EXECUTION;
  private executionAttributes: Record<string, SentryPrimitive> = {};
  private executionStartMs: number | undefined;
  private streamStartMs: number | undefined;
  private streamEnded = false;
  private finished = false;
  /** Session id of the call, when known. */
  sessionId: string | undefined;
  private tokens = 0;
  private ttftMs: number | undefined;
  private retries = 0;
  private networkErrors = 0;
  private guardrailViolations = 0;
  /** The last network error that was not retried; captured if the call then fails. */
  private pendingNetworkError: { error: unknown; errorType: string } | undefined;
  /** `rule + severity` of violations already captured: one Sentry event per rule and severity per call. */
  private capturedViolations: Set<string> | undefined;
  /** Session duration reported by l0 on completion (first pull to the end), ms. */
  private sessionDurationMs: number | undefined;

  constructor(config: ResolvedSentryConfig, options: SentryCallTrackerOptions = {}) {
    this.config = config;
    this.deferSpans = options.deferSpans ?? false;
    this.captureContent = options.captureContent ?? config.captureContent;
    this.scopes = new SentryCallScopes(config.hub, config.tags);
    this.spans = new SentryCallSpans(this.scopes, config.tags, config.enableTracing);
  }

  /** Tokens counted so far. */
  get tokenCount(): number {
    return this.tokens;
  }

  /** True once the call ended (complete, abort or failure). */
  get isFinished(): boolean {
    return this.finished;
  }

  startExecution(name = SENTRY_OP_EXECUTION, metadata?: Record<string, unknown>): void {
    if (this.executionStartMs !== undefined) return;
    this.executionStartMs = Date.now();
    this.executionName = name;
    this.executionAttributes = { ...primitives(metadata), ...this.config.tags };
    this.breadcrumb("l0", "L0 execution started", "info", { name });
    if (!this.deferSpans) this.resolveSpans(undefined);
  }

  startStream(): void {
    if (this.streamStartMs !== undefined) return;
    if (this.executionStartMs === undefined) this.startExecution();
    this.streamStartMs = Date.now();
    this.breadcrumb("l0.stream", "Stream started", "info");
    this.spans.openStream(this.streamStartMs);
  }

  /**
   * Decides how the call is traced. `l0Span` is the span l0's OTel recorder made active for the
   * attempt when that span is a Sentry span (Sentry is the OTel backend): then l0's spans already
   * describe the call and no twin is created. Otherwise the integration creates its own spans.
   */
  resolveSpans(l0Span: SentrySpanLike | undefined, otelBackend = l0Span !== undefined): void {
    if (!this.spans.pending) return;
    this.spans.resolve(otelBackend, l0Span, this.executionName, this.executionAttributes, this.executionStartMs ?? Date.now());
    if (this.streamStartMs !== undefined) this.spans.openStream(this.streamStartMs);
  }

  /** True while the tracing mode is undecided (deferred spans). */
  get spansPending(): boolean {
    return this.spans.pending;
  }

  /** The span provider calls should run under (own spans), or undefined. */
  get activeSpan(): SentrySpanLike | undefined {
    return this.spans.active;
  }

  recordFirstToken(ttftMs: number): void {
    if (this.ttftMs !== undefined) return;
    this.ttftMs = ttftMs;
    this.breadcrumb("l0.stream", "First token", "info", { ttft_ms: ttftMs });
    this.spans.setStreamData("ttft_ms", ttftMs);
  }

  recordToken(token?: string): void {
    this.tokens++;
    if (this.config.breadcrumbsForTokens) {
      const text = token === undefined || !this.captureContent ? "token" : token.slice(0, 50);
      this.breadcrumb("l0.token", text, "debug", { index: this.tokens });
    }
  }

  recordNetworkError(error: unknown, errorType: string, willRetry: boolean): void {
    this.networkErrors++;
    const { message } = describeError(error, this.captureContent);
    this.breadcrumb("l0.network", `Network error: ${errorType}`, "error", { error_type: errorType, message, will_retry: willRetry });
    // Whether a non-retried error ends the call is known only when the call fails (a fallback may follow).
    this.pendingNetworkError = willRetry ? undefined : { error, errorType };
  }

  recordRetry(attempt: number, reason: string, kind: "network" | "model", delayMs?: number): void {
    this.retries++;
    this.pendingNetworkError = undefined;
    this.breadcrumb("l0.retry", `Retry attempt ${attempt}`, "warning", { attempt, reason, kind, delay_ms: delayMs });
  }

  recordFallback(fromIndex: number, toIndex: number, reason: string): void {
    this.pendingNetworkError = undefined;
    this.breadcrumb("l0.fallback", `Fallback to stream ${toIndex}`, "warning", { from_index: fromIndex, to_index: toIndex, reason });
  }

  recordGuardrailViolation(violation: GuardrailViolation): void {
    this.guardrailViolations++;
    const level: Level = violation.severity;
    this.breadcrumb("l0.guardrail", `Guardrail violation: ${violation.rule}`, level, {
      rule: violation.rule,
      severity: violation.severity,
      message: violation.message,
      recoverable: violation.recoverable,
      ...(this.captureContent && violation.excerpt !== undefined && { excerpt: violation.excerpt }),
    });
    if (!this.config.captureGuardrailViolations) return;
    if (severityRank(violation.severity) < severityRank(this.config.minGuardrailSeverity)) return;
    const key = `${violation.rule}\u0000${violation.severity}`;
    this.capturedViolations ??= new Set();
    if (this.capturedViolations.has(key)) return;
    this.capturedViolations.add(key);
    this.capture((hub) =>
      hub.captureMessage(`Guardrail violation: ${violation.rule}`, {
        level,
        tags: { component: "l0.guardrails", guardrail_rule: violation.rule, guardrail_severity: violation.severity },
        contexts: {
          guardrail: {
            rule: violation.rule,
            message: violation.message,
            severity: violation.severity,
            recoverable: violation.recoverable,
            position: violation.position,
            ...(this.captureContent && violation.excerpt !== undefined && { excerpt: violation.excerpt }),
          },
        },
      }),
    );
  }

  recordDrift(detections: DriftDetection[], confidence: number): void {
    this.breadcrumb("l0.drift", "Drift detected", "warning", { types: detections.map((d) => d.type).join(","), confidence });
  }

  /** Records a timeout (breadcrumb). */
  recordTimeout(kind: "initial" | "inter", elapsedMs: number): void {
    this.breadcrumb("l0.timeout", `${kind === "initial" ? "Initial token" : "Inter-token"} timeout`, "warning", { elapsed_ms: elapsedMs });
  }

  /** Records l0's own session duration (the `COMPLETE` event's `durationMs`). */
  recordSessionDuration(durationMs: number): void {
    this.sessionDurationMs = durationMs;
  }

  completeStream(tokenCount: number): void {
    this.tokens = tokenCount;
    if (this.streamEnded) return;
    this.streamEnded = true;
    const durationMs = this.streamStartMs === undefined ? undefined : Date.now() - this.streamStartMs;
    this.breadcrumb("l0.stream", "Stream completed", "info", { tokens: tokenCount, duration_ms: durationMs });
    this.spans.endStream({ tokens: tokenCount, duration_ms: durationMs, ttft_ms: this.ttftMs }, SPAN_STATUS_OK);
  }

  completeExecution(telemetry?: L0Telemetry): void {
    if (this.finished) return;
    if (!this.streamEnded && this.streamStartMs !== undefined) this.completeStream(telemetry?.metrics.totalTokens ?? this.tokens);
    this.finish(telemetry, { code: SPAN_STATUS_OK }, "L0 execution completed", "info");
  }

  recordAbort(telemetry?: L0Telemetry): void {
    if (this.finished) return;
    this.breadcrumb("l0", "L0 execution aborted", "warning", { tokens: this.tokens });
    this.finish(telemetry, { code: SPAN_STATUS_ERROR, message: "cancelled" }, undefined, "warning");
  }

  recordFailure(error: unknown, telemetry?: L0Telemetry): void {
    if (this.finished) return;
    const errorType = errorTypeOf(error) ?? this.pendingNetworkError?.errorType ?? "unknown";
    // A network failure: the final error type says so (the last non-retried network error supplies it when the error has none).
    const isNetwork = isErrorType(errorType) && ERROR_TYPE_CATEGORY[errorType] === "network";
    const component = isNetwork && this.config.captureNetworkErrors ? "l0.network" : "l0";
    this.setTelemetryContext(telemetry);
    const captured = this.captureContent ? error : contentFreeError(error);
    this.capture((hub) => hub.captureException(captured, { level: "error", tags: { component, error_type: errorType } }));
    this.finish(telemetry, { code: SPAN_STATUS_ERROR, message: "internal_error" }, "L0 execution failed", "error", errorType);
  }

  private finish(
    telemetry: L0Telemetry | undefined,
    status: { code: number; message?: string },
    crumb: string | undefined,
    level: Level,
    errorType?: string,
  ): void {
    this.finished = true;
    this.resolveSpans(undefined, false);
    const context = this.setTelemetryContext(telemetry);
    if (crumb !== undefined) this.breadcrumb("l0", crumb, level, errorType === undefined ? undefined : { error_type: errorType });
    if (!this.streamEnded) {
      this.streamEnded = true;
      this.spans.endStream({ tokens: this.tokens, ttft_ms: this.ttftMs }, status.code, status.message);
    }
    this.spans.endExecution(context, status.code, status.message);
  }

  /** Builds this call's `l0_telemetry` context, sets it (isolation and call scope) and returns it. */
  private setTelemetryContext(telemetry: L0Telemetry | undefined): Record<string, SentryPrimitive | undefined> {
    // Same definition as `L0Telemetry.duration`: the session, from the first pull of the stream.
    const sessionStart = this.streamStartMs ?? this.executionStartMs;
    const durationMs =
      telemetry?.duration ?? this.sessionDurationMs ?? (sessionStart === undefined ? undefined : Date.now() - sessionStart);
    const tokens = telemetry?.metrics.totalTokens ?? this.tokens;
    const context = {
      session_id: telemetry?.sessionId ?? this.sessionId,
      duration_ms: durationMs,
      tokens,
      // Throughput has one definition (semconv.md, "Numbers"): only the telemetry's, never a guess.
      tokens_per_second: telemetry?.metrics.tokensPerSecond,
      ttft_ms: telemetry?.metrics.timeToFirstToken ?? this.ttftMs,
      retries: telemetry?.metrics.totalRetries ?? this.retries,
      network_errors: telemetry?.network.errorCount ?? this.networkErrors,
      guardrail_violations: telemetry?.guardrails?.violationCount ?? this.guardrailViolations,
    };
    this.scopes.setContext("l0_telemetry", context);
    return context;
  }

  private breadcrumb(category: string, message: string, level: Level, data?: Record<string, unknown>): void {
    const crumb: SentryBreadcrumb = { category, message, level, type: level === "error" || level === "fatal" ? "error" : "default" };
    if (data !== undefined) crumb.data = data;
    if (this.sessionId !== undefined) crumb.data = { ...crumb.data, session_id: this.sessionId };
    this.scopes.addBreadcrumb(crumb);
  }

  /** Runs a capture on the call's scopes, linked to the call's span (own or l0's OTel span). */
  private capture(fn: (hub: ResolvedSentryConfig["hub"]) => unknown): void {
    this.scopes.capture(this.spans.link, fn);
  }
}

function errorTypeOf(error: unknown): string | undefined {
  if (L0Error.isL0Error(error)) return error.errorType;
  return undefined;
}
