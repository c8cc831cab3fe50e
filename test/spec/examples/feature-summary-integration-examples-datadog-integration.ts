// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 243: Integration Examples / Datadog Integration
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

// <spec>
import { StatsD } from 'hot-shots';
const statsd = new StatsD();

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true }
});

for await (const event of result.stream) {
  // Consume stream
}

// Send to Datadog
const t = result.telemetry;
statsd.gauge('l0.duration', t.duration);
statsd.gauge('l0.tokens', t.metrics.totalTokens);
statsd.gauge('l0.tokens_per_second', t.metrics.tokensPerSecond);
statsd.gauge('l0.network_errors', t.network.errorCount);
// </spec>
