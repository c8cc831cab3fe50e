// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 666: Advanced Usage / Custom Metrics
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

const calculateCustomMetric = () => 0.93;
const isFeatureEnabled = () => true;
const getUserTier = () => "premium";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    metadata: {
      custom_metric_1: calculateCustomMetric(),
      feature_flag: isFeatureEnabled(),
      user_tier: getUserTier(),
    },
  },
});

// Custom metadata is included in telemetry
console.log(result.telemetry.metadata);
// </spec>
