/**
 * Where one call writes in Sentry. Two scopes, both taken when the call starts (in the app's async
 * context, e.g. inside a request handler):
 *
 * - the **isolation scope** current then (Sentry's per-request scope in servers, the process-wide
 *   one elsewhere): breadcrumbs and the `l0_telemetry` context go there exactly as
 *   `Sentry.addBreadcrumb` / `Sentry.setContext` would put them, so `beforeBreadcrumb` sees l0's
 *   breadcrumbs and the app's own later events in that request carry them;
 * - the **call scope**, a fork of the current scope: the configured tags, and an event processor
 *   that puts this call's own `l0_telemetry` on the events made on it (or on its forks, which a span
 *   takes when it starts). l0's captured events and spans are made on it, so they carry this call's
 *   tags and telemetry even when another call of the same request wrote its own to the request
 *   since (a transaction event is built after its span ends, from the scopes as they are then).
 */
import { diag } from "@opentelemetry/api";
import type {
  SentryBreadcrumb,
  SentryEventLike,
  SentryHubCalls,
  SentryPrimitive,
  SentryScopeLike,
  SentrySpanLike,
  SentrySpanOptions,
} from "./sentry-types.js";

function guard<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (error) {
    diag.error("l0: Sentry integration failed", error);
    return fallback;
  }
}

function inertScope(): SentryScopeLike {
  const scope: SentryScopeLike = { clone: () => scope, setTag() {}, setContext() {}, addBreadcrumb() {}, addEventProcessor() {} };
  return scope;
}

/** The scopes of one call. Every Sentry call is guarded: a failure goes to OTel `diag`. */
export class SentryCallScopes {
  /** The isolation scope current when the call started: breadcrumbs and `l0_telemetry` go here. */
  readonly isolationScope: SentryScopeLike;
  /** A fork of the current scope at the call's start: tags and the call's own `l0_telemetry`. */
  readonly callScope: SentryScopeLike;
  /** The span active when the call started (parent of `l0.execution`), `null` for none. */
  readonly parentSpan: SentrySpanLike | null;

  /** Contexts of this call, put on every event made on the call scope. */
  private readonly contexts = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly hub: SentryHubCalls,
    tags: Readonly<Record<string, SentryPrimitive>>,
  ) {
    this.isolationScope = guard(() => hub.getIsolationScope(), undefined) ?? inertScope();
    this.callScope = guard(() => hub.getCurrentScope().clone(), undefined) ?? inertScope();
    this.parentSpan = guard(() => hub.getActiveSpan(), undefined) ?? null;
    for (const [key, value] of Object.entries(tags)) guard(() => this.callScope.setTag(key, value), undefined);
    guard(() => this.callScope.addEventProcessor((event) => this.withContexts(event)), undefined);
  }

  /** Adds a breadcrumb through `Sentry.addBreadcrumb` (hooks, limits) on the call's isolation scope. */
  addBreadcrumb(crumb: SentryBreadcrumb): void {
    guard(() => this.inIsolationScope(() => this.hub.addBreadcrumb(crumb)), undefined);
  }

  /**
   * Sets a context on the isolation scope (as `Sentry.setContext`: later events of the request carry
   * it; the last call to end wins there) and for the call's own events and spans.
   */
  setContext(name: string, context: Record<string, unknown>): void {
    this.contexts.set(name, context);
    guard(() => this.isolationScope.setContext(name, context), undefined);
  }

  /** Runs `fn` (a capture) on the call's scopes, linked to `span` when given. */
  capture(span: SentrySpanLike | undefined, fn: (hub: SentryHubCalls) => unknown): void {
    const hub = this.hub;
    guard(() => this.run(() => (span === undefined ? fn(hub) : hub.withActiveSpan(span, () => fn(hub)))), undefined);
  }

  /** Runs `fn` with the call's isolation scope and call scope current. */
  run<T>(fn: () => T): T {
    return this.inIsolationScope(() => this.hub.withScope(this.callScope, fn));
  }

  /**
   * Starts an inactive span with the call scope current (its tags go on a static transaction).
   * `parentSpan` defaults to the span active when the call started (`null`: a root span), not to
   * whatever is active where the span happens to start. (No `scope` option: Sentry 10 would take
   * the parent from that scope's own context and ignore `parentSpan`.)
   */
  startSpan(options: Omit<SentrySpanOptions, "parentSpan"> & { parentSpan?: SentrySpanLike }): SentrySpanLike | undefined {
    const parentSpan = options.parentSpan ?? this.parentSpan;
    const hub = this.hub;
    return guard(() => this.run(() => hub.startInactiveSpan({ ...options, parentSpan })), undefined);
  }

  private withContexts(event: SentryEventLike): SentryEventLike {
    if (this.contexts.size === 0) return event;
    event.contexts = { ...event.contexts, ...Object.fromEntries(this.contexts) };
    return event;
  }

  private inIsolationScope<T>(fn: () => T): T {
    const hub = this.hub;
    return hub.getIsolationScope() === this.isolationScope ? fn() : hub.withIsolationScope(this.isolationScope, fn);
  }
}
