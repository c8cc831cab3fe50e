// OTLP to a collector: l0's spans and metrics go over OTLP/HTTP to an OpenTelemetry Collector (the
// one of docker-compose.yml, or any OTLP endpoint), while result.telemetry keeps working.
//   node examples/otlp-collector.mjs                                        (a local stand-in receiver)
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 node examples/otlp-collector.mjs
import { randomUUID } from "node:crypto";
import { l0, L0SpanProcessor, registerL0Instrumentation } from "l0";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { faults, mockModel } from "./lib/mock-model.mjs";
import { startHttpReceiver } from "./lib/stand-ins.mjs";

// Without OTEL_EXPORTER_OTLP_ENDPOINT, a local stand-in receiver takes the OTLP requests.
const standIn = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? undefined : await startHttpReceiver();
const endpoint = (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? standIn.url).replace(/\/+$/, "");

// The SDK's default resource (telemetry.sdk.*), this service's name and a unique instance id per
// process, then OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES (the environment wins). Every process
// must be its own instance: a Collector keeps one series per resource, so processes sharing one
// overwrite each other's cumulative totals and Prometheus shows one process's numbers.
const resource = defaultResource()
  .merge(resourceFromAttributes({ "service.name": "l0-otlp-example", "service.instance.id": randomUUID() }))
  .merge(detectResources({ detectors: [envDetector] }));

const tracerProvider = new NodeTracerProvider({
  resource,
  spanProcessors: [
    new L0SpanProcessor(), // derives result.telemetry from l0's spans
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` })),
  ],
});
const meterProvider = new MeterProvider({
  resource,
  readers: [
    new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
      exportIntervalMillis: 10_000,
    }),
  ],
});
registerL0Instrumentation({ tracerProvider, meterProvider });

for (const failures of [[], [faults.econnreset()]]) {
  const result = await l0({
    stream: mockModel({ failures }),
    retry: { baseDelay: 20 },
    monitoring: { enabled: true, provider: "openai", model: "gpt-4o-mini" },
  });
  for await (const _event of result.stream) {
    // Stream handling...
  }
  console.log(
    `call ${result.telemetry.sessionId}: ${result.telemetry.metrics.totalTokens} tokens, ${result.telemetry.metrics.totalRetries} retries`,
  );
}

// Flush what is buffered before the process exits.
await tracerProvider.shutdown();
await meterProvider.shutdown();
console.log(`exported traces and metrics to ${endpoint} (service.instance.id ${resource.attributes["service.instance.id"]})`);
if (standIn) {
  const paths = standIn.requests.map((request) => request.path);
  console.log(
    `the stand-in receiver got ${paths.filter((p) => p === "/v1/traces").length} trace and ${paths.filter((p) => p === "/v1/metrics").length} metric request(s)`,
  );
  await standIn.close();
}
