/**
 * `sentryInterceptor`: reports each `l0()` call to Sentry through the `interceptors` option.
 */
import { diag } from "@opentelemetry/api";
import { L0Error } from "../errors/l0-error.js";
import type { L0Event } from "../types/events.js";
import type { L0LifecycleEvent } from "../types/lifecycle.js";
import type { L0Interceptor, L0Options, StreamFactory } from "../types/options.js";
import { SentryCallTracker } from "./sentry-call-tracker.js";
import { resolveSentryConfig, sentryIsOtelBackend, type ResolvedSentryConfig } from "./sentry-config.js";
import { createSentryEventHandler } from "./sentry-event-handler.js";
import type { SentryConfig, SentrySpanLike } from "./sentry-types.js";

/**
 * Creates an interceptor that reports every call it runs on to Sentry.
 *
 * Per call (state lives in a tracker made in `before`, so concurrent calls never mix their spans,
 * counts or captured events):
 * - **Breadcrumbs**, through `Sentry.addBreadcrumb` on the isolation scope current at `before`
 *   (the request's, in a server instrumented by Sentry): `beforeBreadcrumb` sees them and the app's
 *   own later events in that request carry them. Execution start/complete, stream start/complete,
 *   first token (TTFT), network errors, retries, fallbacks, guardrail violations, drift, timeouts;
 *   `data.session_id` tells apart the calls of one request.
 * - **Captured events**: the final failure of the call (`component: l0.network` and `error_type`
 *   when it was a network error and `captureNetworkErrors`, else `component: l0`); retried network
 *   errors are breadcrumbs only; guardrail violations at or above `minGuardrailSeverity`.
 * - **Spans**: `l0.execution` (from `before` to the end of the stream) with child
 *   `l0.stream.consume` (first pull to the end), ended by l0 when the stream really ends, with
 *   `tokens`, `ttft_ms`, `duration_ms` and the `l0_telemetry` fields as span data. Stream factories
 *   run with `l0.stream.consume` active, so spans of Sentry-instrumented providers nest under it.
 * - **Context** `l0_telemetry` set when the call ends, as `Sentry.setContext` would (isolation
 *   scope: the app's later events in the request carry it, the last call to end wins there), and
 *   on the call's own scope, so l0's own captured events always carry their call's telemetry.
 * - **Tags** (`tags`) only on l0's own events and spans, never on the isolation scope.
 *
 * Tracing with OpenTelemetry: with `@sentry/node` defaults (`enableOpenTelemetrySetup: false`)
 * Sentry does not receive OTel spans, so l0's OTel spans stay in your OTel pipeline and Sentry gets
 * the two spans above. With `Sentry.init({ enableOpenTelemetrySetup: true })` Sentry IS the OTel
 * backend: l0's own spans (the operation span, one span per attempt, provider spans under the
 * attempts) are Sentry spans, and the integration creates no `l0.execution` / `l0.stream.consume`
 * twins. It detects this per call, when the first stream factory runs under a Sentry span made by
 * l0, and links captured events to that span; calls l0 does not trace get the integration's spans.
 *
 * A Sentry failure never breaks the call: it is reported to OTel `diag`.
 */
export function sentryInterceptor(config: SentryConfig): L0Interceptor {
  const resolved = resolveSentryConfig(config);
  const trackers = new WeakMap<L0Options, SentryCallTracker>();
  return {
    name: "sentry",
    before(options) {
      const tracker = new SentryCallTracker(resolved, {
        deferSpans: true,
        captureContent: resolved.captureContent || options.monitoring?.captureContent === true,
      });
      tracker.startExecution();
      const next = instrumentOptions(options, tracker, resolved);
      trackers.set(next, tracker);
      return next;
    },
    after(result, options) {
      const tracker = trackers.get(options);
      if (tracker !== undefined && !tracker.isFinished) tracker.completeExecution(result.telemetry);
    },
    onError(error, options) {
      const tracker = trackers.get(options);
      if (tracker !== undefined && !tracker.isFinished) tracker.recordFailure(error);
    },
  };
}

/** Returns options whose `onEvent` feeds `tracker` (then the user's) and whose factories run traced. */
export function instrumentOptions(options: L0Options, tracker: SentryCallTracker, config: ResolvedSentryConfig): L0Options {
  const hub = config.hub;
  const handle = createSentryEventHandler(tracker);
  const userOnEvent = options.onEvent;
  const outerSpan = safeActiveSpan(config);
  const otelBackend = sentryIsOtelBackend(hub);
  const wrap = (factory: StreamFactory): StreamFactory => {
    if (typeof factory !== "function") return factory;
    return (context) => {
      if (tracker.spansPending) {
        const active = otelBackend ? safeActiveSpan(config) : undefined;
        tracker.resolveSpans(active !== undefined && active !== outerSpan ? active : undefined);
      }
      watchAbandon(context.signal, tracker);
      const span = tracker.activeSpan;
      return span === undefined ? factory(context) : hub.withActiveSpan(span, () => factory(context));
    };
  };
  const next: L0Options = {
    ...options,
    stream: wrap(options.stream),
    onEvent: (event: L0Event | L0LifecycleEvent) => {
      try {
        handle(event);
      } catch (error) {
        diag.error("l0: Sentry integration failed", error);
      }
      userOnEvent?.(event);
    },
  };
  if (Array.isArray(options.fallbackStreams)) next.fallbackStreams = options.fallbackStreams.map(wrap);
  return next;
}

/**
 * A consumer that stops reading early (`break`) emits no lifecycle event; l0 then abandons the
 * attempt with a `STREAM_ABORTED` reason on the attempt signal. Ends the call as aborted then, so
 * its spans still end. (An abort through `signal` / `result.abort()` has the same reason.)
 */
function watchAbandon(signal: AbortSignal | undefined, tracker: SentryCallTracker): void {
  if (signal === undefined || typeof signal.addEventListener !== "function") return;
  signal.addEventListener(
    "abort",
    () => {
      const reason: unknown = signal.reason;
      if (L0Error.isL0Error(reason) && reason.code === "STREAM_ABORTED" && !tracker.isFinished) tracker.recordAbort();
    },
    { once: true },
  );
}

function safeActiveSpan(config: ResolvedSentryConfig): SentrySpanLike | undefined {
  try {
    return config.hub.getActiveSpan();
  } catch {
    return undefined;
  }
}
