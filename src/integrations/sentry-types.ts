/**
 * Structural types of the Sentry SDK surface l0 uses. l0 never imports `@sentry/node`: pass the
 * namespace (`import * as Sentry from "@sentry/node"`) or anything with the same methods.
 * @packageDocumentation
 */
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailSeverity, GuardrailViolation } from "../types/guardrails.js";
import type { L0Telemetry } from "../types/telemetry.js";

/** Primitive values Sentry accepts as tags and span data. */
export type SentryPrimitive = string | number | boolean;

/** A Sentry breadcrumb, as l0 records it. */
export interface SentryBreadcrumb {
  category?: string;
  message?: string;
  level?: "fatal" | "error" | "warning" | "log" | "info" | "debug";
  type?: string;
  data?: Record<string, unknown>;
  /** Seconds since epoch. */
  timestamp?: number;
}

/** The part of a Sentry event l0's event processor touches. */
export interface SentryEventLike {
  contexts?: Record<string, Record<string, unknown> | undefined>;
}

/** The scope methods l0 uses (a `Scope` of `@sentry/node`). */
export interface SentryScopeLike {
  clone(): SentryScopeLike;
  setTag(key: string, value: SentryPrimitive): unknown;
  setContext(name: string, context: Record<string, unknown> | null): unknown;
  addBreadcrumb(breadcrumb: SentryBreadcrumb, maxBreadcrumbs?: number): unknown;
  addEventProcessor(processor: (event: SentryEventLike) => SentryEventLike): unknown;
}

/** The span methods l0 uses (a span of `@sentry/node`, which is also an OTel span). */
export interface SentrySpanLike {
  setAttribute(key: string, value: SentryPrimitive | undefined): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(endTime?: number): void;
}

/** Options of `startInactiveSpan`, as l0 passes them. */
export interface SentrySpanOptions {
  name: string;
  op?: string;
  attributes?: Record<string, SentryPrimitive>;
  /** `null`: a root span. */
  parentSpan?: SentrySpanLike | null;
  /** Seconds since epoch. */
  startTime?: number;
}

/** What `captureException` / `captureMessage` receive from l0 as capture context. */
export interface SentryCaptureContext {
  level?: "fatal" | "error" | "warning" | "log" | "info" | "debug";
  tags?: Record<string, SentryPrimitive>;
  contexts?: Record<string, Record<string, unknown>>;
}

/**
 * The Sentry surface l0 needs: the `@sentry/node` namespace (v10 or v11) satisfies it. Parameters
 * typed `never` only ever receive values this same hub returned (scopes from `getCurrentScope().clone()`
 * and `getIsolationScope()`, spans from `startInactiveSpan` / `getActiveSpan`), so Sentry's own types
 * fit without l0 importing them. `getClient` is optional; l0 uses it to find out whether Sentry is the
 * global OTel tracer provider.
 */
export interface SentryHub {
  getCurrentScope(): SentryScopeLike;
  getIsolationScope(): SentryScopeLike;
  withScope<T>(scope: never, callback: () => T): T;
  withIsolationScope<T>(scope: never, callback: () => T): T;
  addBreadcrumb(breadcrumb: SentryBreadcrumb): void;
  captureException(exception: unknown, hint?: SentryCaptureContext): string;
  captureMessage(message: string, captureContext?: SentryCaptureContext): string;
  startInactiveSpan(options: never): SentrySpanLike;
  withActiveSpan<T>(span: never, callback: () => T): T;
  getActiveSpan(): SentrySpanLike | undefined;
  getClient?(): unknown;
}

/** {@link SentryHub} as l0 calls it (internal): the `never` parameters spelled out. */
export interface SentryHubCalls extends Omit<SentryHub, "withScope" | "withIsolationScope" | "startInactiveSpan" | "withActiveSpan"> {
  withScope<T>(scope: SentryScopeLike, callback: () => T): T;
  withIsolationScope<T>(scope: SentryScopeLike, callback: () => T): T;
  startInactiveSpan(options: SentrySpanOptions): SentrySpanLike;
  withActiveSpan<T>(span: SentrySpanLike, callback: () => T): T;
}

/** Configuration of the Sentry integration (all entry points). */
export interface SentryConfig {
  /** Required: the Sentry namespace (`import * as Sentry from "@sentry/node"`). */
  hub: SentryHub;
  /** Capture network failures that end the call (never retried ones). @default true */
  captureNetworkErrors?: boolean;
  /** Capture guardrail violations at or above `minGuardrailSeverity`. @default true */
  captureGuardrailViolations?: boolean;
  /** Lowest severity captured as a Sentry event. @default "error" */
  minGuardrailSeverity?: GuardrailSeverity;
  /** Add one breadcrumb per token (its first 50 characters only with `captureContent`). @default false */
  breadcrumbsForTokens?: boolean;
  /**
   * Send output text and error messages to Sentry: token text in token breadcrumbs, violation
   * excerpts, provider error messages in breadcrumbs and captured exceptions. Off by default, so
   * no prompt or completion text leaves the process; a call with `monitoring.captureContent: true`
   * sends them too. @default false
   */
  captureContent?: boolean;
  /** Record the `l0.execution` and `l0.stream.consume` spans. @default true */
  enableTracing?: boolean;
  /**
   * Tags of l0's own captured events and spans (set on the call's own scope and as span data),
   * never on the isolation or global scope: the app's other events do not get them.
   */
  tags?: Record<string, SentryPrimitive>;
}

/**
 * Per-call Sentry tracking, for manual use (`createSentryIntegration`). One instance tracks one
 * call: create one per `l0()` call so concurrent calls never mix.
 */
export interface SentryIntegration {
  /** Starts the call: breadcrumb and the `l0.execution` span. */
  startExecution(name?: string, metadata?: Record<string, unknown>): void;
  /** Starts consuming the stream: breadcrumb and the `l0.stream.consume` span. */
  startStream(): void;
  /** Records the session time to first token, ms. */
  recordFirstToken(ttftMs: number): void;
  /** Counts one token (and adds a breadcrumb when `breadcrumbsForTokens`). */
  recordToken(token?: string): void;
  /** Records a network error; captured only when `willRetry` is false and `captureNetworkErrors`. */
  recordNetworkError(error: unknown, errorType: string, willRetry: boolean): void;
  /** Records a retry (breadcrumb). */
  recordRetry(attempt: number, reason: string, kind: "network" | "model", delayMs?: number): void;
  /** Records a switch to a fallback stream (breadcrumb). */
  recordFallback(fromIndex: number, toIndex: number, reason: string): void;
  /** Records a guardrail violation (breadcrumb; captured at or above `minGuardrailSeverity`). */
  recordGuardrailViolation(violation: GuardrailViolation): void;
  /** Records a drift detection (breadcrumb). */
  recordDrift(detections: DriftDetection[], confidence: number): void;
  /** Ends the stream span with the token count. */
  completeStream(tokenCount: number): void;
  /** Ends the call successfully: sets the `l0_telemetry` context and ends the spans. */
  completeExecution(telemetry?: L0Telemetry): void;
  /** Ends the call as aborted (not an error): breadcrumb, spans end with status `cancelled`. */
  recordAbort(telemetry?: L0Telemetry): void;
  /** Ends the call as failed: captures the error and ends the spans with an error status. */
  recordFailure(error: unknown, telemetry?: L0Telemetry): void;
}
