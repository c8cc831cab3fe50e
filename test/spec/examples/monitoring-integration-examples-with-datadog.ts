// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 403: Integration Examples / With Datadog
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

// <spec>
import { StatsD } from "hot-shots";
const statsd = new StatsD();

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: {
    enabled: true,
    metadata: {
      environment: process.env.NODE_ENV,
      model: "gpt-4",
    },
  },
});

for await (const event of result.stream) {
  // Stream handling...
}

// Send to Datadog
const telemetry = result.telemetry;
statsd.gauge("l0.duration", telemetry.duration);
statsd.gauge("l0.tokens", telemetry.metrics.totalTokens);
statsd.gauge("l0.tokens_per_second", telemetry.metrics.tokensPerSecond);
statsd.gauge("l0.network_errors", telemetry.network.errorCount);
statsd.gauge("l0.retries", telemetry.metrics.totalRetries);
// </spec>
