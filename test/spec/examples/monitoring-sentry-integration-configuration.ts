// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 1039: Sentry Integration / Configuration
import * as Sentry from "@sentry/node";
import { initSentry } from "../../integrations/sentry-harness.js";

initSentry(); // the app's Sentry.init, with an in-memory transport

// <spec>
import { sentryInterceptor } from "l0";

sentryInterceptor({
  hub: Sentry, // Required: Sentry instance
  captureNetworkErrors: true, // Capture network failures (default: true)
  captureGuardrailViolations: true, // Capture guardrail violations (default: true)
  minGuardrailSeverity: "error", // Min severity to capture (default: 'error')
  breadcrumbsForTokens: false, // Add breadcrumb per token (default: false)
  enableTracing: true, // Enable performance tracing (default: true)
  tags: {
    // Custom tags for all events
    model: "gpt-4",
    environment: "production",
  },
});
// </spec>
