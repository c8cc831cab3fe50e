// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 15: What Changed / After
import { l0 } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

// <spec>
// Built-in monitoring (part of L0)
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true  // ✅ Built into L0
  }
});

// Access telemetry directly
console.log(result.telemetry);  // ✅ Included
// </spec>

probe("text", await consume(result));
probe("telemetry", result.telemetry);
