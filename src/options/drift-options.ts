/**
 * Validation of the `detectDrift` option of `l0()` (what `driftDetector()` makes) and of a
 * `DriftConfig` (by `driftDetector` / `createDriftDetector` / `resolveDriftConfig`).
 * @packageDocumentation
 */
import { invalidOption } from "../errors/l0-error.js";
import { DRIFT_TYPES, type DriftConfig } from "../types/drift.js";
import { childPath, isObject, optionalArray, optionalBoolean, optionalNumber } from "./field-checks.js";
import { assertKnownKeys, optionKeys } from "./known-keys.js";

/** Every key of a `DriftConfig`. */
export const DRIFT_CONFIG_KEYS = optionKeys<DriftConfig>()({ types: true, minConfidence: true, windowSize: true, retryOnDrift: true });

/** Smallest and largest `windowSize`, in characters. */
const DRIFT_WINDOW_RANGE = Object.freeze({ min: 100, max: 100_000 });

/**
 * Checks a drift config object (at `path`): known keys only; `types` an array of `DRIFT_TYPES`;
 * `minConfidence` a number in [0, 1]; `windowSize` an integer number of characters in
 * [100, 100000]; `retryOnDrift` a boolean.
 */
export function validateDriftConfig(value: unknown, path = "detectDrift"): asserts value is DriftConfig {
  if (!isObject(value)) throw invalidOption(path, value, "a DriftConfig object");
  assertKnownKeys(value, DRIFT_CONFIG_KEYS, path);
  const typesPath = childPath(path, "types");
  const types = optionalArray(value["types"], typesPath, `an array of ${DRIFT_TYPES.join(", ")}`);
  for (const type of types ?? []) {
    if (!(DRIFT_TYPES as readonly unknown[]).includes(type)) throw invalidOption(typesPath, type, `one of ${DRIFT_TYPES.join(", ")}`);
  }
  optionalNumber(value, "minConfidence", childPath(path, "minConfidence"), { min: 0, max: 1 });
  optionalNumber(value, "windowSize", childPath(path, "windowSize"), { ...DRIFT_WINDOW_RANGE, integer: true });
  optionalBoolean(value, "retryOnDrift", childPath(path, "retryOnDrift"));
}

/** How to turn drift detection on, for the error on any other `detectDrift` value. */
const DRIFT_OPTION_EXPECTED = 'driftDetector() or driftDetector(config), imported from "l0" (or false)';

/**
 * Checks the `detectDrift` option of `l0()`: absent, `false`, or what `driftDetector()` makes (an
 * object with a `create` function and a boolean `retryOnDrift`). `true` and a plain config object
 * are refused with a message that names `driftDetector()`.
 */
export function validateDetectDrift(value: unknown): void {
  if (value === undefined || value === false) return;
  if (!isObject(value) || typeof value["create"] !== "function" || typeof value["retryOnDrift"] !== "boolean")
    throw invalidOption("detectDrift", value, DRIFT_OPTION_EXPECTED);
}
