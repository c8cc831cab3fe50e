/**
 * Validation of `timeout` (`TimeoutOptions`).
 * @packageDocumentation
 */
import type { TimeoutOptions } from "../types/options.js";
import { childPath, optionalNumber } from "./field-checks.js";
import { optionBag, optionKeys } from "./known-keys.js";

/** Every key of `timeout`. */
export const TIMEOUT_OPTION_KEYS = optionKeys<TimeoutOptions>()({ initialToken: true, interToken: true });

/**
 * Checks `timeout` (at `path`): known keys only; `initialToken` / `interToken` finite numbers of ms
 * above 0 (no upper cap: the runtime handles delays beyond a single Node timer's 2^31−1 ms).
 */
export function validateTimeoutOptions(value: unknown, path = "timeout"): void {
  const timeout = optionBag(value, TIMEOUT_OPTION_KEYS, path);
  if (timeout === undefined) return;
  optionalNumber(timeout, "initialToken", childPath(path, "initialToken"), { min: 0, exclusiveMin: true });
  optionalNumber(timeout, "interToken", childPath(path, "interToken"), { min: 0, exclusiveMin: true });
}
