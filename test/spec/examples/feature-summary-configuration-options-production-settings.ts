// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 297: Configuration Options / Production Settings
import { l0 } from "l0";
import type { L0Options } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

const userId = "user_42";
const modelName = "gpt-4";

const options: L0Options = {
  stream: () => streamText({ model, prompt }),
// <spec>
monitoring: {
  enabled: true,
  sampleRate: 0.1,              // Monitor 10% to reduce overhead
  includeTimings: true,
  includeNetworkDetails: false, // Reduce data size
  metadata: {
    environment: 'production',
    user_id: userId,
    model: modelName
  }
}
// </spec>
};

const result = await l0(options);
probe("text", await consume(result));
probe("telemetry", result.telemetry ?? null);
