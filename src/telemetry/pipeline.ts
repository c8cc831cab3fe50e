/**
 * Which tracer and meter providers l0 records into: the registered ones
 * (`registerL0Instrumentation`), else a globally registered OTel SDK, else the embedded default
 * (a `BasicTracerProvider` with `L0SpanProcessor` and a `MeterProvider`), built lazily and never
 * installed as the global.
 */
import {
  createNoopMeter,
  metrics,
  trace,
  ProxyTracerProvider,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { MeterProvider as SdkMeterProvider, type IMetricReader, type ViewOptions } from "@opentelemetry/sdk-metrics";
import { L0SpanProcessor } from "./l0-span-processor.js";
import { DEFAULT_CARDINALITY_LIMIT, getInstruments, type L0Instruments } from "./instruments.js";
import { L0_INSTRUMENTATION_SCOPE } from "./semconv-names.js";

/** Where one call records. */
export interface L0Pipeline {
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  readonly cardinalityLimit: number;
}

/** An embedded pipeline l0 built (and may shut down). */
export interface EmbeddedPipeline extends L0Pipeline {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: SdkMeterProvider;
  readonly spanProcessor: L0SpanProcessor;
}

/** Builds an embedded tracer provider with an `L0SpanProcessor`. */
export function createEmbeddedTracerProvider(): { tracerProvider: BasicTracerProvider; spanProcessor: L0SpanProcessor } {
  const spanProcessor = new L0SpanProcessor();
  return { tracerProvider: new BasicTracerProvider({ spanProcessors: [spanProcessor] }), spanProcessor };
}

/**
 * Builds an l0 meter provider. l0's series limiter admits at most `cardinalityLimit` attribute sets
 * per instrument, its overflow set included; the SDK's per-interval limit sits one above so it never
 * folds an admitted set first.
 */
export function createEmbeddedMeterProvider(readers: IMetricReader[], cardinalityLimit: number): SdkMeterProvider {
  const views: ViewOptions[] = [
    { instrumentName: "*", meterName: L0_INSTRUMENTATION_SCOPE, aggregationCardinalityLimit: cardinalityLimit + 1 },
  ];
  return new SdkMeterProvider({ readers, views });
}

let registeredPipeline: L0Pipeline | undefined;
let lazyDefault: EmbeddedPipeline | undefined;

/** Sets (or clears) the pipeline chosen by `registerL0Instrumentation`. */
export function setRegisteredPipeline(pipeline: L0Pipeline | undefined): void {
  registeredPipeline = pipeline;
}

/** The pipeline chosen by `registerL0Instrumentation`, if any. */
export function getRegisteredPipeline(): L0Pipeline | undefined {
  return registeredPipeline;
}

function lazyEmbedded(): EmbeddedPipeline {
  if (lazyDefault === undefined) {
    const { tracerProvider, spanProcessor } = createEmbeddedTracerProvider();
    lazyDefault = {
      tracerProvider,
      spanProcessor,
      meterProvider: createEmbeddedMeterProvider([], DEFAULT_CARDINALITY_LIMIT),
      cardinalityLimit: DEFAULT_CARDINALITY_LIMIT,
    };
  }
  return lazyDefault;
}

/** The API's no-op tracer provider (what an empty proxy delegates to). */
const NOOP_TRACER_PROVIDER: TracerProvider = new ProxyTracerProvider().getDelegate();

/** The real globally registered tracer provider, or undefined when only the API's no-op is there. */
export function globalTracerProvider(): TracerProvider | undefined {
  const provider = trace.getTracerProvider();
  const delegate =
    typeof (provider as Partial<ProxyTracerProvider>).getDelegate === "function"
      ? (provider as ProxyTracerProvider).getDelegate()
      : provider;
  if (delegate === NOOP_TRACER_PROVIDER) return undefined;
  if (delegate.constructor?.name === "NoopTracerProvider") return undefined;
  return delegate;
}

const noopMeterProviders = new WeakMap<MeterProvider, boolean>();

/** The real globally registered meter provider, or undefined when only the API's no-op is there. */
export function globalMeterProvider(): MeterProvider | undefined {
  const provider = metrics.getMeterProvider();
  let noop = noopMeterProviders.get(provider);
  if (noop === undefined) {
    noop = provider.getMeter(L0_INSTRUMENTATION_SCOPE) === createNoopMeter() || provider.constructor?.name === "NoopMeterProvider";
    noopMeterProviders.set(provider, noop);
  }
  return noop ? undefined : provider;
}

/** The pipeline a new call records into (see the module doc for the order). */
export function currentPipeline(): L0Pipeline {
  if (registeredPipeline !== undefined) return registeredPipeline;
  const tracerProvider = globalTracerProvider();
  const meterProvider = globalMeterProvider();
  if (tracerProvider === undefined && meterProvider === undefined) return lazyEmbedded();
  return {
    tracerProvider: tracerProvider ?? lazyEmbedded().tracerProvider,
    meterProvider: meterProvider ?? lazyEmbedded().meterProvider,
    cardinalityLimit: DEFAULT_CARDINALITY_LIMIT,
  };
}

const tracers = new WeakMap<TracerProvider, Tracer>();

/** l0's tracer of `provider` (cached). */
export function tracerOf(provider: TracerProvider): Tracer {
  let tracer = tracers.get(provider);
  if (tracer === undefined) {
    tracer = provider.getTracer(L0_INSTRUMENTATION_SCOPE);
    tracers.set(provider, tracer);
  }
  return tracer;
}

/** l0's instruments of the pipeline's meter provider (cached per provider). */
export function instrumentsOf(pipeline: L0Pipeline): L0Instruments {
  return getInstruments(pipeline.meterProvider, pipeline.cardinalityLimit);
}
