// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 1141: Sentry Integration / Telemetry Context
import * as Sentry from "@sentry/node";
import { l0, sentryInterceptor } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";
import { drain, initSentry } from "../../integrations/sentry-harness.js";

initSentry(); // the app's Sentry.init, with an in-memory transport

// <spec>
// Automatically set on completion:
Sentry.setContext("l0_telemetry", {
  session_id: "l0_123...",
  duration_ms: 1500,
  tokens: 250,
  tokens_per_second: 166,
  ttft_ms: 280,
  retries: 1,
  network_errors: 0,
  guardrail_violations: 0,
});
// </spec>

// What l0 really sets, from a call with the interceptor:
const result = await l0({ stream: () => streamText({ model, prompt }), monitoring: { enabled: true }, interceptors: [sentryInterceptor({ hub: Sentry })] });
await consume(result);
probe("sentry", { ...(await drain()), sessionId: result.telemetry?.sessionId });
await Sentry.close(2000);
