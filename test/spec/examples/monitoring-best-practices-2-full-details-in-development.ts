// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 757: Best Practices / 2. Full Details in Development
import { l0 } from "l0";
import type { L0Options } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

const options: L0Options = {
  stream: () => streamText({ model, prompt }),
// <spec>
monitoring: {
  enabled: true,
  sampleRate: 1.0,
  includeNetworkDetails: true,
  includeTimings: true
}
// </spec>
};

const result = await l0(options);
probe("text", await consume(result));
probe("telemetry", result.telemetry ?? null);
