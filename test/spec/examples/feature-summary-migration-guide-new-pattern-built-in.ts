// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 464: Migration Guide / New Pattern (Built-In)
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt, recorder } from "../prelude.js";

const sendToYourService = recorder("sendToYourService");

// <spec>
// ✅ New way - built-in monitoring
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true }  // Built into L0
});

// Access telemetry directly
console.log(result.telemetry);

// Export to your service if needed
await sendToYourService(result.telemetry);
// </spec>
