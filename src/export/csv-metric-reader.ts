/**
 * `CsvMetricReader`: each collection as CSV rows, one per data point.
 */
import { csvRecord } from "./csv-field.js";
import { attributesJson } from "./metric-records.js";
import type { MetricsDocument } from "./metric-records.js";
import { TextMetricReader } from "./text-metric-reader.js";
import type { TextMetricReaderOptions } from "./text-metric-reader.js";

/** Options of {@link CsvMetricReader}. */
export type CsvMetricReaderOptions = TextMetricReaderOptions;

/**
 * Columns of {@link CsvMetricReader}, in order. `attributes` is a JSON object with sorted keys;
 * `bucket_boundaries` / `bucket_counts` are `;`-separated (explicit-bucket histograms; counts are
 * per bucket, the last one is `+Inf`); cells that do not apply to a type are empty.
 */
export const METRIC_CSV_COLUMNS = Object.freeze([
  "timestamp",
  "scope",
  "metric",
  "type",
  "unit",
  "attributes",
  "value",
  "count",
  "sum",
  "min",
  "max",
  "bucket_boundaries",
  "bucket_counts",
] as const);

/**
 * A `MetricReader` that renders each collection as CSV (RFC 4180 quoting, `\n` line ends): one
 * row per data point, in the stable order of the JSON reader. The header is written once per stream,
 * and to a file only when it is new or empty; `collectToCSV()` and `toString()` include it.
 */
export class CsvMetricReader extends TextMetricReader {
  /** @param options see {@link TextMetricReaderOptions}; invalid options throw `INVALID_OPTIONS` */
  constructor(options?: CsvMetricReaderOptions) {
    super(options);
  }

  /** Collects now; resolves header + rows (rows also written to the destination), or `undefined` on failure. */
  collectToCSV(): Promise<string | undefined> {
    return this.collectText();
  }

  /** The header line. */
  protected override header(): string {
    return METRIC_CSV_COLUMNS.join(",");
  }

  /** One row per data point. */
  protected override body(doc: MetricsDocument): string {
    const rows: string[] = [];
    for (const metric of doc.metrics) {
      for (const p of metric.dataPoints) {
        rows.push(
          csvRecord([
            doc.timestamp,
            metric.scope,
            metric.name,
            metric.type,
            metric.unit,
            attributesJson(p.attributes),
            p.value,
            p.count,
            p.sum,
            p.min,
            p.max,
            p.buckets?.boundaries.join(";"),
            p.buckets?.counts.join(";"),
          ]),
        );
      }
    }
    return rows.join("\n");
  }
}
