// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 517: Monitoring Patterns / Production Monitoring
import { l0 } from "l0";
import { streamText } from "ai";
import { model, probe, prompt, recorder } from "../prelude.js";

const userId = "user_42";
const modelName = "gpt-4";
const sendToMonitoring = recorder("sendToMonitoring");

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    sampleRate: 0.1, // Monitor 10% to reduce overhead
    includeTimings: true,
    includeNetworkDetails: false, // Reduce data size
    metadata: {
      environment: "production",
      user_id: userId,
      model: modelName,
    },
  },
});

// Send to monitoring service
if (result.telemetry) {
  await sendToMonitoring(result.telemetry);
}
// </spec>

probe("sampled", result.telemetry !== undefined);
