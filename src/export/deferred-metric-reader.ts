/**
 * Base of l0's metric readers that loads `@opentelemetry/sdk-metrics` when a reader is
 * constructed, not when `l0` is imported: a class cannot `extends MetricReader` without loading
 * the SDK at import. It implements the SDK's `IMetricReader` (what `MeterProvider`'s `readers`
 * accept) by delegating to a private `MetricReader` subclass, so aggregation, temporality,
 * cardinality, shutdown and collection stay the SDK's. Differences from extending `MetricReader`:
 * `instanceof MetricReader` is false, and the SDK's experimental self-observability metrics
 * (`OTEL_NODE_EXPERIMENTAL_SDK_METRICS`) are not recorded for these readers.
 */
import type {
  AggregationOption,
  AggregationTemporality,
  CollectionResult,
  IMetricReader,
  InstrumentType,
  MetricProducer,
  MetricReader,
  MetricReaderOptions,
} from "@opentelemetry/sdk-metrics";
import { sdkMetrics } from "../telemetry/otel-sdk.js";

type CollectOptions = Parameters<MetricReader["collect"]>[0];
type ShutdownOptions = Parameters<MetricReader["shutdown"]>[0];
type ForceFlushOptions = Parameters<MetricReader["forceFlush"]>[0];

/** The hooks a deferred reader implements (those of `MetricReader`). */
interface ReaderHooks {
  onInitialized(): void;
  onForceFlush(): Promise<void>;
  onShutdown(): Promise<void>;
}

type DelegateConstructor = new (hooks: ReaderHooks, options: MetricReaderOptions | undefined) => MetricReader;
let delegateClass: DelegateConstructor | undefined;

/** The `MetricReader` subclass that forwards its hooks (defined once, on first use). */
function delegateConstructor(): DelegateConstructor {
  if (delegateClass === undefined) {
    const { MetricReader: SdkMetricReader } = sdkMetrics();
    delegateClass = class DelegateMetricReader extends SdkMetricReader {
      constructor(
        private readonly hooks: ReaderHooks,
        options: MetricReaderOptions | undefined,
      ) {
        super(options);
      }
      protected override onInitialized(): void {
        this.hooks.onInitialized();
      }
      protected override onForceFlush(): Promise<void> {
        return this.hooks.onForceFlush();
      }
      protected override onShutdown(): Promise<void> {
        return this.hooks.onShutdown();
      }
    };
  }
  return delegateClass;
}

/**
 * A metric reader (`IMetricReader`) with `MetricReader`'s API and hooks, whose SDK part loads on
 * construction. Subclasses implement `onForceFlush` / `onShutdown` and may override `onInitialized`.
 */
export abstract class DeferredMetricReader implements IMetricReader {
  /** The SDK `MetricReader` doing the work. */
  protected readonly sdkReader: MetricReader;

  /** @param options forwarded to the SDK's `MetricReader` */
  protected constructor(options?: MetricReaderOptions) {
    const Delegate = delegateConstructor();
    this.sdkReader = new Delegate(
      {
        onInitialized: () => this.onInitialized(),
        onForceFlush: () => this.onForceFlush(),
        onShutdown: () => this.onShutdown(),
      },
      options,
    );
  }

  /** Called once the reader is bound to a `MeterProvider`. */
  protected onInitialized(): void {}

  /** Flush hook (see `MetricReader.onForceFlush`). */
  protected abstract onForceFlush(): Promise<void>;

  /** Shutdown hook (see `MetricReader.onShutdown`). */
  protected abstract onShutdown(): Promise<void>;

  /** Called by the SDK's `MeterProvider` (once). */
  setMetricProducer(metricProducer: MetricProducer): void {
    this.sdkReader.setMetricProducer(metricProducer);
  }

  /** The aggregation for an instrument type (the SDK's default unless options said otherwise). */
  selectAggregation(instrumentType: InstrumentType): AggregationOption {
    return this.sdkReader.selectAggregation(instrumentType);
  }

  /** The temporality for an instrument type (cumulative unless options said otherwise). */
  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.sdkReader.selectAggregationTemporality(instrumentType);
  }

  /** The cardinality limit for an instrument type. */
  selectCardinalityLimit(instrumentType: InstrumentType): number {
    return this.sdkReader.selectCardinalityLimit(instrumentType);
  }

  /** Collects from the bound `MeterProvider`. */
  collect(options?: CollectOptions): Promise<CollectionResult> {
    return this.sdkReader.collect(options);
  }

  /** Shuts the reader down (runs `onShutdown` once). */
  shutdown(options?: ShutdownOptions): Promise<void> {
    return this.sdkReader.shutdown(options);
  }

  /** Flushes (runs `onForceFlush`). */
  forceFlush(options?: ForceFlushOptions): Promise<void> {
    return this.sdkReader.forceFlush(options);
  }
}
