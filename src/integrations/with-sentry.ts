/**
 * `withSentry`: reports one `l0()` call to Sentry by wrapping the function that makes it.
 */
import type { L0Event } from "../types/events.js";
import type { L0Result } from "../types/result.js";
import { SentryCallTracker } from "./sentry-call-tracker.js";
import { resolveSentryConfig, sentryIsOtelBackend } from "./sentry-config.js";
import type { SentryConfig } from "./sentry-types.js";

/**
 * Runs `fn` (which makes one `l0()` call) tracked in Sentry, and returns its result with a
 * `stream` that reports to Sentry as it is consumed. The `l0.execution` span starts now and ends
 * when the stream really ends (completion, failure, abort or the consumer stopping early), not
 * when `fn` resolves. `fn` runs on the call's own scope with `l0.execution` active, so spans of
 * Sentry-instrumented providers nest under it. Breadcrumbs (on the isolation scope current when
 * `withSentry` is called), captured events and the `l0_telemetry` context are as for
 * {@link sentryInterceptor}, read from the stream events and `result.state`; for lifecycle details
 * (each retried network error) prefer the interceptor.
 *
 * When Sentry is the OTel backend (`enableOpenTelemetrySetup: true`) no twin spans are created:
 * l0's own OTel spans, created on the call's scope, are the call's spans in Sentry.
 */
export async function withSentry<T extends L0Result>(config: SentryConfig, fn: () => T | Promise<T>): Promise<T> {
  const resolved = resolveSentryConfig(config);
  const hub = resolved.hub;
  const tracker = new SentryCallTracker(resolved, { deferSpans: true });
  tracker.startExecution();
  tracker.resolveSpans(undefined, sentryIsOtelBackend(hub));
  let result: T;
  try {
    result = await tracker.scopes.run(() => {
      const span = tracker.activeSpan;
      return span === undefined ? fn() : hub.withActiveSpan(span, () => fn());
    });
  } catch (error) {
    tracker.recordFailure(error);
    throw error;
  }
  return withTrackedStream(result, tracker);
}

function withTrackedStream<T extends L0Result>(result: T, tracker: SentryCallTracker): T {
  const stream = trackStream(result, tracker);
  return new Proxy(result, {
    get(target, property) {
      if (property === "stream") return stream;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function trackStream(result: L0Result, tracker: SentryCallTracker): AsyncIterable<L0Event> {
  return {
    async *[Symbol.asyncIterator]() {
      tracker.startStream();
      const started = Date.now();
      let ended = false;
      try {
        for await (const event of result.stream) {
          observe(event, tracker, started);
          if (event.type === "complete") {
            reportState(result, tracker);
            tracker.completeStream(event.tokenCount);
          } else if (event.type === "error") {
            reportState(result, tracker);
            tracker.recordFailure(event.error, result.telemetry);
            ended = true;
          }
          yield event;
        }
        ended = true;
        if (!tracker.isFinished) {
          if (result.state.aborted) tracker.recordAbort(result.telemetry);
          else tracker.completeExecution(result.telemetry);
        }
      } catch (error) {
        ended = true;
        if (!tracker.isFinished) tracker.recordFailure(error, result.telemetry);
        throw error;
      } finally {
        // The consumer stopped early (break / return): the stream span still ends.
        if (!ended && !tracker.isFinished) tracker.recordAbort(result.telemetry);
      }
    },
  };
}

function observe(event: L0Event, tracker: SentryCallTracker, started: number): void {
  switch (event.type) {
    case "token":
      tracker.recordToken(event.value);
      if (tracker.tokenCount === 1) tracker.recordFirstToken(Math.max(0, event.timestamp - started));
      return;
    case "retry":
      if (event.kind === "network") tracker.recordNetworkError(new Error(event.reason), event.reason, true);
      tracker.recordRetry(event.attempt, event.reason, event.kind, event.delayMs);
      return;
    case "fallback":
      tracker.recordFallback(event.index, event.index + 1, event.reason);
      return;
    default:
      return;
  }
}

/** Reports what the stream events do not carry: guardrail violations and drift. */
function reportState(result: L0Result, tracker: SentryCallTracker): void {
  for (const violation of result.state.violations) tracker.recordGuardrailViolation(violation);
  if (result.state.driftDetected) tracker.recordDrift([], 0);
}
