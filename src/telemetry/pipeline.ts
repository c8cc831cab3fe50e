/**
 * Which tracer, meter and logger providers a call records into, resolved when the call starts:
 * the active registration (`registerL0Instrumentation` or an enabled `L0Instrumentation`, shared
 * by every copy of l0 in the process), else a globally registered OTel SDK, else the embedded
 * default (a `BasicTracerProvider` with `L0SpanProcessor` and a `MeterProvider`), built on first
 * use and never installed as the global. The SDK packages load only when l0 builds a provider.
 */
import {
  createNoopMeter,
  diag,
  metrics,
  trace,
  ProxyTracerProvider,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";
import type { Logger, LoggerProvider } from "@opentelemetry/api-logs";
import type { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import type { IMetricReader, MeterProvider as SdkMeterProvider, ViewOptions } from "@opentelemetry/sdk-metrics";
import { L0SpanProcessor } from "./l0-span-processor.js";
import { DEFAULT_CARDINALITY_LIMIT, getInstruments, type L0Instruments } from "./instruments.js";
import { apiLogs, sdkMetrics, sdkTraceBase } from "./otel-sdk.js";
import { l0Resource } from "./resource.js";
import { L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, L0_SCHEMA_URL } from "./semconv-names.js";
import type { L0Pipeline } from "./pipeline-types.js";
import { sharedState } from "./shared-state.js";

export type { L0Pipeline } from "./pipeline-types.js";

/** A meter provider l0 built (and may flush and shut down). */
export interface OwnedMeterProvider extends MeterProvider {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** An embedded pipeline l0 built (and may shut down). */
interface EmbeddedPipeline extends L0Pipeline {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: OwnedMeterProvider;
  readonly spanProcessor: L0SpanProcessor;
}

/** Builds an embedded tracer provider (l0's resource) with an `L0SpanProcessor`. */
export function createEmbeddedTracerProvider(): { tracerProvider: BasicTracerProvider; spanProcessor: L0SpanProcessor } {
  const spanProcessor = new L0SpanProcessor();
  const { BasicTracerProvider } = sdkTraceBase();
  return { tracerProvider: new BasicTracerProvider({ resource: l0Resource(), spanProcessors: [spanProcessor] }), spanProcessor };
}

/**
 * The meter provider of an embedded pipeline without readers: an SDK meter provider's readers are
 * fixed when it is built, so nothing could ever read what it aggregates. Its meters are the API's
 * no-op, and l0 spends nothing on metrics nobody can read (`result.telemetry` comes from spans).
 */
const UNREAD_METER_PROVIDER: OwnedMeterProvider = Object.freeze({
  getMeter: () => createNoopMeter(),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
});

/**
 * Builds an l0 meter provider (l0's resource). l0's series limiter admits at most
 * `cardinalityLimit` attribute sets per instrument, its overflow set included; the SDK's
 * per-interval limit sits one above so it never folds an admitted set first.
 */
export function createEmbeddedMeterProvider(readers: IMetricReader[], cardinalityLimit: number): SdkMeterProvider {
  const views: ViewOptions[] = [
    { instrumentName: "*", meterName: L0_INSTRUMENTATION_SCOPE, aggregationCardinalityLimit: cardinalityLimit + 1 },
  ];
  const { MeterProvider } = sdkMetrics();
  return new MeterProvider({ resource: l0Resource(), readers, views });
}

/** {@link createEmbeddedMeterProvider}, or without readers the no-op {@link UNREAD_METER_PROVIDER}. */
export function embeddedMeterProvider(readers: IMetricReader[], cardinalityLimit: number): OwnedMeterProvider {
  return readers.length === 0 ? UNREAD_METER_PROVIDER : createEmbeddedMeterProvider(readers, cardinalityLimit);
}

/** The API's no-op tracer provider (what an empty proxy delegates to). */
const NOOP_TRACER_PROVIDER: TracerProvider = new ProxyTracerProvider().getDelegate();

/**
 * The provider that really records behind `provider`: the delegate of a `ProxyTracerProvider`
 * (as returned by `trace.getTracerProvider()`), read now, or undefined when that is the API's no-op.
 */
export function realTracerProvider(provider: TracerProvider): TracerProvider | undefined {
  const delegate =
    typeof (provider as Partial<ProxyTracerProvider>).getDelegate === "function"
      ? (provider as ProxyTracerProvider).getDelegate()
      : provider;
  if (delegate === NOOP_TRACER_PROVIDER) return undefined;
  if (delegate.constructor?.name === "NoopTracerProvider") return undefined;
  return delegate;
}

const noopMeterProviders = new WeakMap<MeterProvider, boolean>();

/** `provider`, or undefined when it is the API's no-op meter provider. */
export function realMeterProvider(provider: MeterProvider): MeterProvider | undefined {
  let noop = noopMeterProviders.get(provider);
  if (noop === undefined) {
    // The same scope as l0's instruments, so probing adds no second meter to a real provider.
    const meter = provider.getMeter(L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, { schemaUrl: L0_SCHEMA_URL });
    noop = meter === createNoopMeter() || provider.constructor?.name === "NoopMeterProvider";
    noopMeterProviders.set(provider, noop);
  }
  return noop ? undefined : provider;
}

/**
 * The provider that really records behind `provider`: the delegate of an `@opentelemetry/api-logs`
 * `ProxyLoggerProvider` (what `registerInstrumentations()` passes before a logs SDK is
 * registered), read now, or undefined when that is the no-op; then l0 reads the global
 * `LoggerProvider` at each call, which also finds an SDK registered through another copy of
 * `@opentelemetry/api-logs` (whose proxy would never get the delegate).
 */
export function realLoggerProvider(provider: LoggerProvider): LoggerProvider | undefined {
  const proxy = provider as LoggerProvider & { _getDelegate?: () => LoggerProvider };
  const delegate = typeof proxy._getDelegate === "function" ? proxy._getDelegate() : provider;
  return delegate.constructor?.name === "NoopLoggerProvider" ? undefined : delegate;
}

/** The real globally registered tracer provider, or undefined when only the API's no-op is there. */
export function globalTracerProvider(): TracerProvider | undefined {
  return realTracerProvider(trace.getTracerProvider());
}

/** The real globally registered meter provider, or undefined when only the API's no-op is there. */
export function globalMeterProvider(): MeterProvider | undefined {
  return realMeterProvider(metrics.getMeterProvider());
}

/**
 * Notices calls whose spans went to l0's embedded tracer provider because no OTel SDK was
 * registered yet, and warns once (through `diag`) when an SDK shows up later: those spans never
 * reach it, which otherwise looks like l0 losing spans.
 */
export class LateSdkWatch {
  private embeddedCalls = 0;
  private warned = false;

  /** Notes one call and whether its spans went to the embedded tracer provider. */
  note(embedded: boolean): void {
    if (embedded) {
      this.embeddedCalls++;
      return;
    }
    if (this.embeddedCalls === 0 || this.warned) return;
    this.warned = true;
    diag.warn(
      `l0: an OTel SDK was registered after ${this.embeddedCalls} monitored l0() call(s) had recorded into l0's embedded ` +
        "pipeline; their spans did not reach the SDK (later calls do). Start the SDK before the first monitored call.",
    );
  }
}

let lazyDefault: EmbeddedPipeline | undefined;
const zeroConfigWatch = new LateSdkWatch();

/** The embedded default of calls made with no registration and no global SDK (built on first use). */
function lazyEmbedded(): EmbeddedPipeline {
  if (lazyDefault === undefined) {
    const { tracerProvider, spanProcessor } = createEmbeddedTracerProvider();
    lazyDefault = {
      tracerProvider,
      spanProcessor,
      meterProvider: UNREAD_METER_PROVIDER,
      cardinalityLimit: DEFAULT_CARDINALITY_LIMIT,
    };
  }
  return lazyDefault;
}

function zeroConfigPipeline(): L0Pipeline {
  const tracerProvider = globalTracerProvider();
  const meterProvider = globalMeterProvider();
  zeroConfigWatch.note(tracerProvider === undefined);
  if (tracerProvider === undefined && meterProvider === undefined) return lazyEmbedded();
  return {
    tracerProvider: tracerProvider ?? lazyEmbedded().tracerProvider,
    meterProvider: meterProvider ?? lazyEmbedded().meterProvider,
    cardinalityLimit: DEFAULT_CARDINALITY_LIMIT,
  };
}

/**
 * The tracer provider a new call records into when that is a registered or global one; undefined
 * when it would be l0's lazily built embedded default (which this does not build).
 */
export function recordingTracerProvider(): TracerProvider | undefined {
  const active = sharedState().active;
  return active === undefined ? globalTracerProvider() : active.pipelineForCall().tracerProvider;
}

/** The pipeline a new call records into (see the module doc for the order). */
export function currentPipeline(): L0Pipeline {
  const active = sharedState().active;
  return active === undefined ? zeroConfigPipeline() : active.pipelineForCall();
}

const tracers = new WeakMap<TracerProvider, Tracer>();

/** l0's tracer of `provider` (scope `l0`, l0's version, {@link L0_SCHEMA_URL}; cached). */
export function tracerOf(provider: TracerProvider): Tracer {
  let tracer = tracers.get(provider);
  if (tracer === undefined) {
    tracer = provider.getTracer(L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, { schemaUrl: L0_SCHEMA_URL });
    tracers.set(provider, tracer);
  }
  return tracer;
}

const loggers = new WeakMap<LoggerProvider, Logger>();

/**
 * l0's logger (scope `l0`, l0's version, {@link L0_SCHEMA_URL}; cached) of `provider`, or of the
 * global `LoggerProvider` (read now) when `provider` is undefined: a no-op until the app
 * registers a logs SDK.
 */
export function loggerOf(provider: LoggerProvider | undefined): Logger {
  const resolved = provider ?? apiLogs().logs.getLoggerProvider();
  let logger = loggers.get(resolved);
  if (logger === undefined) {
    logger = resolved.getLogger(L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, { schemaUrl: L0_SCHEMA_URL });
    loggers.set(resolved, logger);
  }
  return logger;
}

/**
 * l0's instruments of the pipeline's meter provider (cached per provider); undefined for an
 * embedded meter provider without readers (nothing could read a measurement).
 */
export function instrumentsOf(pipeline: L0Pipeline): L0Instruments | undefined {
  if (pipeline.meterProvider === UNREAD_METER_PROVIDER) return undefined;
  return getInstruments(pipeline.meterProvider, pipeline.cardinalityLimit);
}
