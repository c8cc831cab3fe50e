// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 313: Configuration Options / Development Settings
import { l0 } from "l0";
import type { L0Options } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

const testId = "test_7";

const options: L0Options = {
  stream: () => streamText({ model, prompt }),
// <spec>
monitoring: {
  enabled: true,
  sampleRate: 1.0,              // Monitor everything
  includeTimings: true,
  includeNetworkDetails: true,  // Full details for debugging
  metadata: {
    environment: 'development',
    test_id: testId
  }
}
// </spec>
};

const result = await l0(options);
probe("text", await consume(result));
probe("telemetry", result.telemetry ?? null);
