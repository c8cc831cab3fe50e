// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 67: Usage / Enable Monitoring
import { l0 } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    sampleRate: 1.0,              // Monitor 100% of requests
    includeTimings: true,         // Include performance metrics
    includeNetworkDetails: true,  // Include error details
    metadata: {
      user_id: 'user_123',
      environment: 'production'
    }
  }
});
// </spec>

probe("text", await consume(result));
probe("telemetry", result.telemetry);
