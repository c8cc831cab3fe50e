/**
 * Backoff delays between retries. Pure: the random source is injectable for tests.
 * @packageDocumentation
 */
import { BACKOFF_STRATEGIES, type BackoffStrategy } from "../types/options.js";

export { BACKOFF_STRATEGIES };

/** Inputs of {@link computeBackoff}. */
export interface BackoffInput {
  strategy: BackoffStrategy;
  /** 0-based number of earlier retries of the same kind (network or model) on this stream. */
  retry: number;
  /** Base delay, ms. */
  baseDelay: number;
  /** Upper bound of any delay, ms. */
  maxDelay: number;
}

/**
 * Delay in ms before retry number `retry` (0-based):
 * - `exponential`: `baseDelay · 2^retry`;
 * - `linear`: `baseDelay · (retry + 1)`;
 * - `fixed`: `baseDelay`;
 * - `full-jitter`: uniform in `[0, baseDelay · 2^retry)` (AWS "full jitter");
 * - `fixed-jitter`: `baseDelay` plus up to half of it at random, uniform in `[baseDelay, 1.5 · baseDelay)`.
 *
 * Every result is capped at `maxDelay` and rounded to whole ms. `random` returns values in `[0, 1)`.
 */
export function computeBackoff(input: BackoffInput, random: () => number = Math.random): number {
  const { strategy, baseDelay, maxDelay } = input;
  const retry = Math.max(0, Math.floor(input.retry));
  // 2^retry overflows to Infinity for huge retry counts; Math.min keeps the cap.
  const exponential = Math.min(maxDelay, baseDelay * 2 ** retry);
  let delay: number;
  switch (strategy) {
    case "exponential":
      delay = exponential;
      break;
    case "linear":
      delay = baseDelay * (retry + 1);
      break;
    case "fixed":
      delay = baseDelay;
      break;
    case "full-jitter":
      delay = random() * exponential;
      break;
    case "fixed-jitter":
      delay = baseDelay + random() * 0.5 * baseDelay;
      break;
  }
  return Math.round(Math.max(0, Math.min(maxDelay, delay)));
}
