// OpenTelemetry set-up of the demo.
//
// Without --otlp: `registerL0Instrumentation({ prometheus })`, l0's embedded pipeline (it fills
// result.telemetry and serves /metrics; the app's globals stay untouched).
//
// With --otlp <url>: the app owns its OTel SDK, as a production service would: a NodeTracerProvider
// registered globally with l0's L0SpanProcessor (result.telemetry) and an OTLP/HTTP span exporter,
// the HTTP instrumentations (undici for the openai SDK's fetch, http for the local provider's
// server), and a MeterProvider with the Prometheus endpoint plus an OTLP/HTTP metric exporter.
// l0 records into both through `registerL0Instrumentation({ tracerProvider, meterProvider })`.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { L0SpanProcessor, registerL0Instrumentation } from "l0";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/** Service name of the demo's spans and metrics. */
export const SERVICE_NAME = "l0-demo";

/**
 * @param {{ otlp?: string, metricsHost: string, metricsPort: number }} options
 * @returns {Promise<{ metricsUrl: string, shutdown(): Promise<void> }>}
 */
export async function setUpTelemetry({ otlp, metricsHost, metricsPort }) {
  const metricsUrl = `http://${metricsHost}:${metricsPort}/metrics`;
  if (otlp === undefined) {
    const handle = registerL0Instrumentation({ prometheus: { host: metricsHost, port: metricsPort } });
    await handle.ready;
    return { metricsUrl, shutdown: () => handle.shutdown() };
  }

  const base = otlp.replace(/\/+$/, "");
  // The SDK's default resource, the demo's name and a unique instance id per process, then
  // OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES: several demos feeding one Collector each keep
  // their own series, so Prometheus sums them instead of showing one process's totals.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ "service.name": SERVICE_NAME, "service.instance.id": randomUUID() }))
    .merge(detectResources({ detectors: [envDetector] }));
  const tracerProvider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new L0SpanProcessor(),
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }), { scheduledDelayMillis: 500 }),
    ],
  });
  // Global context manager and propagator: the attempt span is active while the provider is
  // called, so the HTTP client span nests under it and its traceparent reaches the server.
  tracerProvider.register();

  const prometheus = new PrometheusExporter({ host: metricsHost, port: metricsPort, preventServerStart: true });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      prometheus,
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }),
        exportIntervalMillis: 5000,
      }),
    ],
  });
  await prometheus.startServer();

  const disableInstrumentations = registerInstrumentations({
    tracerProvider,
    instrumentations: [
      new UndiciInstrumentation(),
      new HttpInstrumentation({
        // Scrapes of /metrics are not part of the story.
        ignoreIncomingRequestHook: (request) => (request.url ?? "").startsWith("/metrics"),
      }),
    ],
  });
  // The http instrumentation patches `node:http` when it is loaded through require; load it now so
  // the server prototype is patched for ESM importers too.
  createRequire(import.meta.url)("node:http");

  const handle = registerL0Instrumentation({ tracerProvider, meterProvider });
  return {
    metricsUrl,
    async shutdown() {
      await handle.shutdown();
      disableInstrumentations();
      // Flush the last spans and the final metric values to the collector, then stop /metrics.
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}
