// `@opentelemetry/instrumentation-openai` set up the way a user would, but without touching the
// OTel globals (so l0 keeps its embedded pipeline in the same process): a NodeTracerProvider with a
// BatchSpanProcessor and a counting no-op exporter, a MeterProvider with a periodic reader over an
// in-memory exporter, handed to the instrumentation by `registerInstrumentations`. The `openai`
// module must be loaded (with `require`) after `setupOpenAIInstrumentation()`, so the
// instrumentation patches it; `enable()` / `disable()` patch and unpatch it between variants.
import { createRequire } from "node:module";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";

/** A span exporter that drops spans and counts them. */
class CountingSpanExporter {
  exported = 0;
  export(spans, done) {
    this.exported += spans.length;
    done({ code: 0 });
  }
  shutdown() {
    return Promise.resolve();
  }
  forceFlush() {
    return Promise.resolve();
  }
}

/**
 * Registers the instrumentation (disabled until `enable()`), then loads `openai` through it.
 * Returns `{ OpenAI, tracerProvider, meterProvider, enable, disable, verify, shutdown }`; `verify(calls)` throws unless at least
 * `calls` spans were exported and the GenAI duration histogram counted at least `calls` operations.
 */
export async function setupOpenAIInstrumentation() {
  const exporter = new CountingSpanExporter();
  const tracerProvider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const instrumentation = new OpenAIInstrumentation({ enabled: false });
  registerInstrumentations({ instrumentations: [instrumentation], tracerProvider, meterProvider });
  instrumentation.disable();
  const require = createRequire(import.meta.url);
  const OpenAI = require("openai").OpenAI;

  return {
    OpenAI,
    tracerProvider,
    meterProvider,
    enable: () => instrumentation.enable(),
    disable: () => instrumentation.disable(),
    async verify(calls) {
      await tracerProvider.forceFlush();
      await reader.forceFlush();
      if (exporter.exported < calls) throw new Error(`instrumentation-openai exported ${exporter.exported} spans for ${calls} calls`);
      const metrics =
        metricExporter
          .getMetrics()
          .at(-1)
          ?.scopeMetrics.flatMap((s) => s.metrics) ?? [];
      const duration = metrics.find((m) => m.descriptor.name === "gen_ai.client.operation.duration");
      const count = duration?.dataPoints.reduce((sum, p) => sum + p.value.count, 0) ?? 0;
      if (count < calls) throw new Error(`instrumentation-openai recorded ${count} operations for ${calls} calls`);
      return { spans: exporter.exported, operations: count };
    },
    async shutdown() {
      instrumentation.disable();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}
