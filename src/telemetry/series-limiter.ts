/**
 * l0's one cardinality limit: the number of EXPORTED SERIES per metric name, histogram buckets
 * included (a histogram label set costs its buckets + `+Inf` + `_sum` + `_count`).
 *
 * Why not only the OTel SDK's `aggregationCardinalityLimit`: in sdk-metrics 2.x it caps the
 * attribute sets of ONE collection interval (`DeltaMetricProcessor` folds new sets into
 * `otel.metric.overflow` when its per-interval storage is full), while cumulative temporality merges
 * every interval into storage that keeps every set ever seen. With a scrape between calls, 2,000
 * model names make 2,000 series per metric and a histogram 2,000 × its buckets. So l0 admits series
 * itself, for the life of the meter provider, and folds the rest into the same overflow attributes
 * the SDK uses; the SDK's limit on providers l0 builds is set from the same number and never binds
 * first.
 */
import type { Attributes } from "@opentelemetry/api";
import type { MetricKind } from "./metric-names.js";

/** Attribute of the overflow series (OTel's name; Prometheus label `otel_metric_overflow`). */
export const OVERFLOW_ATTRIBUTE = "otel.metric.overflow" as const;

/** Prometheus label of the overflow series. */
export const OVERFLOW_LABEL = "otel_metric_overflow" as const;

/**
 * Default series per metric name. With every l0 metric at this limit (e.g. 2,000 distinct model
 * names) a full scrape of l0's 26 metric families stays under 1 MB (0.91 MB, 3,472 series).
 */
export const DEFAULT_CARDINALITY_LIMIT = 160;

/** Exported series of one label set of a metric: 1, or for a histogram its buckets + `+Inf` + `_sum` + `_count`. */
export function seriesPerLabelSet(kind: MetricKind, buckets: readonly number[] | undefined): number {
  return kind === "histogram" ? (buckets?.length ?? 0) + 3 : 1;
}

/** The limit shared by the limiters of one meter provider or registry (changeable at registration). */
export class SeriesBudget {
  /** @param limit exported series per metric name */
  constructor(public limit: number) {}

  /** Changes the limit (label sets admitted before keep their series). */
  setLimit(limit: number): void {
    this.limit = limit;
  }
}

/**
 * Order-independent identity of an attribute set (what the SDK treats as one series). Not cached:
 * most attribute objects are made for one measurement, and callers that record many measurements
 * under one set (a call's metrics) compute its key once and pass it along.
 */
export function labelSetKey(attributes: Attributes): string {
  let key = "";
  for (const k of Object.keys(attributes).sort()) key += `${k}\u0000${String(attributes[k])}\u0001`;
  return key;
}

/**
 * Admits label sets of one metric while its exported series (including one overflow series) stay
 * within the budget. Label sets admitted before keep their series; later new ones are recorded
 * under the overflow attributes, and `onOverflow` is told of each such measurement. Zero
 * measurements (series created at 0 ahead of their first event) are skipped instead of folded.
 */
export class SeriesLimiter {
  readonly #admitted = new Set<string>();
  #used = 0;
  #overflowed = false;

  /**
   * @param metric exposition name of the metric (for reports)
   * @param cost exported series per label set ({@link seriesPerLabelSet})
   * @param budget the shared limit
   * @param overflow the attributes of the overflow series
   * @param onOverflow told of the measurements folded into the overflow series (how many at once)
   */
  constructor(
    readonly metric: string,
    readonly cost: number,
    private readonly budget: SeriesBudget,
    private readonly overflow: Attributes,
    private readonly onOverflow: (metric: string, measurements: number) => void,
  ) {}

  /**
   * The attributes to record under: `attributes` when admitted, else the overflow attributes.
   * `key` identifies the label set (default {@link labelSetKey}); a caller that knows it passes it.
   * `measurements`: how many values will be recorded under the answer (each folded one is counted).
   */
  admit(attributes: Attributes, key = labelSetKey(attributes), measurements = 1): Attributes {
    return this.#tryAdmit(key) ? attributes : this.#fold(measurements);
  }

  /** `attributes` when admitted, else undefined (a zero that does not fit is not recorded). */
  admitZero(attributes: Attributes, key = labelSetKey(attributes)): Attributes | undefined {
    return this.#tryAdmit(key) ? attributes : undefined;
  }

  /** Series exported for this metric so far, at most the budget (overflow series included once used). */
  get series(): number {
    return this.#used + (this.#overflowed ? this.cost : 0);
  }

  #tryAdmit(key: string): boolean {
    if (this.#admitted.has(key)) return true;
    // Room for this label set and, later, the one overflow series.
    if (this.#used + 2 * this.cost > this.budget.limit) return false;
    this.#admitted.add(key);
    this.#used += this.cost;
    return true;
  }

  #fold(measurements: number): Attributes {
    this.#overflowed = true;
    this.onOverflow(this.metric, measurements);
    return this.overflow;
  }
}
