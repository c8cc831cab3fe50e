/**
 * `createSentryIntegration`: manual, fine-grained Sentry tracking of one call.
 */
import { SentryCallTracker } from "./sentry-call-tracker.js";
import { resolveSentryConfig } from "./sentry-config.js";
import type { SentryConfig, SentryIntegration } from "./sentry-types.js";

/**
 * Creates a tracker for ONE call. Spans start when you call `startExecution` / `startStream`
 * and end when you call `completeStream` / `completeExecution` / `recordFailure` (use these
 * after consuming the stream, so the spans cover it). Breadcrumbs and the `l0_telemetry` context go
 * to the isolation scope current when it is created (as `Sentry.addBreadcrumb` / `Sentry.setContext`
 * would), tags to l0's own events and spans only; create one integration per call.
 */
export function createSentryIntegration(config: SentryConfig): SentryIntegration {
  return new SentryCallTracker(resolveSentryConfig(config));
}
