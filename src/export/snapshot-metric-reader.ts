/**
 * A `MetricReader` that can also collect synchronously, so `expose()` can return an up-to-date
 * exposition right after a `record()` call, as MONITORING.md uses it.
 */
import { diag } from "@opentelemetry/api";
import type { MetricData, MetricReaderOptions, ResourceMetrics, ScopeMetrics } from "@opentelemetry/sdk-metrics";
import { otelCore } from "../telemetry/otel-sdk.js";
import { DeferredMetricReader } from "./deferred-metric-reader.js";

// The slice of sdk-metrics 2.x internals used by `collectSync` (checked at run time, never assumed).
interface InternalStorage {
  collect(collector: unknown, collectionTime: [number, number]): MetricData | undefined;
}
interface InternalMeterState {
  metricStorageRegistry?: { getStorages?(collector: unknown): InternalStorage[] };
  _instrumentationScope?: ScopeMetrics["scope"];
}
interface InternalCollector {
  _sharedState?: { resource?: ResourceMetrics["resource"]; meterSharedStates?: Map<string, InternalMeterState> };
}

/**
 * `MetricReader.collect()` is async only because it first runs observable (async) instrument
 * callbacks; the storages of synchronous instruments (counter, gauge, histogram) collect
 * synchronously. For a `MeterProvider` that holds only synchronous instruments, `collectSync()`
 * runs the same per-storage `collect(collector, time)` calls the SDK's `MetricCollector` runs,
 * through the reader's own collector handle, so aggregation, temporality and cardinality stay
 * the SDK's. It returns `undefined` (and logs once) if the SDK internals it relies on changed;
 * callers then fall back to the async `collect()`.
 */
export class SnapshotMetricReader extends DeferredMetricReader {
  private warned = false;

  /** @param options forwarded to `MetricReader` */
  constructor(options?: MetricReaderOptions) {
    super(options);
  }

  /** Synchronously collects every synchronous instrument, or `undefined` when not possible. */
  collectSync(): ResourceMetrics | undefined {
    const collector = (this.sdkReader as unknown as { _sdkMetricProducer?: InternalCollector })._sdkMetricProducer;
    const shared = collector?._sharedState;
    if (!shared?.resource || !(shared.meterSharedStates instanceof Map)) return this.unsupported();
    const time = otelCore().millisToHrTime(Date.now());
    const scopeMetrics: ScopeMetrics[] = [];
    for (const meterState of shared.meterSharedStates.values()) {
      const registry = meterState.metricStorageRegistry;
      if (typeof registry?.getStorages !== "function" || !meterState._instrumentationScope) return this.unsupported();
      const metrics: MetricData[] = [];
      for (const storage of registry.getStorages(collector)) {
        const data = storage.collect(collector, time);
        if (data) metrics.push(data);
      }
      if (metrics.length > 0) scopeMetrics.push({ scope: meterState._instrumentationScope, metrics });
    }
    return { resource: shared.resource, scopeMetrics };
  }

  private unsupported(): undefined {
    if (!this.warned) {
      this.warned = true;
      diag.warn(
        "l0: synchronous metric collection is unavailable with this @opentelemetry/sdk-metrics version; expose() serves the last async collection",
      );
    }
    return undefined;
  }

  /** Pull reader: nothing to flush. */
  protected override async onForceFlush(): Promise<void> {}

  /** Pull reader: nothing to release. */
  protected override async onShutdown(): Promise<void> {}
}
