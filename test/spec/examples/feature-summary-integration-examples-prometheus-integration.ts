// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 266: Integration Examples / Prometheus Integration
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

// <spec>
import { Gauge, Counter } from 'prom-client';

const durationGauge = new Gauge({
  name: 'l0_duration_milliseconds',
  help: 'L0 execution duration'
});

const tokensCounter = new Counter({
  name: 'l0_tokens_total',
  help: 'Total tokens processed'
});

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true }
});

for await (const event of result.stream) {
  // Consume stream
}

// Update metrics
durationGauge.set(result.telemetry.duration);
tokensCounter.inc(result.telemetry.metrics.totalTokens);
// </spec>

import { register } from "prom-client";
console.log(await register.metrics());
