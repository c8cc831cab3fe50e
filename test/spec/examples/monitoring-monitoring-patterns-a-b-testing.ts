// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 595: Monitoring Patterns / A/B Testing
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt, recorder } from "../prelude.js";

const trackABTest = recorder("trackABTest");

// <spec>
const configA = {
  /* ... */
};
const configB = {
  /* ... */
};

const config = Math.random() < 0.5 ? configA : configB;

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    metadata: {
      ab_test: config === configA ? "A" : "B",
    },
  },
  ...config,
});

// Track which config performed better
const performance = {
  config: config === configA ? "A" : "B",
  duration: result.telemetry.duration,
  tokens_per_second: result.telemetry.metrics.tokensPerSecond,
  retries: result.telemetry.metrics.totalRetries,
};

await trackABTest(performance);
// </spec>
