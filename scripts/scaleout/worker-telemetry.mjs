// OpenTelemetry set-up of one scale-out worker, as a production service behind a Collector has it:
// a NodeTracerProvider (l0's L0SpanProcessor, then a batch OTLP/HTTP span exporter) registered
// globally with the undici instrumentation (the openai SDK's fetch gets HTTP client spans under
// l0's attempt spans), and a MeterProvider with either a periodic OTLP/HTTP metric exporter
// (`otlp` mode: to the Collector) or a Prometheus endpoint (`prometheus` mode: scraped directly).
// The resource is the SDK default with a `service.instance.id` unique to the process and the
// environment (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES), so several processes never merge
// into one series at the Collector.
//
// Also a gauge `scaleout_phase` (1 after the warm-up, 2 when all calls are done), on the same
// MeterProvider as l0's instruments: a collection that carries a phase carries the l0 values of
// that phase, so a Prometheus sample of the phase tells which l0 values it has seen.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { L0SpanProcessor, registerL0Instrumentation } from "l0";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/**
 * @param {{ mode: "otlp" | "prometheus", otlp?: string, exportIntervalMs?: number, worker: number }} options
 * @returns {Promise<{ instanceId: string, metricsPort: number | undefined, setPhase(phase: number): void, flush(): Promise<void>, shutdown(): Promise<void> }>}
 */
export async function setUpWorkerTelemetry({ mode, otlp, exportIntervalMs = 1000, worker }) {
  // As the README's "Many processes, one Collector" builds it (the environment wins).
  const resource = defaultResource()
    .merge(resourceFromAttributes({ "service.instance.id": randomUUID() }))
    .merge(detectResources({ detectors: [envDetector] }));
  const instanceId = String(resource.attributes["service.instance.id"]);

  const spanProcessors = [new L0SpanProcessor()];
  if (mode === "otlp") {
    // A queue large enough for a burst of calls: spans dropped by a full queue would show up as
    // incomplete traces, which is the exporter's set-up and not what this test measures.
    spanProcessors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlp}/v1/traces` }), {
        maxQueueSize: 20_000,
        maxExportBatchSize: 1000,
        scheduledDelayMillis: 300,
      }),
    );
  }
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  tracerProvider.register();
  const disableInstrumentations = registerInstrumentations({ tracerProvider, instrumentations: [new UndiciInstrumentation()] });

  let prometheus;
  const readers = [];
  if (mode === "otlp") {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${otlp}/v1/metrics` }),
        exportIntervalMillis: exportIntervalMs,
      }),
    );
  } else {
    prometheus = new PrometheusExporter({ host: "127.0.0.1", port: 0, preventServerStart: true });
    readers.push(prometheus);
  }
  const meterProvider = new MeterProvider({ resource, readers });
  let metricsPort;
  let server;
  if (prometheus !== undefined) {
    const exporter = prometheus;
    server = createServer((req, res) => exporter.getMetricsRequestHandler(req, res));
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    metricsPort = server.address().port;
  }

  let phase = 0;
  meterProvider
    .getMeter("l0-scaleout")
    .createObservableGauge("scaleout_phase", { description: "Scale-out worker phase: 1 warmed up, 2 done" })
    .addCallback((result) => result.observe(phase, { worker: String(worker) }));

  const handle = registerL0Instrumentation({ tracerProvider, meterProvider });
  return {
    instanceId,
    metricsPort,
    setPhase(value) {
      phase = value;
    },
    /** Exports what is buffered: spans, and (OTLP mode) the metrics' current values. */
    async flush() {
      await tracerProvider.forceFlush();
      if (mode === "otlp") await meterProvider.forceFlush();
    },
    async shutdown() {
      await handle.shutdown();
      disableInstrumentations();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      if (server !== undefined) await new Promise((resolve) => server.close(resolve));
    },
  };
}
