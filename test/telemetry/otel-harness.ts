/**
 * In-memory OTel pipeline for telemetry tests: spans to an InMemorySpanExporter (plus an
 * L0SpanProcessor and an end counter), metrics to a MetricReader collected on demand.
 */
import type { Attributes, Context } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { MetricReader, type MeterProvider, type MetricData } from "@opentelemetry/sdk-metrics";
import { PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import { L0SpanProcessor } from "../../src/telemetry/l0-span-processor.js";
import type { L0Pipeline } from "../../src/telemetry/pipeline.js";
import { createEmbeddedMeterProvider } from "../../src/telemetry/pipeline.js";

/** Collects on demand. */
export class TestMetricReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Copies each span's attributes when it starts (sampling-relevant attributes belong there). */
export class StartAttributes implements SpanProcessor {
  readonly byId = new Map<string, Attributes>();
  onStart(span: Span, _context: Context): void {
    this.byId.set(span.spanContext().spanId, { ...span.attributes });
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Counts onStart / onEnd per span id. */
class CountingProcessor implements SpanProcessor {
  readonly starts = new Map<string, number>();
  readonly ends = new Map<string, number>();
  onStart(span: Span, _context: Context): void {
    const id = span.spanContext().spanId;
    this.starts.set(id, (this.starts.get(id) ?? 0) + 1);
  }
  onEnd(span: ReadableSpan): void {
    const id = span.spanContext().spanId;
    this.ends.set(id, (this.ends.get(id) ?? 0) + 1);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
  /** True when every started span ended exactly once. */
  allEndedOnce(): boolean {
    if (this.starts.size === 0) return false;
    for (const [id, count] of this.starts) if (count !== 1 || this.ends.get(id) !== 1) return false;
    return this.ends.size === this.starts.size;
  }
}

/** One in-memory pipeline. */
export interface Harness {
  pipeline: L0Pipeline;
  exporter: InMemorySpanExporter;
  counter: CountingProcessor;
  l0Processor: L0SpanProcessor;
  tracerProvider: BasicTracerProvider;
  reader: TestMetricReader;
  meterProvider: MeterProvider;
  /** Ended spans. */
  spans(): ReadableSpan[];
  /** Collected metrics by instrument name. */
  metrics(): Promise<Map<string, MetricData>>;
  /** Prometheus text exposition of the collected metrics. */
  prometheus(): Promise<string>;
}

/** Builds a fresh in-memory pipeline. */
export function createHarness(options: { cardinalityLimit?: number; withL0Processor?: boolean } = {}): Harness {
  const exporter = new InMemorySpanExporter();
  const counter = new CountingProcessor();
  const l0Processor = new L0SpanProcessor();
  const processors: SpanProcessor[] = [counter, new SimpleSpanProcessor(exporter)];
  if (options.withL0Processor !== false) processors.push(l0Processor);
  const tracerProvider = new BasicTracerProvider({ spanProcessors: processors });
  const reader = new TestMetricReader();
  const cardinalityLimit = options.cardinalityLimit ?? 2000;
  const meterProvider = createEmbeddedMeterProvider([reader], cardinalityLimit);
  const collect = async (): Promise<MetricData[]> => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  };
  return {
    pipeline: { tracerProvider, meterProvider, cardinalityLimit },
    exporter,
    counter,
    l0Processor,
    tracerProvider,
    reader,
    meterProvider,
    spans: () => exporter.getFinishedSpans(),
    async metrics() {
      return new Map((await collect()).map((metric) => [metric.descriptor.name, metric]));
    },
    async prometheus() {
      const { resourceMetrics } = await reader.collect();
      return new PrometheusSerializer(undefined, false, undefined, true, true).serialize(resourceMetrics);
    },
  };
}

/** Sum of a counter's data points whose attributes include `match`. */
export function counterValue(metric: MetricData | undefined, match: Record<string, unknown> = {}): number {
  if (metric === undefined) return 0;
  let total = 0;
  for (const point of metric.dataPoints) {
    if (Object.entries(match).every(([k, v]) => point.attributes[k] === v)) total += point.value as number;
  }
  return total;
}

/** A deterministic Math.random replacement (LCG). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
