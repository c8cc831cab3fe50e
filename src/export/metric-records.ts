/**
 * Turns an SDK `ResourceMetrics` snapshot into a plain, stably ordered document for the JSON and
 * CSV metric readers.
 */
import type { DataPoint, DataPointType, ExponentialHistogram, Histogram, MetricData, ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { otelCore, sdkMetrics } from "../telemetry/otel-sdk.js";

/** Metric type names used in the JSON and CSV output. */
export type MetricRecordType = "counter" | "updowncounter" | "gauge" | "histogram" | "exponential_histogram";

/** One data point. Keys absent for a type are left out; times are ISO 8601. */
export interface MetricPointRecord {
  /** Attributes with keys sorted. */
  attributes: Record<string, unknown>;
  startTime: string;
  endTime: string;
  /** Counter, up-down counter and gauge value. */
  value?: number;
  count?: number;
  sum?: number | null;
  min?: number | null;
  max?: number | null;
  /** Explicit-bucket histograms: finite upper bounds and per-bucket (not cumulative) counts; counts has one more entry (+Inf). */
  buckets?: { boundaries: number[]; counts: number[] };
  /** Exponential histograms. */
  scale?: number;
  zeroCount?: number;
  positive?: { offset: number; bucketCounts: number[] };
  negative?: { offset: number; bucketCounts: number[] };
}

/** One metric stream. */
export interface MetricRecord {
  scope: string;
  name: string;
  type: MetricRecordType;
  unit: string;
  description: string;
  temporality: "cumulative" | "delta";
  dataPoints: MetricPointRecord[];
}

/** One collection: metrics sorted by name then scope, data points by attributes. */
export interface MetricsDocument {
  /** Collection time, ISO 8601. */
  timestamp: string;
  /** Resource attributes, keys sorted. */
  resource: Record<string, unknown>;
  metrics: MetricRecord[];
}

/** Builds the {@link MetricsDocument} of one collection made at `collectedAt` (epoch ms). */
export function toMetricsDocument(snapshot: ResourceMetrics, collectedAt: number): MetricsDocument {
  const metrics: MetricRecord[] = [];
  for (const scopeMetrics of snapshot.scopeMetrics) {
    for (const metric of scopeMetrics.metrics) metrics.push(toRecord(scopeMetrics.scope.name, metric));
  }
  metrics.sort((a, b) => compare(a.name, b.name) || compare(a.scope, b.scope));
  return { timestamp: new Date(collectedAt).toISOString(), resource: sortKeys(snapshot.resource.attributes), metrics };
}

/** Attributes as a compact JSON object with sorted keys (the CSV `attributes` column). */
export function attributesJson(attributes: Record<string, unknown>): string {
  return JSON.stringify(sortKeys(attributes));
}

function toRecord(scope: string, metric: MetricData): MetricRecord {
  const { AggregationTemporality } = sdkMetrics();
  const points: MetricPointRecord[] = [];
  for (const point of metric.dataPoints as Array<DataPoint<unknown>>) points.push(toPoint(metric.dataPointType, point));
  points.sort((a, b) => compare(JSON.stringify(a.attributes), JSON.stringify(b.attributes)));
  return {
    scope,
    name: metric.descriptor.name,
    type: typeOf(metric),
    unit: metric.descriptor.unit,
    description: metric.descriptor.description,
    temporality: metric.aggregationTemporality === AggregationTemporality.DELTA ? "delta" : "cumulative",
    dataPoints: points,
  };
}

function toPoint(type: DataPointType, point: DataPoint<unknown>): MetricPointRecord {
  const { DataPointType } = sdkMetrics();
  const base: MetricPointRecord = {
    attributes: sortKeys(point.attributes),
    startTime: iso(point.startTime),
    endTime: iso(point.endTime),
  };
  if (type === DataPointType.HISTOGRAM) {
    const h = point.value as Histogram;
    return { ...base, ...histogramStats(h), buckets: { boundaries: [...h.buckets.boundaries], counts: [...h.buckets.counts] } };
  }
  if (type === DataPointType.EXPONENTIAL_HISTOGRAM) {
    const h = point.value as ExponentialHistogram;
    return {
      ...base,
      ...histogramStats(h),
      scale: h.scale,
      zeroCount: h.zeroCount,
      positive: { offset: h.positive.offset, bucketCounts: [...h.positive.bucketCounts] },
      negative: { offset: h.negative.offset, bucketCounts: [...h.negative.bucketCounts] },
    };
  }
  return { ...base, value: point.value as number };
}

/** What both histogram kinds record alike: count, and sum, min and max (`null` when not kept). */
function histogramStats(h: Histogram | ExponentialHistogram): Pick<MetricPointRecord, "count" | "sum" | "min" | "max"> {
  return { count: h.count, sum: h.sum ?? null, min: h.min ?? null, max: h.max ?? null };
}

function typeOf(metric: MetricData): MetricRecordType {
  const { DataPointType } = sdkMetrics();
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? "counter" : "updowncounter";
    case DataPointType.GAUGE:
      return "gauge";
    case DataPointType.HISTOGRAM:
      return "histogram";
    default:
      return "exponential_histogram";
  }
}

function iso(time: [number, number]): string {
  return new Date(otelCore().hrTimeToMilliseconds(time)).toISOString();
}

function sortKeys(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(attributes).sort()) out[key] = attributes[key];
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
