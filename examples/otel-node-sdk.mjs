// registerL0Instrumentation with the OpenTelemetry NodeSDK: the app registers the SDK globally,
// adds L0SpanProcessor to its span processors, and l0 records into the global providers.
//   node examples/otel-node-sdk.mjs                 (/metrics on a free port of 127.0.0.1)
//   METRICS_PORT=9464 node examples/otel-node-sdk.mjs
import http from "node:http";
import { l0, L0SpanProcessor, registerL0Instrumentation } from "l0";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { envDetector, hostDetector, processDetector, serviceInstanceIdDetector } from "@opentelemetry/resources";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { faults, mockModel } from "./lib/mock-model.mjs";

// In production: an OTLPTraceExporter. Here: keep the spans in memory to print them below.
const spans = new InMemorySpanExporter();
// The Prometheus exporter's handler on our own server, so the port can be chosen by the OS.
const prometheus = new PrometheusExporter({ preventServerStart: true });
const server = http.createServer((request, response) => prometheus.getMetricsRequestHandler(request, response));
await new Promise((resolve) => server.listen(Number(process.env.METRICS_PORT ?? 0), "127.0.0.1", resolve));
const metricsUrl = `http://127.0.0.1:${server.address().port}/metrics`;

const sdk = new NodeSDK({
  serviceName: "l0-node-sdk-example",
  // The SDK's default resource plus: a unique service.instance.id per process (the NodeSDK adds it
  // only when asked), process and host facts, then OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES.
  // Processes that share a resource overwrite each other's totals in a Collector.
  resourceDetectors: [serviceInstanceIdDetector, processDetector, hostDetector, envDetector],
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

console.log(`scraped ${metricsUrl}:`);
const exposition = await (await fetch(metricsUrl)).text();
for (const line of exposition.split("\n")) {
  if (/^(l0_requests_total|l0_retries_network_total|l0_tokens_total)\b/.test(line)) console.log(line);
}
// The resource is served as target_info: this process's own instance id is among its labels.
console.log(`target_info service_instance_id=${/^target_info\{.*service_instance_id="([^"]+)"/m.exec(exposition)?.[1]}`);
await sdk.shutdown();
await new Promise((resolve) => server.close(resolve));
