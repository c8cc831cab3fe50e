/**
 * Caps the number of distinct label sets (series) one metric may hold, so a user id put in a label
 * cannot grow memory without bound.
 */
import { diag } from "@opentelemetry/api";
import type { Attributes } from "@opentelemetry/api";

/** Label added (value `"true"`) to the single overflow series, after the OTel SDK's `otel.metric.overflow`. */
export const OVERFLOW_LABEL = "otel_metric_overflow";

/**
 * Admits up to `max` distinct label sets for one metric. Later new label sets are folded into one
 * overflow series (`baseLabels` + `otel_metric_overflow="true"`), and a `diag` warning is logged
 * once for the metric. Label sets seen before keep their own series.
 *
 * The OTel SDK's own cardinality limit applies per collection interval only (its cumulative storage
 * keeps every label set ever seen), so this cap sits in front of the instruments.
 */
export class LabelSetLimiter {
  private readonly seen = new Set<string>();
  private warned = false;
  private readonly overflow: Attributes;

  /**
   * @param metric exposed metric name (for the warning)
   * @param max distinct label sets admitted
   * @param baseLabels labels kept on the overflow series (the default labels)
   */
  constructor(
    private readonly metric: string,
    private readonly max: number,
    baseLabels: Readonly<Record<string, string>>,
  ) {
    this.overflow = { ...baseLabels, [OVERFLOW_LABEL]: "true" };
  }

  /** Returns `labels` when admitted, otherwise the overflow label set. */
  admit(labels: Attributes): Attributes {
    const key = labelSetKey(labels);
    if (this.seen.has(key)) return labels;
    if (this.seen.size < this.max) {
      this.seen.add(key);
      return labels;
    }
    if (!this.warned) {
      this.warned = true;
      diag.warn(
        `l0: metric "${this.metric}" reached ${this.max} distinct label sets; further label sets are counted in the ` +
          `${OVERFLOW_LABEL}="true" series. Keep high-cardinality values (ids, prompts) out of labels.`,
      );
    }
    return this.overflow;
  }

  /** Distinct label sets admitted so far. */
  get size(): number {
    return this.seen.size;
  }
}

/** Order-independent identity of a label set (what the SDK treats as one series). */
function labelSetKey(labels: Attributes): string {
  const keys = Object.keys(labels).sort();
  let key = "";
  for (const k of keys) key += `${k}\u0000${String(labels[k])}\u0001`;
  return key;
}
