// Datadog via DogStatsD (hot-shots): send each call's numbers as gauges over UDP.
//   node examples/datadog-statsd.mjs                                (a local stand-in agent)
//   STATSD_HOST=127.0.0.1 STATSD_PORT=8125 node examples/datadog-statsd.mjs
import { StatsD } from "hot-shots";
import { l0 } from "l0";
import { faults, mockModel } from "./lib/mock-model.mjs";
import { startStatsdReceiver } from "./lib/stand-ins.mjs";

// Without STATSD_PORT, a local stand-in agent receives the gauges.
const standIn = process.env.STATSD_PORT ? undefined : await startStatsdReceiver();
const statsd = new StatsD({
  host: process.env.STATSD_HOST ?? "127.0.0.1",
  port: Number(process.env.STATSD_PORT ?? standIn.port),
  globalTags: { env: process.env.NODE_ENV ?? "development" },
  errorHandler: (error) => console.error("statsd:", error.message),
});

const result = await l0({
  stream: mockModel({ failures: [faults.rateLimit(0)] }),
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

await new Promise((resolve) => statsd.close(resolve));
console.log(`sent 5 gauges for ${telemetry.sessionId} to ${statsd.host}:${statsd.port}`);
if (standIn) {
  // UDP has no acknowledgement: wait (up to 2 s) for the five datagrams to arrive.
  for (let waited = 0; standIn.lines.length < 5 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  console.log(`the stand-in agent received:\n  ${standIn.lines.join("\n  ")}`);
  await standIn.close();
}
