// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 39: Quick Start / Basic Usage
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    includeTimings: true,
    includeNetworkDetails: true,
  },
});

for await (const event of result.stream) {
  // Stream events...
}

// After completion, access telemetry
const telemetry = result.telemetry;
console.log("Session ID:", telemetry.sessionId);
console.log("Duration:", telemetry.duration, "ms");
console.log("Tokens:", telemetry.metrics.totalTokens);
console.log("Tokens/sec:", telemetry.metrics.tokensPerSecond);
console.log("Network errors:", telemetry.network.errorCount);
// </spec>
