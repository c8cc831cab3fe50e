// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 1010: Sentry Integration / Quick Start
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

// <spec>
import * as Sentry from "@sentry/node";
import { l0, sentryInterceptor } from "l0";

Sentry.init({ dsn: "your-sentry-dsn" });

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true },
  interceptors: [sentryInterceptor({ hub: Sentry })],
});
// </spec>

probe("text", await consume(result));
probe("dsn", Sentry.getClient()?.getDsn() ?? null);
