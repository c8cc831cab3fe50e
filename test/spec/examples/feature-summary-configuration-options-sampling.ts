// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 330: Configuration Options / Sampling
import { l0 } from "l0";
import type { L0Options } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

const options: L0Options = {
  stream: () => streamText({ model, prompt }),
// <spec>
monitoring: {
  enabled: true,
  sampleRate: 0.1  // Monitor 10% of requests
}
// </spec>
};

// Sampling is per call: count the sampled calls among 100 (Math.random is seeded by the prelude).
let sampled = 0;
for (let i = 0; i < 100; i++) {
  const result = await l0(options);
  await consume(result);
  if (result.telemetry) sampled++;
}
probe("sampled", { sampled, of: 100 });
