/**
 * `createPrometheusRegistry` / `createPrometheusCollector`: l0's metrics (built from the metric
 * table) and custom metrics on OpenTelemetry instruments in a private `MeterProvider`, rendered by
 * the OTel `PrometheusSerializer`.
 */
import { diag } from "@opentelemetry/api";
import type { Attributes } from "@opentelemetry/api";
import type { PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import type { MeterProvider } from "@opentelemetry/sdk-metrics";
import type { ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { invalidOption } from "../errors/l0-error.js";
import { zeroSeries, type MeasurementSink } from "../telemetry/call-measurements.js";
import { L0_METRIC_TABLE, L0_METRICS, prometheusLabelName, type MetricDefinition } from "../telemetry/metric-names.js";
import { DEFAULT_CARDINALITY_LIMIT, labelSetKey, OVERFLOW_LABEL } from "../telemetry/series-limiter.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { recordL0Telemetry } from "./l0-prometheus-metrics.js";
import { MetricStore, type MetricEntry } from "../telemetry/metric-store.js";
import { LabelBuilder } from "./prometheus-labels.js";
import type { PrometheusLabels } from "./prometheus-labels.js";
import { PROMETHEUS_CONTENT_TYPE, positiveInteger, prefixedName, validateLabelOption, validatePrefix } from "./prometheus-names.js";
import { SnapshotMetricReader } from "./snapshot-metric-reader.js";
import { exporterPrometheus, sdkMetrics } from "../telemetry/otel-sdk.js";
import { DEFAULT_DEDUPE_WINDOW, TelemetryDedupe } from "./telemetry-dedupe.js";
import { validateBuckets } from "../telemetry/validate-buckets.js";

/** Options of {@link createPrometheusRegistry} and {@link createPrometheusCollector}. */
export interface PrometheusRegistryOptions {
  /** Prepended with `_` to every metric name (custom ones too); `""` for none. @default "l0" */
  prefix?: string;
  /** Labels added to every series. Caller labels with the same name override them. */
  defaultLabels?: Record<string, string | number | boolean>;
  /**
   * Exported series per metric name, histogram buckets included (a histogram label set costs its
   * buckets + 3). Past it, new label sets are recorded in one overflow series
   * (`otel_metric_overflow="true"`, default labels kept), counted in
   * `{prefix}_metric_overflow_total{metric}`, and `diag` warns once per metric.
   * @default 160 ({@link DEFAULT_CARDINALITY_LIMIT})
   */
  cardinalityLimit?: number;
  /** Recent session ids remembered to ignore repeated `record()` of one call. @default 10000 */
  dedupeWindow?: number;
}

/** Thrown-error-free renderer contract used by {@link prometheusMiddleware}. */
export interface PrometheusSource {
  /** Current exposition, synchronously. */
  expose(): string;
  /** Current exposition after a full async collection. */
  metrics?(): Promise<string>;
}

const NO_METRICS = "# no registered metrics";
const RESERVED_SUFFIX = /_(total|count|sum|bucket)$/;

/**
 * A Prometheus registry on OTel instruments: l0's metrics of MONITORING.md's table (written by
 * {@link PrometheusRegistry.record}) and custom counters, gauges (last value) and histograms
 * (explicit buckets). The SDK aggregates and the OTel `PrometheusSerializer` renders the text
 * format (no target_info, no scope labels). `createPrometheusCollector()` returns one of these.
 *
 * Defining calls (`incCounter`/`setGauge`/`observeHistogram` with a bad name, help, bucket list or
 * label name, or a name already used by another type) throw `L0Error` `INVALID_OPTIONS`.
 * `record` never throws: bad input is dropped and reported through OTel `diag`.
 */
export class PrometheusRegistry implements PrometheusSource {
  /** Metric name prefix. */
  readonly prefix: string;
  /** Labels on every series. */
  readonly defaultLabels: Readonly<Record<string, string>>;
  /** Content type of {@link PrometheusRegistry.expose}'s output. */
  readonly contentType = PROMETHEUS_CONTENT_TYPE;
  /** Exported series per metric name. */
  readonly cardinalityLimit: number;
  private readonly reader: SnapshotMetricReader;
  private readonly provider: MeterProvider;
  private readonly serializer: PrometheusSerializer = new (exporterPrometheus().PrometheusSerializer)(
    undefined,
    false,
    undefined,
    true,
    true,
  );
  private readonly store: MetricStore;
  private readonly builtin = new Map<MetricDefinition, MetricEntry>();
  private readonly labels: LabelBuilder;
  private readonly dedupe: TelemetryDedupe;
  /** Caller label sets whose zero series were created (bounded by the limit). */
  private readonly zeroed = new Set<string>();
  private lastText = "";
  private closed = false;
  private shuttingDown: Promise<void> | undefined;

  /** @param options see {@link PrometheusRegistryOptions}; invalid options throw `INVALID_OPTIONS` */
  constructor(options: PrometheusRegistryOptions = {}) {
    if (typeof options !== "object" || options === null) throw invalidOption("options", options, "an options object");
    this.prefix = validatePrefix(options.prefix ?? "l0", "prefix");
    this.defaultLabels = Object.freeze(validateLabelOption(options.defaultLabels, "defaultLabels"));
    this.cardinalityLimit = positiveInteger(options.cardinalityLimit, "cardinalityLimit", DEFAULT_CARDINALITY_LIMIT);
    this.dedupe = new TelemetryDedupe(positiveInteger(options.dedupeWindow, "dedupeWindow", DEFAULT_DEDUPE_WINDOW));
    this.labels = new LabelBuilder(this.defaultLabels);
    // l0's limiter admits at most `cardinalityLimit` label sets per metric (overflow included);
    // the SDK's own per-interval limit sits above it so it never folds first.
    this.reader = new SnapshotMetricReader({ cardinalitySelector: () => this.cardinalityLimit + 2 });
    this.provider = new (sdkMetrics().MeterProvider)({ readers: [this.reader] });
    const overflowRow = L0_METRIC_TABLE.metricOverflow;
    this.store = new MetricStore(this.provider.getMeter("l0"), this.cardinalityLimit, {
      counterName: this.rowName(overflowRow),
      counterAttributes: this.defaultLabels,
      seriesAttributes: { ...this.defaultLabels, [OVERFLOW_LABEL]: "true" },
    });
    for (const row of L0_METRICS) {
      if (row.collector && row !== overflowRow)
        this.builtin.set(row, this.store.define(row.kind, this.rowName(row), row.help, row.buckets));
    }
  }

  /**
   * Records one `l0()` call's telemetry on the metrics of MONITORING.md's table, with optional
   * per-request labels (e.g. `model`, `endpoint`). A telemetry that was recorded before (same
   * object or same `sessionId`) is ignored; `undefined` (monitoring off or not sampled) is ignored.
   * Record after the stream has ended, when telemetry is complete. The metric's own label
   * (`error_type`, `l0_retry_kind`, `severity`, `rule`, `drift_type`) wins over a caller label of
   * that name; invalid label names and non-primitive values are dropped (reported once through
   * `diag`). The first call of a label set creates its known labelled series at 0.
   */
  record(telemetry: L0Telemetry | undefined, labels?: PrometheusLabels): void {
    try {
      if (this.closed || telemetry === undefined || telemetry === null) return;
      if (typeof telemetry !== "object" || typeof telemetry.metrics !== "object" || telemetry.metrics === null) {
        diag.warn("l0: recordTelemetry ignored a value that is not an L0Telemetry");
        return;
      }
      if (!this.dedupe.firstSeen(telemetry)) {
        diag.debug(`l0: telemetry ${telemetry.sessionId} was already recorded; ignored`);
        return;
      }
      const sink = this.sinkFor(this.labels.build(labels, false));
      recordL0Telemetry(telemetry, sink);
    } catch (error) {
      diag.error("l0: failed to record telemetry to Prometheus", error);
    }
  }

  /** Same as {@link PrometheusRegistry.record} (the registry's name for it in MONITORING.md). */
  recordTelemetry(telemetry: L0Telemetry | undefined, labels?: PrometheusLabels): void {
    this.record(telemetry, labels);
  }

  /** Adds `value` (default 1) to counter `{prefix}_{name}` (`_total` appended when missing). */
  incCounter(name: string, help: string, value = 1, labels?: PrometheusLabels): void {
    let full = prefixedName(this.prefix, name, "name");
    if (!full.endsWith("_total")) full += "_total";
    const entry = this.store.define("counter", full, help, undefined);
    if (!isFiniteNumber(value) || value < 0) return dropValue(full, value, "a finite number >= 0");
    this.write(entry, value, this.labels.build(labels, true));
  }

  /** Sets gauge `{prefix}_{name}` to `value`. */
  setGauge(name: string, help: string, value: number, labels?: PrometheusLabels): void {
    const full = this.plainName(name);
    const entry = this.store.define("gauge", full, help, undefined);
    if (!isFiniteNumber(value)) return dropValue(full, value, "a finite number");
    this.write(entry, value, this.labels.build(labels, true));
  }

  /**
   * Observes `value` in histogram `{prefix}_{name}`. `buckets` (strictly increasing, finite)
   * default to `PROMETHEUS_DURATION_BUCKETS` (l0's latency buckets) and are fixed by the first call for a name.
   */
  observeHistogram(name: string, help: string, value: number, labels?: PrometheusLabels, buckets?: readonly number[]): void {
    const full = this.plainName(name);
    const entry = this.store.define("histogram", full, help, buckets === undefined ? undefined : validateBuckets(buckets, "buckets"));
    if (!isFiniteNumber(value) || value < 0) return dropValue(full, value, "a finite number >= 0");
    this.write(entry, value, this.labels.build(labels, true));
  }

  /**
   * The Prometheus text exposition of everything recorded so far, synchronously and up to date
   * (see {@link SnapshotMetricReader}). Empty string when nothing was recorded.
   */
  expose(): string {
    if (this.closed) return this.lastText;
    const snapshot = this.reader.collectSync();
    if (snapshot) return this.render(snapshot);
    void this.metrics().catch((error: unknown) => diag.error("l0: Prometheus collection failed", error));
    return this.lastText;
  }

  /** Like {@link PrometheusRegistry.expose}, through the SDK's async `MetricReader.collect()`. */
  async metrics(): Promise<string> {
    if (this.closed) return this.lastText;
    const { resourceMetrics, errors } = await this.reader.collect();
    for (const error of errors) diag.error("l0: Prometheus collection error", error);
    return this.render(resourceMetrics);
  }

  /**
   * Shuts the private meter provider down; later calls record nothing and `expose()` keeps
   * returning the final exposition. Idempotent.
   */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      try {
        await this.metrics();
      } catch (error) {
        diag.error("l0: final Prometheus collection failed", error);
      }
      this.closed = true;
      await this.provider.shutdown();
    })();
    return this.shuttingDown;
  }

  /** Writes measurements of l0's table under `base` labels (the metric's own labels win). */
  private sinkFor(base: Attributes): MeasurementSink {
    const labelsOf = (extra: Attributes | undefined): Attributes => {
      if (extra === undefined) return base;
      const out: Attributes = { ...base };
      for (const key of Object.keys(extra)) out[prometheusLabelName(key)] = extra[key];
      return out;
    };
    const sink: MeasurementSink = {
      record: (metric, value, extra) => {
        const entry = this.builtin.get(metric);
        if (entry !== undefined) this.write(entry, value, labelsOf(extra));
      },
      zero: (metric, extra) => {
        const entry = this.builtin.get(metric);
        if (entry !== undefined && !this.closed) this.store.zero(entry, labelsOf(extra));
      },
    };
    const key = labelSetKey(base);
    if (!this.zeroed.has(key) && this.zeroed.size < this.cardinalityLimit) {
      this.zeroed.add(key);
      zeroSeries(sink);
    }
    return sink;
  }

  private render(snapshot: ResourceMetrics): string {
    const text = this.serializer.serialize(snapshot);
    this.lastText = text === NO_METRICS ? "" : text;
    return this.lastText;
  }

  private rowName(row: MetricDefinition): string {
    return prefixedName(this.prefix, row.promName.slice("l0_".length), "prefix");
  }

  private plainName(name: string): string {
    const full = prefixedName(this.prefix, name, "name");
    if (RESERVED_SUFFIX.test(full))
      throw invalidOption("name", name, "a gauge/histogram name not ending in _total, _count, _sum or _bucket");
    return full;
  }

  private write(entry: MetricEntry, value: number, labels: Attributes): void {
    if (!this.closed) this.store.write(entry, value, labels);
  }
}

/** Creates a {@link PrometheusRegistry}. */
export function createPrometheusRegistry(options?: PrometheusRegistryOptions): PrometheusRegistry {
  return new PrometheusRegistry(options);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function dropValue(metric: string, value: unknown, expected: string): void {
  diag.warn(`l0: dropped value ${String(value)} for metric "${metric}": expected ${expected}`);
}
