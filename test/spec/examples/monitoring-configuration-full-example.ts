// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 100: Configuration / Full Example
import { l0 } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    sampleRate: 1.0, // Monitor 100% of requests
    includeNetworkDetails: true, // Include error details
    includeTimings: true, // Include timing metrics
    metadata: {
      user_id: "user_123",
      model: "gpt-4",
      environment: "production",
    },
  },
});
// </spec>

probe("text", await consume(result));
probe("telemetry", result.telemetry);
