// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 22: Quick Start / Enable Monitoring
import { consume, model, probe, prompt } from "../prelude.js";

// <spec>
import { l0 } from "l0";
import { streamText } from "ai";

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true, // Enable built-in monitoring
  },
});

// Access telemetry data
console.log(result.telemetry);
// </spec>

probe("text", await consume(result));
probe("telemetry", result.telemetry);
