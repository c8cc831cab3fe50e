/**
 * Drift configuration: defaults and validation.
 */
import { invalidOption } from "../errors/l0-error.js";
import type { DriftConfig, DriftType } from "../types/drift.js";

/** Every drift type the detector knows, in a stable order. */
export const DRIFT_TYPES: readonly DriftType[] = Object.freeze([
  "meta_commentary",
  "tone_shift",
  "repetition",
  "entropy_spike",
  "format_collapse",
  "markdown_collapse",
  "hedging",
]);

/** Defaults used when `detectDrift: true` or a field is omitted. */
export const DRIFT_DEFAULTS = Object.freeze({
  minConfidence: 0.6,
  windowSize: 500,
  retryOnDrift: true,
});

/** A fully resolved {@link DriftConfig}. */
export interface ResolvedDriftConfig {
  readonly types: ReadonlySet<DriftType>;
  readonly minConfidence: number;
  readonly windowSize: number;
  readonly retryOnDrift: boolean;
}

/**
 * Validates `config` and fills defaults. Throws `L0Error` `INVALID_OPTIONS` naming the field
 * (`detectDrift.<field>`) on bad input.
 */
export function resolveDriftConfig(config: DriftConfig | true | undefined): ResolvedDriftConfig {
  const c: DriftConfig = config === true || config === undefined ? {} : config;
  if (typeof c !== "object" || c === null) throw invalidOption("detectDrift", c, "true or a DriftConfig object");
  let types: Set<DriftType>;
  if (c.types === undefined) types = new Set(DRIFT_TYPES);
  else {
    if (!Array.isArray(c.types)) throw invalidOption("detectDrift.types", c.types, `an array of ${DRIFT_TYPES.join(", ")}`);
    types = new Set();
    for (const t of c.types) {
      if (!DRIFT_TYPES.includes(t)) throw invalidOption("detectDrift.types", t, `one of ${DRIFT_TYPES.join(", ")}`);
      types.add(t);
    }
  }
  const minConfidence = c.minConfidence ?? DRIFT_DEFAULTS.minConfidence;
  if (typeof minConfidence !== "number" || !(minConfidence >= 0 && minConfidence <= 1)) {
    throw invalidOption("detectDrift.minConfidence", minConfidence, "a number between 0 and 1");
  }
  const windowSize = c.windowSize ?? DRIFT_DEFAULTS.windowSize;
  if (typeof windowSize !== "number" || !Number.isInteger(windowSize) || windowSize < 100 || windowSize > 100_000) {
    throw invalidOption("detectDrift.windowSize", windowSize, "an integer between 100 and 100000 (characters)");
  }
  const retryOnDrift = c.retryOnDrift ?? DRIFT_DEFAULTS.retryOnDrift;
  if (typeof retryOnDrift !== "boolean") throw invalidOption("detectDrift.retryOnDrift", retryOnDrift, "a boolean");
  return { types, minConfidence, windowSize, retryOnDrift };
}
