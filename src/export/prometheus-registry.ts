/**
 * `createPrometheusRegistry`: l0's metrics and custom metrics on OpenTelemetry instruments in a
 * private `MeterProvider`, rendered by the OTel `PrometheusSerializer`.
 */
import { diag } from "@opentelemetry/api";
import type { Attributes, Counter, Gauge, Histogram, Meter } from "@opentelemetry/api";
import type { PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import type { MeterProvider } from "@opentelemetry/sdk-metrics";
import type { ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { invalidOption } from "../errors/l0-error.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { L0_PROMETHEUS_METRICS, recordL0Telemetry } from "./l0-prometheus-metrics.js";
import type { PrometheusMetricKind } from "./l0-prometheus-metrics.js";
import { LabelBuilder } from "./prometheus-labels.js";
import type { PrometheusLabels } from "./prometheus-labels.js";
import { LabelSetLimiter } from "./label-set-limiter.js";
import {
  DEFAULT_MAX_LABEL_SETS,
  PROMETHEUS_CONTENT_TYPE,
  PROMETHEUS_DURATION_BUCKETS,
  positiveInteger,
  prefixedName,
  validateLabelOption,
  validatePrefix,
} from "./prometheus-names.js";
import { SnapshotMetricReader } from "./snapshot-metric-reader.js";
import { exporterPrometheus, sdkMetrics } from "../telemetry/otel-sdk.js";
import { DEFAULT_DEDUPE_WINDOW, TelemetryDedupe } from "./telemetry-dedupe.js";
import { validateBuckets } from "./validate-buckets.js";

/** Options of {@link createPrometheusRegistry} and {@link createPrometheusCollector}. */
export interface PrometheusRegistryOptions {
  /** Prepended with `_` to every metric name (custom ones too); `""` for none. @default "l0" */
  prefix?: string;
  /** Labels added to every series. Caller labels with the same name override them. */
  defaultLabels?: Record<string, string | number | boolean>;
  /**
   * Distinct label sets per metric before new ones are counted in one overflow series
   * (`otel_metric_overflow="true"`, default labels kept; `diag` warns once per metric). Note that
   * `*_guardrail_violations_by_severity_total` uses three label sets per caller label set.
   * @default 2000
   */
  maxLabelSets?: number;
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

interface MetricEntry {
  readonly kind: PrometheusMetricKind;
  readonly name: string;
  readonly instrument: Counter | Gauge | Histogram;
  readonly buckets: readonly number[] | undefined;
  readonly limiter: LabelSetLimiter;
}

const NO_METRICS = "# no registered metrics";
const RESERVED_SUFFIX = /_(total|count|sum|bucket)$/;

/**
 * A Prometheus registry on OTel instruments. Counters, gauges (`Gauge`, last value) and histograms
 * (explicit buckets) are created once per name; the SDK aggregates and the OTel
 * `PrometheusSerializer` renders the text format (no target_info, no scope labels).
 *
 * Defining calls (`incCounter`/`setGauge`/`observeHistogram` with a bad name, help, bucket list or
 * label name, or a name already used by another type) throw `L0Error` `INVALID_OPTIONS`.
 * `recordTelemetry` never throws: bad input is dropped and reported through OTel `diag`.
 */
export class PrometheusRegistry implements PrometheusSource {
  /** Metric name prefix. */
  readonly prefix: string;
  /** Labels on every series. */
  readonly defaultLabels: Readonly<Record<string, string>>;
  /** Content type of {@link PrometheusRegistry.expose}'s output. */
  readonly contentType = PROMETHEUS_CONTENT_TYPE;
  private readonly reader: SnapshotMetricReader;
  private readonly provider: MeterProvider;
  private readonly meter: Meter;
  private readonly serializer: PrometheusSerializer = new (exporterPrometheus().PrometheusSerializer)(undefined, false, undefined, true, true);
  private readonly entries = new Map<string, MetricEntry>();
  private readonly builtin = new Map<string, MetricEntry>();
  private readonly labels: LabelBuilder;
  private readonly dedupe: TelemetryDedupe;
  private readonly maxLabelSets: number;
  private lastText = "";
  private closed = false;
  private shuttingDown: Promise<void> | undefined;

  /** @param options see {@link PrometheusRegistryOptions}; invalid options throw `INVALID_OPTIONS` */
  constructor(options: PrometheusRegistryOptions = {}) {
    if (typeof options !== "object" || options === null) throw invalidOption("options", options, "an options object");
    this.prefix = validatePrefix(options.prefix ?? "l0", "prefix");
    this.defaultLabels = Object.freeze(validateLabelOption(options.defaultLabels, "defaultLabels"));
    this.maxLabelSets = positiveInteger(options.maxLabelSets, "maxLabelSets", DEFAULT_MAX_LABEL_SETS);
    this.dedupe = new TelemetryDedupe(positiveInteger(options.dedupeWindow, "dedupeWindow", DEFAULT_DEDUPE_WINDOW));
    this.labels = new LabelBuilder(this.defaultLabels);
    // The SDK's own per-interval limit must stay above ours (+1 overflow series, +1 its own slot).
    this.reader = new SnapshotMetricReader({ cardinalitySelector: () => this.maxLabelSets + 2 });
    this.provider = new (sdkMetrics().MeterProvider)({ readers: [this.reader] });
    this.meter = this.provider.getMeter("l0");
    for (const m of L0_PROMETHEUS_METRICS) {
      const buckets = m.kind === "histogram" ? PROMETHEUS_DURATION_BUCKETS : undefined;
      this.builtin.set(m.suffix, this.define(m.kind, prefixedName(this.prefix, m.suffix, "prefix"), m.help, buckets));
    }
  }

  /**
   * Records one `l0()` call's telemetry on the metrics of MONITORING.md's table. A telemetry that
   * was recorded before (same object or same `sessionId`) is ignored; `undefined` (monitoring off
   * or not sampled) is ignored. Record after the stream has ended, when telemetry is complete.
   * The metric's own label (`error_type`, `severity`, `rule`) wins over a caller label of that name;
   * invalid label names and non-primitive values are dropped (reported once through `diag`).
   */
  recordTelemetry(telemetry: L0Telemetry | undefined, labels?: PrometheusLabels): void {
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
      const base = this.labels.build(labels, false);
      recordL0Telemetry(telemetry, {
        write: (suffix, value, extra) => {
          const entry = this.builtin.get(suffix);
          if (entry) this.write(entry, value, extra ? { ...base, [extra[0]]: extra[1] } : base);
        },
      });
    } catch (error) {
      diag.error("l0: failed to record telemetry to Prometheus", error);
    }
  }

  /** Adds `value` (default 1) to counter `{prefix}_{name}` (`_total` appended when missing). */
  incCounter(name: string, help: string, value = 1, labels?: PrometheusLabels): void {
    let full = prefixedName(this.prefix, name, "name");
    if (!full.endsWith("_total")) full += "_total";
    const entry = this.define("counter", full, help, undefined);
    if (!isFiniteNumber(value) || value < 0) return dropValue(full, value, "a finite number >= 0");
    this.write(entry, value, this.labels.build(labels, true));
  }

  /** Sets gauge `{prefix}_{name}` to `value`. */
  setGauge(name: string, help: string, value: number, labels?: PrometheusLabels): void {
    const full = this.plainName(name);
    const entry = this.define("gauge", full, help, undefined);
    if (!isFiniteNumber(value)) return dropValue(full, value, "a finite number");
    this.write(entry, value, this.labels.build(labels, true));
  }

  /**
   * Observes `value` in histogram `{prefix}_{name}`. `buckets` (strictly increasing, finite)
   * default to {@link PROMETHEUS_DURATION_BUCKETS} and are fixed by the first call for a name.
   */
  observeHistogram(name: string, help: string, value: number, labels?: PrometheusLabels, buckets?: readonly number[]): void {
    const full = this.plainName(name);
    const entry = this.define("histogram", full, help, buckets === undefined ? undefined : validateBuckets(buckets, "buckets"));
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

  private render(snapshot: ResourceMetrics): string {
    const text = this.serializer.serialize(snapshot);
    this.lastText = text === NO_METRICS ? "" : text;
    return this.lastText;
  }

  private plainName(name: string): string {
    const full = prefixedName(this.prefix, name, "name");
    if (RESERVED_SUFFIX.test(full)) throw invalidOption("name", name, "a gauge/histogram name not ending in _total, _count, _sum or _bucket");
    return full;
  }

  private define(kind: PrometheusMetricKind, name: string, help: unknown, buckets: readonly number[] | undefined): MetricEntry {
    if (typeof help !== "string" || help.trim() === "") throw invalidOption("help", help, "a non-empty help string");
    const existing = this.entries.get(name);
    if (existing) {
      if (existing.kind !== kind) throw invalidOption("name", name, `a name not already registered as a ${existing.kind}`);
      if (buckets !== undefined && !sameBuckets(existing.buckets, buckets)) {
        throw invalidOption("buckets", buckets, `the buckets histogram "${name}" was created with`);
      }
      return existing;
    }
    const options = { description: help };
    const bounds = kind === "histogram" ? (buckets ?? PROMETHEUS_DURATION_BUCKETS) : undefined;
    const instrument =
      kind === "counter"
        ? this.meter.createCounter(name, options)
        : kind === "gauge"
          ? this.meter.createGauge(name, options)
          : this.meter.createHistogram(name, { ...options, advice: { explicitBucketBoundaries: [...(bounds ?? [])] } });
    const entry: MetricEntry = { kind, name, instrument, buckets: bounds, limiter: new LabelSetLimiter(name, this.maxLabelSets, this.defaultLabels) };
    this.entries.set(name, entry);
    return entry;
  }

  private write(entry: MetricEntry, value: number, labels: Attributes): void {
    if (this.closed) return;
    const attributes = entry.limiter.admit(labels);
    if (entry.kind === "counter") (entry.instrument as Counter).add(value, attributes);
    else (entry.instrument as Gauge | Histogram).record(value, attributes);
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

function sameBuckets(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
