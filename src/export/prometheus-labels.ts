/**
 * Builds the label set of one measurement: default labels, then the caller's labels, then the
 * metric's own label (`error_type`, `severity`, `rule`).
 */
import { diag } from "@opentelemetry/api";
import type { Attributes } from "@opentelemetry/api";
import { invalidOption } from "../errors/l0-error.js";
import { isValidLabelName } from "./prometheus-names.js";

/** Label values accepted per measurement; `undefined`/`null` values are left out. */
export type PrometheusLabels = Readonly<Record<string, string | number | boolean | null | undefined>>;

/**
 * Merges labels. In `strict` mode (custom metric calls) a bad label name or value throws
 * `INVALID_OPTIONS`; otherwise (recording telemetry, which must never break the caller) it is
 * dropped and reported once per label name through `diag`.
 */
export class LabelBuilder {
  private readonly warnedNames = new Set<string>();

  /** @param defaults validated default labels */
  constructor(private readonly defaults: Readonly<Record<string, string>>) {}

  /** Returns a fresh label object. */
  build(labels: unknown, strict: boolean): Attributes {
    const out: Attributes = { ...this.defaults };
    if (labels === undefined || labels === null) return out;
    if (typeof labels !== "object" || Array.isArray(labels)) {
      if (strict) throw invalidOption("labels", labels, "an object of label names to values");
      this.warnOnce("(labels)", `l0: ignoring labels that are not an object: ${typeof labels}`);
      return out;
    }
    for (const [name, value] of Object.entries(labels as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      if (!isValidLabelName(name)) {
        if (strict)
          throw invalidOption(`labels.${name}`, name, "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not __*, le or quantile)");
        this.warnOnce(name, `l0: dropping invalid Prometheus label name "${name}"`);
        continue;
      }
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        if (strict) throw invalidOption(`labels.${name}`, value, "a string, number or boolean label value");
        this.warnOnce(name, `l0: dropping label "${name}": its value is a ${typeof value}, not a string, number or boolean`);
        continue;
      }
      out[name] = String(value);
    }
    return out;
  }

  private warnOnce(key: string, message: string): void {
    if (this.warnedNames.has(key)) return;
    this.warnedNames.add(key);
    diag.warn(message);
  }
}
