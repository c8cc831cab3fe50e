/**
 * The one place measurements reach an OTel instrument: instruments by name, each behind its
 * {@link SeriesLimiter}, and the overflow counter they report to. Used by l0's instruments on a
 * meter provider (`instruments.ts`) and by each Prometheus registry (`export/prometheus-registry.ts`).
 */
import { diag, ValueType, type Attributes, type Counter, type Gauge, type Histogram, type Meter } from "@opentelemetry/api";
import { invalidOption } from "../errors/l0-error.js";
import { L0_LATENCY_BUCKETS, L0_METRIC_TABLE, METRIC_ATTR_METRIC, type MetricKind } from "./metric-names.js";
import { OVERFLOW_ATTRIBUTE, SeriesBudget, SeriesLimiter, seriesPerLabelSet } from "./series-limiter.js";

/** An OTel instrument of one of the three kinds l0 defines. */
type L0Instrument = Counter | Gauge | Histogram;

/** One metric of a store. */
export interface MetricEntry {
  readonly kind: MetricKind;
  /** Exposition name: the overflow counter's `metric` label and the warning's subject. */
  readonly name: string;
  readonly instrument: L0Instrument;
  readonly buckets: readonly number[] | undefined;
  readonly limiter: SeriesLimiter;
  /** Whether its overflow-counter series exists (from its first measurement). */
  started: boolean;
}

/** How a store names and labels its overflow. */
export interface OverflowOptions {
  /** Instrument name of the overflow counter (`l0.metric.overflow`, or a registry's `{prefix}_metric_overflow_total`). */
  counterName: string;
  /** Attributes on every overflow-counter series (a registry's default labels). */
  counterAttributes: Attributes;
  /** Attributes of each metric's overflow series. */
  seriesAttributes: Attributes;
}

/** Instruments by name, the series limit per name and the overflow counter. */
export class MetricStore {
  /** Exported series per metric name (changeable; admitted label sets keep their series). */
  readonly budget: SeriesBudget;
  readonly #entries = new Map<string, MetricEntry>();
  readonly #overflowCounter: Counter;
  readonly #warned = new Set<string>();

  /**
   * @param meter where instruments are created
   * @param cardinalityLimit exported series per metric name
   * @param overflow names and labels of the overflow counter and series
   */
  constructor(
    private readonly meter: Meter,
    cardinalityLimit: number,
    private readonly overflow: OverflowOptions,
  ) {
    this.budget = new SeriesBudget(cardinalityLimit);
    const row = L0_METRIC_TABLE.metricOverflow;
    this.#overflowCounter = createInstrument(meter, overflow.counterName, "counter", row.help, row.unit, undefined, true) as Counter;
  }

  /**
   * The metric `instrumentName`, created on first use (exposed as `name`, default the instrument
   * name). Throws `INVALID_OPTIONS` for an empty help, a name already used by another kind, or
   * other buckets than the histogram was created with.
   */
  define(
    kind: MetricKind,
    instrumentName: string,
    help: unknown,
    buckets: readonly number[] | undefined,
    more: { unit?: string; name?: string; integer?: boolean } = {},
  ): MetricEntry {
    if (typeof help !== "string" || help.trim() === "") throw invalidOption("help", help, "a non-empty help string");
    const existing = this.#entries.get(instrumentName);
    if (existing) {
      if (existing.kind !== kind) throw invalidOption("name", instrumentName, `a name not already registered as a ${existing.kind}`);
      if (buckets !== undefined && !sameNumbers(existing.buckets, buckets)) {
        throw invalidOption("buckets", buckets, `the buckets histogram "${instrumentName}" was created with`);
      }
      return existing;
    }
    const bounds = kind === "histogram" ? (buckets ?? L0_LATENCY_BUCKETS) : undefined;
    const name = more.name ?? instrumentName;
    const instrument = createInstrument(this.meter, instrumentName, kind, help, more.unit ?? "", bounds, more.integer === true);
    const limiter = new SeriesLimiter(name, seriesPerLabelSet(kind, bounds), this.budget, this.overflow.seriesAttributes, (m, n) =>
      this.#overflowed(m, n),
    );
    const entry: MetricEntry = { kind, name, instrument, buckets: bounds, limiter, started: false };
    this.#entries.set(instrumentName, entry);
    return entry;
  }

  /**
   * Records `value` under `attributes`, or under the overflow series when they do not fit. `key`:
   * the label set's key when the caller knows it (see {@link SeriesLimiter.admit}).
   */
  write(entry: MetricEntry, value: number, attributes: Attributes, key?: string): void {
    this.#writeAdmitted(entry, value, entry.limiter.admit(attributes, key));
  }

  /**
   * Records the first `count` of `values` under one label set, admitted once (see
   * {@link MetricStore.write}): a batch of measurements made apart, such as a call's chunk gaps.
   */
  writeEach(entry: MetricEntry, values: ArrayLike<number>, count: number, attributes: Attributes, key?: string): void {
    if (count <= 0) return;
    const admitted = entry.limiter.admit(attributes, key, count);
    for (let i = 0; i < count; i++) this.#writeAdmitted(entry, values[i] as number, admitted);
  }

  /** Creates a counter series at 0 if it fits the series limit (never in the overflow series). */
  zero(entry: MetricEntry, attributes: Attributes, key?: string): void {
    if (entry.kind !== "counter") return;
    const admitted = entry.limiter.admitZero(attributes, key);
    if (admitted !== undefined) this.#writeAdmitted(entry, 0, admitted);
  }

  #writeAdmitted(entry: MetricEntry, value: number, attributes: Attributes): void {
    if (!entry.started) {
      entry.started = true;
      this.#overflowCounter.add(0, this.#counterAttributes(entry.name));
    }
    if (entry.kind === "counter") (entry.instrument as Counter).add(value, attributes);
    else (entry.instrument as Gauge | Histogram).record(value, attributes);
  }

  /** `measurements` of `metric` went to its overflow series: counted, and warned once per metric. */
  #overflowed(metric: string, measurements: number): void {
    this.#overflowCounter.add(measurements, this.#counterAttributes(metric));
    if (this.#warned.has(metric)) return;
    this.#warned.add(metric);
    diag.warn(
      `l0: metric "${metric}" reached its cardinality limit of ${this.budget.limit} exported series; further label sets are ` +
        `recorded in its ${OVERFLOW_ATTRIBUTE}="true" series and counted by the metric_overflow counter. ` +
        `Keep high-cardinality values (ids, free text) out of model names and labels, or raise cardinalityLimit.`,
    );
  }

  #counterAttributes(metric: string): Attributes {
    return { ...this.overflow.counterAttributes, [METRIC_ATTR_METRIC]: metric };
  }
}

/** Creates the OTel instrument of a metric kind (histograms get `buckets` as advice). */
function createInstrument(
  meter: Meter,
  name: string,
  kind: MetricKind,
  description: string,
  unit: string,
  buckets: readonly number[] | undefined,
  integer = false,
): L0Instrument {
  const options = { description, ...(unit !== "" && { unit }), ...(integer && { valueType: ValueType.INT }) };
  if (kind === "counter") return meter.createCounter(name, options);
  if (kind === "gauge") return meter.createGauge(name, options);
  return meter.createHistogram(name, { ...options, advice: { explicitBucketBoundaries: [...(buckets ?? [])] } });
}

/** True when both lists hold the same numbers in the same order. */
export function sameNumbers(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
