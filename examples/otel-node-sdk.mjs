// registerL0Instrumentation with the OpenTelemetry NodeSDK: the app registers the SDK globally,
// adds L0SpanProcessor to its span processors, and l0 records into the global providers.
//   METRICS_PORT=9464 node examples/otel-node-sdk.mjs
import { l0, L0SpanProcessor, registerL0Instrumentation } from "l0";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { faults, mockModel } from "./lib/mock-model.mjs";

// In production: an OTLPTraceExporter. Here: keep the spans in memory to print them below.
const spans = new InMemorySpanExporter();
const port = Number(process.env.METRICS_PORT ?? 9464);
const prometheus = new PrometheusExporter({ host: "127.0.0.1", port });

const sdk = new NodeSDK({
  serviceName: "l0-node-sdk-example",
  spanProcessors: [new L0SpanProcessor(), new SimpleSpanProcessor(spans)],
  metricReaders: [prometheus],
});
sdk.start();

// Uses the global tracer and meter providers the SDK registered.
registerL0Instrumentation();

const result = await l0({
  stream: mockModel({ failures: [faults.rateLimit(0)] }),
  monitoring: { enabled: true, provider: "openai", model: "gpt-4o-mini" },
});
for await (const event of result.stream) {
  // Stream handling...
}
console.log(`telemetry: ${result.telemetry.metrics.totalTokens} tokens, ${result.telemetry.metrics.networkRetries} network retry`);

for (const span of spans.getFinishedSpans()) {
  const attributes = span.attributes;
  console.log(
    `span ${span.name}` +
      (attributes["l0.attempt.number"] !== undefined ? ` attempt=${attributes["l0.attempt.number"]}` : "") +
      (attributes["gen_ai.request.model"] !== undefined ? ` model=${attributes["gen_ai.request.model"]}` : "") +
      (attributes["l0.outcome"] !== undefined ? ` outcome=${attributes["l0.outcome"]}` : ""),
  );
}

const exposition = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
for (const line of exposition.split("\n")) {
  if (/^(l0_requests_total|l0_retries_network_total|l0_tokens_total)\b/.test(line)) console.log(line);
}
await sdk.shutdown();
