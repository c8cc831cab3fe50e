// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 1118: Sentry Integration / Error Handling
import * as Sentry from "@sentry/node";
import { createSentryIntegration, l0 } from "l0";
import { streamText } from "ai";
import { model, probe, prompt } from "../prelude.js";
import { drain, initSentry } from "../../integrations/sentry-harness.js";

initSentry(); // the app's Sentry.init, with an in-memory transport
const stream = () => streamText({ model, prompt });

// <spec>
const sentry = createSentryIntegration({ hub: Sentry });
sentry.startExecution();

let result;
try {
  result = await l0({ stream, monitoring: { enabled: true } });

  for await (const event of result.stream) {
    // ...
  }

  sentry.completeExecution(result.telemetry);
} catch (error) {
  sentry.recordFailure(error, result?.telemetry);
  throw error;
}
// </spec>

probe("sentry", { ...(await drain()), sessionId: result?.telemetry?.sessionId });
await Sentry.close(2000);
