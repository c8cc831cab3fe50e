/**
 * The one implementation behind `registerL0Instrumentation()` and `L0Instrumentation`: the
 * providers a registration was given, resolved lazily at each call.
 *
 * A provider given as the OTel API's global proxy (what `registerInstrumentations()` and NodeSDK
 * pass before the SDK has started) is read through at call time; a no-op one counts as not
 * given. With `useGlobal`, a globally registered SDK is looked up at call time too, so a
 * registration made before `sdk.start()` reaches the SDK's providers once it starts. Only when
 * nothing real is there does a call record into an embedded provider l0 builds (on first use).
 */
import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import { diag } from "@opentelemetry/api";
import type { LoggerProvider } from "@opentelemetry/api-logs";
import type { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import type { IMetricReader } from "@opentelemetry/sdk-metrics";
import { getInstruments } from "./instruments.js";
import type { L0SpanProcessor } from "./l0-span-processor.js";
import {
  embeddedMeterProvider,
  createEmbeddedTracerProvider,
  globalMeterProvider,
  globalTracerProvider,
  LateSdkWatch,
  type OwnedMeterProvider,
  realLoggerProvider,
  realMeterProvider,
  realTracerProvider,
  type L0Pipeline,
} from "./pipeline.js";

/** What a registration starts from. */
export interface RegistrationSettings {
  tracerProvider?: TracerProvider | undefined;
  meterProvider?: MeterProvider | undefined;
  loggerProvider?: LoggerProvider | undefined;
  /** Fall back to a globally registered SDK (looked up at call time) before the embedded providers. */
  useGlobal: boolean;
  cardinalityLimit: number;
  /** Buckets of l0's latency histograms (applied when l0 first records into a meter provider). */
  latencyBuckets?: readonly number[] | undefined;
  /**
   * Readers of a meter provider l0 builds at once and always records l0's metrics into (the
   * Prometheus endpoint): readers cannot be added to an existing SDK provider.
   */
  ownMeterReaders?: IMetricReader[] | undefined;
}

/** A resolved pipeline plus the `L0SpanProcessor` when the tracer provider is l0's own. */
export interface ResolvedPipeline extends L0Pipeline {
  readonly spanProcessor: L0SpanProcessor | undefined;
}

/** Providers chosen by a registration, resolved per call; owns what it builds. */
export class PipelineRegistration {
  /** The given tracer provider (may be the API's global proxy). */
  tracerProvider: TracerProvider | undefined;
  /** The given meter provider (may be the API's no-op until an SDK starts). */
  meterProvider: MeterProvider | undefined;
  /** The given logger provider (a no-op proxy counts as none); the global one, read at each call, when undefined. */
  loggerProvider: LoggerProvider | undefined;
  private readonly useGlobal: boolean;
  private cardinalityLimit: number;
  private readonly latencyBuckets: readonly number[] | undefined;
  private embeddedTracer: { tracerProvider: BasicTracerProvider; spanProcessor: L0SpanProcessor } | undefined;
  private embeddedMeter: OwnedMeterProvider | undefined;
  private readonly ownMeter: boolean;
  private limitedMeterProvider: MeterProvider | undefined;
  private readonly watch = new LateSdkWatch();
  private shutDown = false;

  constructor(settings: RegistrationSettings) {
    this.tracerProvider = settings.tracerProvider;
    this.meterProvider = settings.meterProvider;
    this.loggerProvider = settings.loggerProvider;
    this.useGlobal = settings.useGlobal;
    this.cardinalityLimit = settings.cardinalityLimit;
    this.latencyBuckets = settings.latencyBuckets;
    this.ownMeter = settings.ownMeterReaders !== undefined;
    if (settings.ownMeterReaders !== undefined)
      this.embeddedMeter = embeddedMeterProvider(settings.ownMeterReaders, settings.cardinalityLimit);
  }

  /** Changes the cardinality limit (applies to providers resolved from now on). */
  setCardinalityLimit(limit: number): void {
    this.cardinalityLimit = limit;
    this.limitedMeterProvider = undefined;
  }

  /** The providers a call starting now records into. */
  resolve(): ResolvedPipeline {
    let tracerProvider = this.tracerProvider === undefined ? undefined : realTracerProvider(this.tracerProvider);
    if (tracerProvider === undefined && this.useGlobal) tracerProvider = globalTracerProvider();
    let spanProcessor: L0SpanProcessor | undefined;
    if (tracerProvider === undefined) {
      this.embeddedTracer ??= createEmbeddedTracerProvider();
      tracerProvider = this.embeddedTracer.tracerProvider;
      spanProcessor = this.embeddedTracer.spanProcessor;
    }
    let meterProvider: MeterProvider | undefined;
    if (!this.ownMeter) {
      meterProvider = this.meterProvider === undefined ? undefined : realMeterProvider(this.meterProvider);
      if (meterProvider === undefined && this.useGlobal) meterProvider = globalMeterProvider();
    }
    if (meterProvider === undefined) {
      this.embeddedMeter ??= embeddedMeterProvider([], this.cardinalityLimit);
      meterProvider = this.embeddedMeter;
    }
    if (meterProvider !== this.limitedMeterProvider) {
      this.limitedMeterProvider = meterProvider;
      getInstruments(meterProvider, this.cardinalityLimit, this.latencyBuckets).cardinality.setLimit(this.cardinalityLimit);
    }
    const loggerProvider = this.loggerProvider === undefined ? undefined : realLoggerProvider(this.loggerProvider);
    return { tracerProvider, meterProvider, loggerProvider, cardinalityLimit: this.cardinalityLimit, spanProcessor };
  }

  /** {@link resolve} for one new call; warns once when an SDK appears after calls went to the embedded providers. */
  pipelineForCall(): L0Pipeline {
    const resolved = this.resolve();
    this.watch.note(resolved.spanProcessor !== undefined);
    return resolved;
  }

  /** Flushes the providers l0 built. Never rejects. */
  async forceFlush(): Promise<void> {
    await Promise.all(
      this.owned().map((owned) => owned.forceFlush().catch((error: unknown) => diag.error("l0: forceFlush failed", error))),
    );
  }

  /** Shuts down the providers l0 built (never the given or global ones). Never rejects. */
  async shutdown(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    await Promise.all(this.owned().map((owned) => owned.shutdown().catch((error: unknown) => diag.error("l0: shutdown failed", error))));
  }

  private owned(): { forceFlush(): Promise<void>; shutdown(): Promise<void> }[] {
    const owned: { forceFlush(): Promise<void>; shutdown(): Promise<void> }[] = [];
    if (this.embeddedTracer !== undefined) owned.push(this.embeddedTracer.tracerProvider);
    if (this.embeddedMeter !== undefined) owned.push(this.embeddedMeter);
    return owned;
  }
}
