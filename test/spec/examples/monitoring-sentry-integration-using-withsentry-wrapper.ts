// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 1025: Sentry Integration / Using withSentry Wrapper
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";
import { drain, initSentry } from "../../integrations/sentry-harness.js";

initSentry(); // the app's Sentry.init, with an in-memory transport

// <spec>
import * as Sentry from "@sentry/node";
import { l0, withSentry } from "l0";

const result = await withSentry({ hub: Sentry }, () =>
  l0({
    stream: () => streamText({ model, prompt }),
    monitoring: { enabled: true },
  }),
);
// </spec>

probe("text", await consume(result));
probe("sentry", { ...(await drain()), sessionId: result.telemetry?.sessionId });
await Sentry.close(2000);
