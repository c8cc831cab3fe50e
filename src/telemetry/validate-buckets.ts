/**
 * Validation of histogram bucket boundaries.
 */
import { invalidOption } from "../errors/l0-error.js";

/** Returns a frozen copy of `buckets` or throws `INVALID_OPTIONS`: non-empty, finite, strictly increasing. */
export function validateBuckets(buckets: unknown, field: string): readonly number[] {
  const ok =
    Array.isArray(buckets) &&
    buckets.length > 0 &&
    buckets.every((b, i) => typeof b === "number" && Number.isFinite(b) && (i === 0 || b > (buckets[i - 1] as number)));
  if (!ok) throw invalidOption(field, buckets, "a non-empty array of finite, strictly increasing numbers");
  return Object.freeze([...(buckets as number[])]);
}
