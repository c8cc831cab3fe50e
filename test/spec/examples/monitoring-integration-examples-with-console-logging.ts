// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 352: Integration Examples / With Console Logging
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true },
  onEvent: (event) => {
    if (event.type === "token") {
      process.stdout.write(event.value || "");
    }
  },
});

for await (const event of result.stream) {
  // Stream handling...
}

// Log telemetry
console.log("\n--- Telemetry ---");
console.log("Duration:", result.telemetry.duration, "ms");
console.log("Tokens:", result.telemetry.metrics.totalTokens);
console.log(
  "Tokens/sec:",
  result.telemetry.metrics.tokensPerSecond?.toFixed(2),
);
console.log("Retries:", result.telemetry.metrics.totalRetries);
console.log("Network errors:", result.telemetry.network.errorCount);
// </spec>
