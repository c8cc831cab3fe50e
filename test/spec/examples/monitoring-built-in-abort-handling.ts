// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 702: Built-in Abort Handling
import { l0 } from "l0";
import { streamText } from "ai";
import { prompt, slowModel as model } from "../prelude.js";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true },
});

// Abort anytime
setTimeout(() => {
  result.abort(); // Built-in abort method
}, 5000);

try {
  for await (const event of result.stream) {
    // Stream will abort after 5 seconds
  }
} catch (error) {
  console.log("Stream aborted:", error.message);
  // Telemetry is still available
  console.log("Partial telemetry:", result.telemetry);
}
// </spec>
