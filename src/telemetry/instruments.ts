/**
 * l0's OTel instruments, built from the metric table once per MeterProvider (cached in a WeakMap)
 * in a {@link MetricStore}: every measurement goes through `record` / `zero` and its series limit.
 */
import { diag, type Attributes, type MeterProvider } from "@opentelemetry/api";
import { MetricStore, sameNumbers, type MetricEntry } from "./metric-store.js";
import { L0_LATENCY_BUCKETS, L0_METRIC_TABLE, L0_METRICS, type MetricDefinition } from "./metric-names.js";
import { L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, L0_SCHEMA_URL } from "./semconv-names.js";
import { DEFAULT_CARDINALITY_LIMIT, OVERFLOW_ATTRIBUTE, type SeriesBudget } from "./series-limiter.js";

export { DEFAULT_CARDINALITY_LIMIT } from "./series-limiter.js";

/** Every instrument l0 records on one meter provider, with the series limit of each. */
export class L0Instruments {
  /** Buckets of the latency histograms. */
  readonly latencyBuckets: readonly number[];
  /** Call identities whose zero series were created (bounded by the series limit). */
  readonly zeroed = new Set<string>();
  private readonly store: MetricStore;
  private readonly entries = new Map<MetricDefinition, MetricEntry>();

  /**
   * @param meterProvider where the instruments are created (meter `l0`)
   * @param cardinalityLimit series per metric name
   * @param latencyBuckets buckets of the latency histograms
   */
  constructor(meterProvider: MeterProvider, cardinalityLimit: number, latencyBuckets: readonly number[] | undefined) {
    this.latencyBuckets = latencyBuckets ?? L0_LATENCY_BUCKETS;
    const meter = meterProvider.getMeter(L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, { schemaUrl: L0_SCHEMA_URL });
    this.store = new MetricStore(meter, cardinalityLimit, {
      counterName: L0_METRIC_TABLE.metricOverflow.otelName,
      counterAttributes: {},
      seriesAttributes: { [OVERFLOW_ATTRIBUTE]: true },
    });
    for (const metric of L0_METRICS) {
      if (metric === L0_METRIC_TABLE.metricOverflow) continue;
      const buckets = metric.configurableBuckets ? this.latencyBuckets : metric.buckets;
      this.entries.set(
        metric,
        this.store.define(metric.kind, metric.otelName, metric.help, buckets, {
          unit: metric.unit,
          name: metric.promName,
          integer: metric.integer,
        }),
      );
    }
  }

  /** The series limit per metric name (`registerL0Instrumentation({ cardinalityLimit })` may change it). */
  get cardinality(): SeriesBudget {
    return this.store.budget;
  }

  /**
   * Records `value` on `metric` under `attributes` (or its overflow series). `key`: the label set's
   * key when the caller knows it; it must be the same for the same label set of `metric` every time.
   */
  record(metric: MetricDefinition, value: number, attributes: Attributes, key?: string): void {
    const entry = this.entries.get(metric);
    if (entry !== undefined) this.store.write(entry, value, attributes, key);
  }

  /** Records the first `count` of `values` on `metric` under one label set (`key` as for {@link L0Instruments.record}). */
  recordEach(metric: MetricDefinition, values: ArrayLike<number>, count: number, attributes: Attributes, key?: string): void {
    const entry = this.entries.get(metric);
    if (entry !== undefined) this.store.writeEach(entry, values, count, attributes, key);
  }

  /** Creates a counter series at 0 if it fits the series limit (`key` as for {@link L0Instruments.record}). */
  zero(metric: MetricDefinition, attributes: Attributes, key?: string): void {
    const entry = this.entries.get(metric);
    if (entry !== undefined) this.store.zero(entry, attributes, key);
  }

  /** Series exported for `metric` so far (its overflow series included). */
  seriesOf(metric: MetricDefinition): number {
    return this.entries.get(metric)?.limiter.series ?? 0;
  }
}

const cache = new WeakMap<MeterProvider, L0Instruments>();

/**
 * Returns the instruments of `meterProvider`, creating them on first use. `latencyBuckets` apply
 * when the instruments are created (OTel fixes an instrument's advice then); a later different
 * value is reported to `diag` and ignored.
 */
export function getInstruments(
  meterProvider: MeterProvider,
  cardinalityLimit = DEFAULT_CARDINALITY_LIMIT,
  latencyBuckets?: readonly number[],
): L0Instruments {
  const cached = cache.get(meterProvider);
  if (cached !== undefined) {
    if (latencyBuckets !== undefined && !sameNumbers(cached.latencyBuckets, latencyBuckets)) {
      diag.warn("l0: buckets cannot change for a meter provider l0 already recorded into; the earlier buckets stay");
    }
    return cached;
  }
  const created = new L0Instruments(meterProvider, cardinalityLimit, latencyBuckets);
  cache.set(meterProvider, created);
  return created;
}
