/**
 * `registerL0Instrumentation()`: chooses where l0 records spans and metrics, once, at start-up.
 * Apps with the OTel NodeSDK can pass `new L0Instrumentation()` to it instead (same implementation).
 */
import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import type { LoggerProvider } from "@opentelemetry/api-logs";
import type { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { invalidOption, L0Error } from "../errors/l0-error.js";
import { assertKnownKeys } from "../options/known-keys.js";
import { DEFAULT_CARDINALITY_LIMIT } from "./instruments.js";
import type { L0SpanProcessor } from "./l0-span-processor.js";
import { PipelineRegistration } from "./pipeline-registration.js";
import { startPrometheusEndpoint, type PrometheusEndpoint } from "./prometheus-endpoint.js";
import { sharedState, type ActiveRegistration } from "./shared-state.js";
import { validateBuckets } from "./validate-buckets.js";

/** Prometheus endpoint options. */
export interface L0PrometheusOptions {
  /** TCP port, 1-65535 (0 is refused: the OTel exporter would silently use 9464). @default 9464 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** @default "/metrics" */
  endpoint?: string;
}

/** Options of {@link registerL0Instrumentation}. Unknown keys throw `INVALID_OPTIONS`. */
export interface L0InstrumentationOptions {
  /**
   * Tracer provider to record spans into. Default: the global SDK's, looked up at each call (so
   * registering before `sdk.start()` works), else an embedded one.
   */
  tracerProvider?: TracerProvider;
  /** Meter provider to record metrics into. Default: the global SDK's (looked up at each call), else an embedded one. */
  meterProvider?: MeterProvider;
  /** Logger provider for l0's log records (OTel events). Default: the global one of `@opentelemetry/api-logs`. */
  loggerProvider?: LoggerProvider;
  /**
   * Serve l0's metrics for Prometheus. The exporter is a reader of a meter provider l0 builds;
   * l0's metrics then always go to that provider instead of yours (global or explicit), because
   * readers cannot be added to an existing SDK provider.
   */
  prometheus?: boolean | L0PrometheusOptions;
  /**
   * Max exported series per l0 metric name, histogram buckets included (a histogram label set costs
   * its buckets + 3). Past it, new label sets are recorded in the metric's `otel.metric.overflow="true"`
   * series, counted in `l0_metric_overflow_total{metric}`, and l0 warns once through `diag`.
   * @default 160 (a full scrape with every l0 metric at the limit stays under 1 MB)
   */
  cardinalityLimit?: number;
  /**
   * Bucket boundaries (seconds, finite, strictly increasing) of l0's latency histograms
   * `l0.request.duration_seconds` and `l0.time_to_first_token_seconds`. They apply when l0 first
   * records into a meter provider. The GenAI histograms keep their semantic-convention buckets
   * (change those with an OTel View). @default L0_LATENCY_BUCKETS (5 ms to 10 min, ≤ 1.5× apart)
   */
  buckets?: readonly number[];
  /** Use a globally registered OTel SDK when there is one (looked up at each call). @default true */
  useGlobal?: boolean;
}

/** What {@link registerL0Instrumentation} returns. */
export interface L0InstrumentationHandle {
  /** The tracer provider a call starting now records into (the global SDK's may take over once it starts). */
  readonly tracerProvider: TracerProvider;
  /** The meter provider a call starting now records into. */
  readonly meterProvider: MeterProvider;
  /** The `L0SpanProcessor` of the tracer provider l0 built, when a call starting now uses it; undefined when l0 uses yours. */
  readonly spanProcessor: L0SpanProcessor | undefined;
  /** The Prometheus exporter, when `prometheus` was set. */
  readonly prometheusExporter: PrometheusExporter | undefined;
  /**
   * Resolves when the Prometheus endpoint listens (at once without one). Rejects with `L0Error`
   * `LISTEN_FAILED`, naming host and port, when it cannot listen (e.g. the port is in use); the
   * failure also goes to `diag`, and an un-awaited rejection is never reported as unhandled.
   */
  readonly ready: Promise<void>;
  /** Flushes the providers l0 built. */
  forceFlush(): Promise<void>;
  /**
   * Shuts down what l0 built (never your providers) and forgets the registration. Idempotent.
   * The Prometheus endpoint gives in-flight scrapes up to 1 s, then closes every connection, so
   * slow or stalled clients cannot hold shutdown.
   */
  shutdown(): Promise<void>;
}

/** Default port of the Prometheus endpoint (the OTel exporter's). */
const DEFAULT_PROMETHEUS_PORT = 9464;
const KNOWN_OPTIONS = [
  "tracerProvider",
  "meterProvider",
  "loggerProvider",
  "prometheus",
  "cardinalityLimit",
  "buckets",
  "useGlobal",
] as const;
const KNOWN_PROMETHEUS_OPTIONS = ["port", "host", "endpoint"] as const;

interface NormalizedOptions {
  tracerProvider: TracerProvider | undefined;
  meterProvider: MeterProvider | undefined;
  loggerProvider: LoggerProvider | undefined;
  prometheus: Required<L0PrometheusOptions> | undefined;
  cardinalityLimit: number;
  buckets: readonly number[] | undefined;
  useGlobal: boolean;
}

function normalizePrometheus(p: unknown): Required<L0PrometheusOptions> | undefined {
  if (p === undefined || p === false) return undefined;
  const given = (p === true ? {} : p) as L0PrometheusOptions;
  if (typeof given !== "object" || given === null || Array.isArray(given))
    throw invalidOption("prometheus", p, "a boolean or { port, host, endpoint }");
  assertKnownKeys(given, KNOWN_PROMETHEUS_OPTIONS, "prometheus");
  const port = given.port ?? DEFAULT_PROMETHEUS_PORT;
  // The OTel PrometheusExporter treats 0 as "unset" (it would listen on 9464), so 0 is refused.
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalidOption("prometheus.port", given.port, "an integer from 1 to 65535");
  const host = given.host ?? "127.0.0.1";
  if (typeof host !== "string" || host.length === 0) throw invalidOption("prometheus.host", given.host, "a non-empty string");
  const endpoint = given.endpoint ?? "/metrics";
  if (typeof endpoint !== "string" || !endpoint.startsWith("/"))
    throw invalidOption("prometheus.endpoint", given.endpoint, 'a path starting with "/"');
  return { port, host, endpoint };
}

function checkProvider<T>(
  options: L0InstrumentationOptions,
  field: "tracerProvider" | "meterProvider" | "loggerProvider",
  method: string,
  kind: string,
): T | undefined {
  const provider = options[field];
  if (provider !== undefined && typeof (provider as unknown as Record<string, unknown>)[method] !== "function") {
    throw invalidOption(field, provider, `an OpenTelemetry ${kind}`);
  }
  return provider as T | undefined;
}

function normalize(options: L0InstrumentationOptions): NormalizedOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw invalidOption("registerL0Instrumentation", options, "an options object");
  assertKnownKeys(options, KNOWN_OPTIONS, "");
  const limit = options.cardinalityLimit ?? DEFAULT_CARDINALITY_LIMIT;
  if (!Number.isInteger(limit) || limit < 2) throw invalidOption("cardinalityLimit", options.cardinalityLimit, "an integer >= 2");
  if (options.useGlobal !== undefined && typeof options.useGlobal !== "boolean")
    throw invalidOption("useGlobal", options.useGlobal, "a boolean");
  return {
    tracerProvider: checkProvider<TracerProvider>(options, "tracerProvider", "getTracer", "TracerProvider"),
    meterProvider: checkProvider<MeterProvider>(options, "meterProvider", "getMeter", "MeterProvider"),
    loggerProvider: checkProvider<LoggerProvider>(options, "loggerProvider", "getLogger", "LoggerProvider"),
    prometheus: normalizePrometheus(options.prometheus),
    cardinalityLimit: limit,
    buckets: options.buckets === undefined ? undefined : validateBuckets(options.buckets, "buckets"),
    useGlobal: options.useGlobal ?? true,
  };
}

/** Plain data (numbers, strings, arrays, plain objects) compares by value; providers by identity. */
function sameOption(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const plain = (v: unknown): boolean =>
    Array.isArray(v) ||
    (typeof v === "object" && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null));
  return plain(a) && plain(b) && JSON.stringify(a) === JSON.stringify(b);
}

/** The first field whose normalized value differs, if any. */
function conflict(active: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>): string | undefined {
  return Object.keys(next).find((field) => !sameOption(active[field], next[field]));
}

/**
 * Chooses where l0 records, once at start-up. Uses a globally registered OTel SDK when there is
 * one, looked up at each call (so it may be called before `sdk.start()`); until then, and without
 * one, calls record into an embedded default (tracer provider with `L0SpanProcessor`, meter
 * provider) built without touching the globals. Calling it again with no options or the same
 * options returns the same handle; different options throw `INVALID_OPTIONS` (shut the handle
 * down first). The registration is shared by every copy of l0 in the process (ES module and
 * CommonJS builds loaded together). Unknown option keys throw `INVALID_OPTIONS` naming the path.
 */
export function registerL0Instrumentation(options: L0InstrumentationOptions = {}): L0InstrumentationHandle {
  const normalized = normalize(options);
  const state = sharedState();
  const active = state.active;
  if (active !== undefined) {
    if (active.kind !== "registerL0Instrumentation") {
      throw new L0Error("INVALID_OPTIONS", "l0 is already registered by an enabled L0Instrumentation (disable() it first)", {
        details: { field: "registerL0Instrumentation" },
      });
    }
    const field =
      Object.keys(options).length === 0 ? undefined : conflict(active.options, normalized as unknown as Record<string, unknown>);
    if (field === undefined) return active.owner as L0InstrumentationHandle;
    throw invalidOption(
      field,
      (options as Record<string, unknown>)[field],
      "the value of the active registration (call handle.shutdown() first)",
    );
  }

  let endpoint: PrometheusEndpoint | undefined;
  if (normalized.prometheus !== undefined) endpoint = startPrometheusEndpoint(normalized.prometheus);
  const registration = new PipelineRegistration({
    tracerProvider: normalized.tracerProvider,
    meterProvider: normalized.meterProvider,
    loggerProvider: normalized.loggerProvider,
    useGlobal: normalized.useGlobal,
    cardinalityLimit: normalized.cardinalityLimit,
    latencyBuckets: normalized.buckets,
    ownMeterReaders: endpoint === undefined ? undefined : [endpoint.exporter],
  });
  let shutdownPromise: Promise<void> | undefined;
  const handle: L0InstrumentationHandle = {
    get tracerProvider() {
      return registration.resolve().tracerProvider;
    },
    get meterProvider() {
      return registration.resolve().meterProvider;
    },
    get spanProcessor() {
      return registration.resolve().spanProcessor;
    },
    prometheusExporter: endpoint?.exporter,
    ready: endpoint?.ready ?? Promise.resolve(),
    forceFlush: () => registration.forceFlush(),
    shutdown() {
      shutdownPromise ??= (async () => {
        if (state.active === entry) state.active = undefined;
        await Promise.all([endpoint?.close(), registration.shutdown()]);
      })();
      return shutdownPromise;
    },
  };
  const entry: ActiveRegistration = {
    kind: "registerL0Instrumentation",
    owner: handle,
    options: normalized as unknown as Record<string, unknown>,
    pipelineForCall: () => registration.pipelineForCall(),
  };
  state.active = entry;
  return handle;
}
