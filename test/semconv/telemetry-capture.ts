/**
 * Runs one fixture through a fresh in-memory OTel pipeline registered with
 * `registerL0Instrumentation({ tracerProvider, meterProvider, loggerProvider })` and returns what
 * l0 emitted: ended spans (with the attributes each span had when it started), metrics with their
 * instrumentation scope, and log records.
 */
import type { Attributes } from "@opentelemetry/api";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { MeterProvider, type MetricData } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import { StartAttributes, TestMetricReader } from "../telemetry/otel-harness.js";
import type { Fixture, FixtureFacts } from "./fixtures.js";

/** A metric with the scope that recorded it. */
interface ScopedMetric {
  readonly scope: { name: string; schemaUrl: string | undefined };
  readonly metric: MetricData;
}

/** What one fixture emitted. */
export interface Captured {
  readonly fixture: string;
  readonly facts: FixtureFacts;
  readonly spans: readonly ReadableSpan[];
  /** Attributes of each span at its start, by span id. */
  readonly startAttributes: ReadonlyMap<string, Attributes>;
  readonly metrics: readonly ScopedMetric[];
  readonly logs: readonly ReadableLogRecord[];
}

/** Fresh tracer, meter and logger providers that keep everything in memory. */
export interface InMemoryProviders {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly loggerProvider: LoggerProvider;
  /** Flushes and returns what the providers received, as the telemetry of `fixture` with `facts`. */
  captured(fixture: string, facts: FixtureFacts): Promise<Captured>;
  /** Shuts the three providers down. */
  shutdown(): Promise<void>;
}

/** Builds {@link InMemoryProviders}: spans (with their start attributes), metrics collected on demand, log records. */
export function inMemoryProviders(): InMemoryProviders {
  const spanExporter = new InMemorySpanExporter();
  const starts = new StartAttributes();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [starts, new SimpleSpanProcessor(spanExporter)] });
  const reader = new TestMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const logExporter = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
  return {
    tracerProvider,
    meterProvider,
    loggerProvider,
    async captured(fixture, facts) {
      await tracerProvider.forceFlush();
      await loggerProvider.forceFlush();
      const { resourceMetrics } = await reader.collect();
      const metrics = resourceMetrics.scopeMetrics.flatMap((scopeMetrics) =>
        scopeMetrics.metrics.map((metric) => ({
          scope: { name: scopeMetrics.scope.name, schemaUrl: scopeMetrics.scope.schemaUrl },
          metric,
        })),
      );
      return {
        fixture,
        facts,
        spans: spanExporter.getFinishedSpans(),
        startAttributes: starts.byId,
        metrics,
        logs: logExporter.getFinishedLogRecords(),
      };
    },
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown(), loggerProvider.shutdown()]);
    },
  };
}

/** Runs `fixture` and collects its telemetry. */
export async function capture(fixture: Fixture): Promise<Captured> {
  const providers = inMemoryProviders();
  const { tracerProvider, meterProvider, loggerProvider } = providers;
  const handle = registerL0Instrumentation({ tracerProvider, meterProvider, loggerProvider });
  try {
    return await providers.captured(fixture.name, await fixture.run());
  } finally {
    await handle.shutdown();
    await providers.shutdown();
  }
}
