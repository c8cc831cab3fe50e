// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 1085: Sentry Integration / Manual Integration
import { streamText } from "ai";
import { model, probe, prompt } from "../prelude.js";
import { drain, initSentry } from "../../integrations/sentry-harness.js";

initSentry(); // the app's Sentry.init, with an in-memory transport

// <spec>
import * as Sentry from "@sentry/node";
import { l0, createSentryIntegration } from "l0";

const sentry = createSentryIntegration({ hub: Sentry });

// Start tracking
sentry.startExecution("my-chat-request", { user_id: "123" });
sentry.startStream();

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true },
});

let tokenCount = 0;
for await (const event of result.stream) {
  if (event.type === "token") {
    tokenCount++;
    if (tokenCount === 1) {
      sentry.recordFirstToken(result.telemetry?.metrics.timeToFirstToken ?? 0);
    }
    sentry.recordToken(event.value);
  }
}

// Complete tracking
sentry.completeStream(tokenCount);
sentry.completeExecution(result.telemetry);
// </spec>

probe("sentry", { ...(await drain()), sessionId: result.telemetry?.sessionId });
await Sentry.close(2000);
