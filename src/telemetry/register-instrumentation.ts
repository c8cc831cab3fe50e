/**
 * `registerL0Instrumentation()`: chooses where l0 records spans and metrics, once, at start-up.
 */
import { diag, type MeterProvider, type TracerProvider } from "@opentelemetry/api";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import type { IMetricReader } from "@opentelemetry/sdk-metrics";
import { invalidOption } from "../errors/l0-error.js";
import { DEFAULT_CARDINALITY_LIMIT, getInstruments } from "./instruments.js";
import type { L0SpanProcessor } from "./l0-span-processor.js";
import { validateBuckets } from "./validate-buckets.js";
import {
  createEmbeddedMeterProvider,
  createEmbeddedTracerProvider,
  globalMeterProvider,
  globalTracerProvider,
  setRegisteredPipeline,
} from "./pipeline.js";

/** Prometheus endpoint options. */
export interface L0PrometheusOptions {
  /** TCP port, 1-65535 (0 is refused: the OTel exporter would silently use 9464). @default 9464 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** @default "/metrics" */
  endpoint?: string;
}

/** Options of {@link registerL0Instrumentation}. */
export interface L0InstrumentationOptions {
  /** Tracer provider to record spans into (default: the global SDK's, else an embedded one). */
  tracerProvider?: TracerProvider;
  /** Meter provider to record metrics into (default: the global SDK's, else an embedded one). */
  meterProvider?: MeterProvider;
  /**
   * Serve l0's metrics for Prometheus. The exporter is a reader of a meter provider l0 builds; when
   * l0 would otherwise use your (global or explicit) meter provider, l0's metrics then go to that
   * l0-owned provider instead, because readers cannot be added to an existing SDK provider.
   */
  prometheus?: boolean | L0PrometheusOptions;
  /**
   * Max exported series per l0 metric name, histogram buckets included (a histogram label set costs
   * its buckets + 3). Past it, new label sets are recorded in the metric's `otel.metric.overflow="true"`
   * series, counted in `l0_metric_overflow_total{metric}`, and l0 warns once through `diag`.
   * @default 300 (a full scrape with every l0 metric at the limit stays under 1 MB)
   */
  cardinalityLimit?: number;
  /**
   * Bucket boundaries (seconds, finite, strictly increasing) of l0's latency histograms
   * `l0.request.duration_seconds` and `l0.time_to_first_token_seconds`. They apply when l0 first
   * records into the meter provider. The GenAI histograms keep their semantic-convention buckets
   * (change those with an OTel View). @default L0_LATENCY_BUCKETS (5 ms to 10 min, ≤ 1.5× apart)
   */
  buckets?: readonly number[];
  /** Use a globally registered OTel SDK when there is one. @default true */
  useGlobal?: boolean;
}

/** What {@link registerL0Instrumentation} returns. */
export interface L0InstrumentationHandle {
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  /** The `L0SpanProcessor` of the tracer provider l0 built; undefined when l0 uses yours. */
  readonly spanProcessor: L0SpanProcessor | undefined;
  /** The Prometheus exporter, when `prometheus` was set. */
  readonly prometheusExporter: PrometheusExporter | undefined;
  /** Resolves when the Prometheus endpoint listens (at once without one). Never rejects. */
  readonly ready: Promise<void>;
  /** Flushes the providers l0 built. */
  forceFlush(): Promise<void>;
  /** Shuts down what l0 built (never your providers) and forgets the registration. Idempotent. */
  shutdown(): Promise<void>;
}

interface NormalizedOptions {
  tracerProvider: TracerProvider | undefined;
  meterProvider: MeterProvider | undefined;
  prometheus: Required<L0PrometheusOptions> | undefined;
  cardinalityLimit: number;
  buckets: readonly number[] | undefined;
  useGlobal: boolean;
}

function normalize(options: L0InstrumentationOptions): NormalizedOptions {
  if (typeof options !== "object" || options === null) throw invalidOption("registerL0Instrumentation", options, "an options object");
  const limit = options.cardinalityLimit ?? DEFAULT_CARDINALITY_LIMIT;
  if (!Number.isInteger(limit) || limit < 2) throw invalidOption("cardinalityLimit", options.cardinalityLimit, "an integer >= 2");
  if (options.useGlobal !== undefined && typeof options.useGlobal !== "boolean") throw invalidOption("useGlobal", options.useGlobal, "a boolean");
  let prometheus: Required<L0PrometheusOptions> | undefined;
  const p = options.prometheus;
  if (p !== undefined && p !== false) {
    const given: L0PrometheusOptions = p === true ? {} : p;
    if (typeof given !== "object" || given === null) throw invalidOption("prometheus", p, "a boolean or { port, host, endpoint }");
    const port = given.port ?? PrometheusExporter.DEFAULT_OPTIONS.port;
    // The OTel PrometheusExporter treats 0 as "unset" (it would listen on 9464), so 0 is refused.
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalidOption("prometheus.port", given.port, "an integer from 1 to 65535");
    const host = given.host ?? "127.0.0.1";
    if (typeof host !== "string" || host.length === 0) throw invalidOption("prometheus.host", given.host, "a non-empty string");
    const endpoint = given.endpoint ?? "/metrics";
    if (typeof endpoint !== "string" || !endpoint.startsWith("/")) throw invalidOption("prometheus.endpoint", given.endpoint, 'a path starting with "/"');
    prometheus = { port, host, endpoint };
  }
  for (const field of ["tracerProvider", "meterProvider"] as const) {
    const provider = options[field];
    const method = field === "tracerProvider" ? "getTracer" : "getMeter";
    if (provider !== undefined && typeof (provider as unknown as Record<string, unknown>)[method] !== "function") {
      throw invalidOption(field, provider, `an OpenTelemetry ${field === "tracerProvider" ? "TracerProvider" : "MeterProvider"}`);
    }
  }
  return {
    tracerProvider: options.tracerProvider,
    meterProvider: options.meterProvider,
    prometheus,
    cardinalityLimit: limit,
    buckets: options.buckets === undefined ? undefined : validateBuckets(options.buckets, "buckets"),
    useGlobal: options.useGlobal ?? true,
  };
}

function conflict(a: NormalizedOptions, b: NormalizedOptions): string | undefined {
  if (a.tracerProvider !== b.tracerProvider) return "tracerProvider";
  if (a.meterProvider !== b.meterProvider) return "meterProvider";
  if (JSON.stringify(a.prometheus) !== JSON.stringify(b.prometheus)) return "prometheus";
  if (a.cardinalityLimit !== b.cardinalityLimit) return "cardinalityLimit";
  if (JSON.stringify(a.buckets) !== JSON.stringify(b.buckets)) return "buckets";
  if (a.useGlobal !== b.useGlobal) return "useGlobal";
  return undefined;
}

let active: { options: NormalizedOptions; handle: L0InstrumentationHandle } | undefined;

/**
 * Chooses where l0 records, once at start-up. Uses a globally registered OTel SDK when there is
 * one; otherwise builds an embedded default (tracer provider with `L0SpanProcessor`, meter
 * provider) without touching the globals. Calling it again with no options or the same options
 * returns the same handle; different options throw `INVALID_OPTIONS` (shut the handle down first).
 */
export function registerL0Instrumentation(options: L0InstrumentationOptions = {}): L0InstrumentationHandle {
  const normalized = normalize(options);
  if (active !== undefined) {
    const field = Object.keys(options).length === 0 ? undefined : conflict(active.options, normalized);
    if (field === undefined) return active.handle;
    throw invalidOption(field, (options as Record<string, unknown>)[field], "the value of the active registration (call handle.shutdown() first)");
  }
  const owned: { shutdown(): Promise<void>; forceFlush(): Promise<void> }[] = [];
  let spanProcessor: L0SpanProcessor | undefined;
  let tracerProvider = normalized.tracerProvider ?? (normalized.useGlobal ? globalTracerProvider() : undefined);
  if (tracerProvider === undefined) {
    const embedded = createEmbeddedTracerProvider();
    tracerProvider = embedded.tracerProvider;
    spanProcessor = embedded.spanProcessor;
    owned.push(embedded.tracerProvider);
  }
  let prometheusExporter: PrometheusExporter | undefined;
  let ready = Promise.resolve();
  const readers: IMetricReader[] = [];
  if (normalized.prometheus !== undefined) {
    prometheusExporter = new PrometheusExporter({ ...normalized.prometheus, preventServerStart: true });
    readers.push(prometheusExporter);
    ready = prometheusExporter.startServer().catch((error: unknown) => {
      diag.error("l0: the Prometheus endpoint could not start", error);
    });
  }
  let meterProvider = normalized.prometheus === undefined ? normalized.meterProvider ?? (normalized.useGlobal ? globalMeterProvider() : undefined) : undefined;
  if (meterProvider === undefined) {
    const embeddedMeter = createEmbeddedMeterProvider(readers, normalized.cardinalityLimit);
    meterProvider = embeddedMeter;
    owned.push(embeddedMeter);
  }
  getInstruments(meterProvider, normalized.cardinalityLimit, normalized.buckets).cardinality.setLimit(normalized.cardinalityLimit);
  const pipeline = { tracerProvider, meterProvider, cardinalityLimit: normalized.cardinalityLimit };
  let shutdownPromise: Promise<void> | undefined;
  const handle: L0InstrumentationHandle = {
    tracerProvider,
    meterProvider,
    spanProcessor,
    prometheusExporter,
    ready,
    async forceFlush() {
      await Promise.all(owned.map((o) => o.forceFlush().catch((error: unknown) => diag.error("l0: forceFlush failed", error))));
    },
    shutdown() {
      shutdownPromise ??= (async () => {
        if (active?.handle === handle) {
          active = undefined;
          setRegisteredPipeline(undefined);
        }
        await ready;
        await Promise.all(owned.map((o) => o.shutdown().catch((error: unknown) => diag.error("l0: shutdown failed", error))));
      })();
      return shutdownPromise;
    },
  };
  active = { options: normalized, handle };
  setRegisteredPipeline(pipeline);
  return handle;
}
