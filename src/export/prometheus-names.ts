/**
 * Naming rules and constants shared by the Prometheus registry, collector and middleware.
 */
import { invalidOption } from "../errors/l0-error.js";
import { L0_LATENCY_BUCKETS } from "../telemetry/metric-names.js";

/** The content type of the Prometheus text exposition format served by {@link prometheusMiddleware}. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * Histogram buckets (seconds) used for `*_request_duration_seconds`, `*_time_to_first_token_seconds`
 * and, by default, custom histograms: l0's latency buckets, 5 ms to 10 minutes with neighbouring
 * boundaries at most 1.5× apart.
 */
export const PROMETHEUS_DURATION_BUCKETS: readonly number[] = L0_LATENCY_BUCKETS;

/** Label names that l0 never accepts from users (`le` is the histogram bucket label). */
const RESERVED_LABELS = new Set(["le", "quantile"]);

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// OTel instrument names must start with a letter; Prometheus names allow [a-zA-Z0-9_:]. We accept the
// intersection without ':' (reserved for recording rules).
const METRIC_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** True when `name` is a label name l0 accepts: Prometheus syntax, not `__`-prefixed, not `le`/`quantile`. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith("__") && !RESERVED_LABELS.has(name);
}

/** Throws `INVALID_OPTIONS` unless `prefix` is empty or a valid metric name. */
export function validatePrefix(prefix: unknown, field: string): string {
  if (typeof prefix !== "string" || (prefix !== "" && !METRIC_NAME.test(prefix))) {
    throw invalidOption(field, prefix, "an empty string or a metric name prefix matching [a-zA-Z][a-zA-Z0-9_]*");
  }
  return prefix;
}

/** Joins prefix and name with `_` (no separator when the prefix is empty) and validates the result. */
export function prefixedName(prefix: string, name: unknown, field: string): string {
  if (typeof name !== "string" || !/^[a-zA-Z0-9_]+$/.test(name)) {
    throw invalidOption(field, name, "a metric name matching [a-zA-Z0-9_]+");
  }
  const full = prefix === "" ? name : `${prefix}_${name}`;
  if (!METRIC_NAME.test(full)) throw invalidOption(field, name, "a metric name starting with a letter");
  return full;
}

/**
 * Validates a label record given as an option (e.g. `defaultLabels`) and returns a copy with
 * string values. Throws `INVALID_OPTIONS` naming the offending key.
 */
export function validateLabelOption(labels: unknown, field: string): Record<string, string> {
  if (labels === undefined) return {};
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) {
    throw invalidOption(field, labels, "an object of label names to string values");
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    if (!isValidLabelName(key)) {
      throw invalidOption(`${field}.${key}`, key, "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not __*, le or quantile)");
    }
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      throw invalidOption(`${field}.${key}`, value, "a string, number or boolean label value");
    }
    out[key] = String(value);
  }
  return out;
}

/** Throws `INVALID_OPTIONS` unless `value` is a positive integer (or undefined, giving `fallback`). */
export function positiveInteger(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw invalidOption(field, value, "a positive integer");
  }
  return value;
}
