// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 541: Monitoring Patterns / Development Debugging
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

const testId = "test_7";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    sampleRate: 1.0, // Monitor everything
    includeTimings: true,
    includeNetworkDetails: true, // Full details
    metadata: {
      environment: "development",
      test_id: testId,
    },
  },
});

// Detailed logging
console.log("Full telemetry:", JSON.stringify(result.telemetry, null, 2));
// </spec>
