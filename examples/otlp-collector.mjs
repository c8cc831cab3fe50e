// OTLP to a collector: l0's spans and metrics go over OTLP/HTTP to an OpenTelemetry Collector (the
// one of docker-compose.yml, or any OTLP endpoint), while result.telemetry keeps working.
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 node examples/otlp-collector.mjs
import { l0, L0SpanProcessor, registerL0Instrumentation } from "l0";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { faults, mockModel } from "./lib/mock-model.mjs";

const endpoint = (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "http://localhost:4318").replace(/\/+$/, "");
const resource = resourceFromAttributes({ "service.name": "l0-otlp-example" });

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
  for await (const event of result.stream) {
    // Stream handling...
  }
  console.log(`call ${result.telemetry.sessionId}: ${result.telemetry.metrics.totalTokens} tokens, ${result.telemetry.metrics.totalRetries} retries`);
}

// Flush what is buffered before the process exits.
await tracerProvider.shutdown();
await meterProvider.shutdown();
console.log(`exported traces and metrics to ${endpoint}`);
