// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 685: Advanced Usage / Conditional Monitoring
import { l0 } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

// <spec>
const shouldMonitor =
  process.env.NODE_ENV === "production" || Math.random() < 0.1;

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: shouldMonitor,
    sampleRate: process.env.NODE_ENV === "production" ? 0.1 : 1.0,
  },
});
// </spec>

probe("text", await consume(result));
probe("monitored", { shouldMonitor, telemetry: result.telemetry !== undefined });
