/**
 * `JsonMetricReader`: each collection as one JSON document (JSONL when written to a stream or file).
 */
import type { MetricsDocument } from "./metric-records.js";
import { TextMetricReader } from "./text-metric-reader.js";
import type { TextMetricReaderOptions } from "./text-metric-reader.js";

/** Options of {@link JsonMetricReader}. */
export type JsonMetricReaderOptions = TextMetricReaderOptions;

/**
 * A `MetricReader` that renders each collection as one single-line JSON {@link MetricsDocument}
 * (`{ timestamp, resource, metrics: [{ scope, name, type, unit, description, temporality,
 * dataPoints }] }`, metrics sorted by name, attribute keys sorted). Add it to a `MeterProvider`'s
 * `readers`; collect with {@link JsonMetricReader.collectToJSON} or `exportIntervalMillis`.
 * A destination receives one document per line (JSON Lines).
 */
export class JsonMetricReader extends TextMetricReader {
  /** @param options see {@link TextMetricReaderOptions}; invalid options throw `INVALID_OPTIONS` */
  constructor(options?: JsonMetricReaderOptions) {
    super(options);
  }

  /** Collects now; resolves the JSON document (also written to the destination), or `undefined` on failure. */
  collectToJSON(): Promise<string | undefined> {
    return this.collectText();
  }

  /** No header for JSON. */
  protected override header(): undefined {
    return undefined;
  }

  /** The document as one line. */
  protected override body(doc: MetricsDocument): string {
    return JSON.stringify(doc);
  }
}
