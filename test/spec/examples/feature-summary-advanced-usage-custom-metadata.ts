// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 360: Advanced Usage / Custom Metadata
import { l0 } from "l0";
import type { L0Options } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

const calculateMetric = () => 0.93;
const isEnabled = () => true;
const getUserTier = () => "premium";
const generateId = () => "req_9";

const options: L0Options = {
  stream: () => streamText({ model, prompt }),
// <spec>
monitoring: {
  enabled: true,
  metadata: {
    custom_metric: calculateMetric(),
    feature_flag: isEnabled(),
    user_tier: getUserTier(),
    request_id: generateId()
  }
}
// </spec>
};

const result = await l0(options);
probe("text", await consume(result));
probe("telemetry", result.telemetry ?? null);
