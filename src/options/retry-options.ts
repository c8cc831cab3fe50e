/**
 * Validation of `retry` (`RetryOptions`).
 * @packageDocumentation
 */
import { invalidOption } from "../errors/l0-error.js";
import { RETRY_ON_NAMES, isRetryOnEntry } from "../errors/retry-on-aliases.js";
import { BACKOFF_STRATEGIES, type RetryOptions } from "../types/options.js";
import { childPath, optionalArray, optionalFunction, optionalNumber, optionalOneOf } from "./field-checks.js";
import { closestKey, optionBag, optionKeys } from "./known-keys.js";

/** Every key of `retry`. */
export const RETRY_OPTION_KEYS = optionKeys<RetryOptions>()({
  attempts: true,
  maxRetries: true,
  backoff: true,
  baseDelay: true,
  maxDelay: true,
  retryOn: true,
  calculateDelay: true,
  shouldRetry: true,
});

/**
 * Checks `retry` (at `path`): known keys only; `attempts` / `maxRetries` integers ≥ 0; `baseDelay` /
 * `maxDelay` numbers ≥ 0 (ms); `backoff` one of `BACKOFF_STRATEGIES`; `retryOn` an array of error
 * types or the original library's names (`RETRY_ON_ALIASES`); `calculateDelay` / `shouldRetry` functions.
 */
export function validateRetryOptions(value: unknown, path = "retry"): void {
  const retry = optionBag(value, RETRY_OPTION_KEYS, path);
  if (retry === undefined) return;
  optionalNumber(retry, "attempts", childPath(path, "attempts"), { min: 0, integer: true });
  optionalNumber(retry, "maxRetries", childPath(path, "maxRetries"), { min: 0, integer: true });
  optionalNumber(retry, "baseDelay", childPath(path, "baseDelay"), { min: 0 });
  optionalNumber(retry, "maxDelay", childPath(path, "maxDelay"), { min: 0 });
  optionalOneOf(retry, "backoff", childPath(path, "backoff"), BACKOFF_STRATEGIES);
  const retryOn = optionalArray(retry["retryOn"], childPath(path, "retryOn"), "an array of error types");
  retryOn?.forEach((entry, i) => {
    if (isRetryOnEntry(entry)) return;
    const meant = typeof entry === "string" ? closestKey(entry, RETRY_ON_NAMES) : undefined;
    const hint = meant === undefined ? "" : ` (did you mean "${meant}"?)`;
    throw invalidOption(
      `${childPath(path, "retryOn")}[${i}]`,
      entry,
      `a known error type (see ERROR_TYPES) or alias (see RETRY_ON_ALIASES)${hint}`,
    );
  });
  optionalFunction(retry, "calculateDelay", childPath(path, "calculateDelay"));
  optionalFunction(retry, "shouldRetry", childPath(path, "shouldRetry"));
}
