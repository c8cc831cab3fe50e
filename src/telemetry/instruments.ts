/**
 * l0's OTel instruments, built from the metric table once per MeterProvider (cached in a WeakMap),
 * each behind its {@link SeriesLimiter}: every measurement goes through `record` / `zero`.
 */
import { diag, type Attributes, type Counter, type Gauge, type Histogram, type Meter, type MeterProvider } from "@opentelemetry/api";
import { L0_METRIC_TABLE, L0_METRICS, METRIC_ATTR_METRIC, type MetricDefinition, type MetricKind } from "./metric-names.js";
import { L0_INSTRUMENTATION_SCOPE } from "./semconv-names.js";
import { DEFAULT_CARDINALITY_LIMIT, OVERFLOW_ATTRIBUTE, SeriesBudget, SeriesLimiter, seriesPerLabelSet } from "./series-limiter.js";

export { DEFAULT_CARDINALITY_LIMIT } from "./series-limiter.js";

/** An OTel instrument of one of the three kinds l0 defines. */
export type L0Instrument = Counter | Gauge | Histogram;

/** Creates the OTel instrument of a metric kind (histograms get `buckets` as advice). */
export function createInstrument(
  meter: Meter,
  name: string,
  kind: MetricKind,
  description: string,
  unit: string,
  buckets: readonly number[] | undefined,
): L0Instrument {
  const options = unit === "" ? { description } : { description, unit };
  if (kind === "counter") return meter.createCounter(name, options);
  if (kind === "gauge") return meter.createGauge(name, options);
  return meter.createHistogram(name, { ...options, advice: { explicitBucketBoundaries: [...(buckets ?? [])] } });
}

/** Adds (counter) or records (gauge, histogram) one value. */
export function writeInstrument(kind: MetricKind, instrument: L0Instrument, value: number, attributes: Attributes): void {
  if (kind === "counter") (instrument as Counter).add(value, attributes);
  else (instrument as Gauge | Histogram).record(value, attributes);
}

/**
 * Counts measurements folded into overflow series on an overflow counter and warns once per
 * metric through `diag`.
 */
export class OverflowReporter {
  private readonly warned = new Set<string>();

  /**
   * @param counter the `l0.metric.overflow` counter (or the registry's `{prefix}_metric_overflow_total`)
   * @param base attributes on every overflow-counter series (the registry's default labels)
   * @param budget for the warning's number
   */
  constructor(
    private readonly counter: Counter,
    private readonly base: Attributes,
    private readonly budget: SeriesBudget,
  ) {}

  /** Creates the overflow counter's series of `metric` at 0 (when the metric is first written). */
  start(metric: string): void {
    this.counter.add(0, { ...this.base, [METRIC_ATTR_METRIC]: metric });
  }

  /** One measurement of `metric` went to its overflow series. */
  overflowed(metric: string): void {
    this.counter.add(1, { ...this.base, [METRIC_ATTR_METRIC]: metric });
    if (this.warned.has(metric)) return;
    this.warned.add(metric);
    diag.warn(
      `l0: metric "${metric}" reached its cardinality limit of ${this.budget.limit} exported series; further label sets are ` +
        `recorded in its ${OVERFLOW_ATTRIBUTE}="true" series and counted by the metric_overflow counter. ` +
        `Keep high-cardinality values (ids, free text) out of model names and labels, or raise cardinalityLimit.`,
    );
  }
}

interface Slot {
  readonly metric: MetricDefinition;
  readonly instrument: L0Instrument;
  readonly limiter: SeriesLimiter;
  started: boolean;
}

/** Every instrument l0 records on one meter provider, with the series limit of each. */
export class L0Instruments {
  /** The series limit per metric name (`registerL0Instrumentation({ cardinalityLimit })` may change it). */
  readonly cardinality: SeriesBudget;
  /** Buckets of the latency histograms. */
  readonly latencyBuckets: readonly number[];
  /** Call identities whose zero series were created (bounded by the series limit). */
  readonly zeroed = new Set<string>();
  private readonly slots = new Map<MetricDefinition, Slot>();
  private readonly overflow: OverflowReporter;

  /**
   * @param meterProvider where the instruments are created (meter `l0`)
   * @param cardinalityLimit series per metric name
   * @param latencyBuckets buckets of the latency histograms
   */
  constructor(meterProvider: MeterProvider, cardinalityLimit: number, latencyBuckets: readonly number[] | undefined) {
    const meter = meterProvider.getMeter(L0_INSTRUMENTATION_SCOPE);
    this.cardinality = new SeriesBudget(cardinalityLimit);
    this.latencyBuckets = latencyBuckets ?? L0_METRIC_TABLE.requestDuration.buckets ?? [];
    let overflowCounter: Counter | undefined;
    const overflowAttributes = { [OVERFLOW_ATTRIBUTE]: true };
    for (const metric of L0_METRICS) {
      const buckets = metric.configurableBuckets ? this.latencyBuckets : metric.buckets;
      const instrument = createInstrument(meter, metric.otelName, metric.kind, metric.help, metric.unit, buckets);
      if (metric === L0_METRIC_TABLE.metricOverflow) {
        overflowCounter = instrument as Counter;
        continue;
      }
      const limiter = new SeriesLimiter(metric.promName, seriesPerLabelSet(metric.kind, buckets), this.cardinality, overflowAttributes, (m) =>
        this.overflow.overflowed(m),
      );
      this.slots.set(metric, { metric, instrument, limiter, started: false });
    }
    this.overflow = new OverflowReporter(overflowCounter as Counter, {}, this.cardinality);
  }

  /** Records `value` on `metric` under `attributes` (or its overflow series). */
  record(metric: MetricDefinition, value: number, attributes: Attributes): void {
    const slot = this.slot(metric);
    if (slot === undefined) return;
    writeInstrument(metric.kind, slot.instrument, value, slot.limiter.admit(attributes));
  }

  /** Creates a counter series at 0 if it fits the series limit. */
  zero(metric: MetricDefinition, attributes: Attributes): void {
    const slot = this.slot(metric);
    if (slot === undefined || metric.kind !== "counter") return;
    const admitted = slot.limiter.admitZero(attributes);
    if (admitted !== undefined) (slot.instrument as Counter).add(0, admitted);
  }

  /** Series exported for `metric` so far (its overflow series included). */
  seriesOf(metric: MetricDefinition): number {
    return this.slots.get(metric)?.limiter.series ?? 0;
  }

  private slot(metric: MetricDefinition): Slot | undefined {
    const slot = this.slots.get(metric);
    if (slot !== undefined && !slot.started) {
      slot.started = true;
      this.overflow.start(metric.promName);
    }
    return slot;
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

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
