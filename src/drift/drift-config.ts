/**
 * Drift configuration: defaults and their resolution (the rules live in `options/drift-options.ts`).
 */
import { validateDriftConfig } from "../options/drift-options.js";
import { DRIFT_TYPES, type DriftConfig, type DriftType } from "../types/drift.js";

export { DRIFT_TYPES };

/** Defaults of every field a drift config (`driftDetector(config)`) omits. */
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
 * (`detectDrift.<field>`) on bad input, an unknown key included.
 */
export function resolveDriftConfig(config: DriftConfig | true | undefined): ResolvedDriftConfig {
  const c: unknown = config === true || config === undefined ? {} : config;
  validateDriftConfig(c);
  return {
    types: new Set(c.types ?? DRIFT_TYPES),
    minConfidence: c.minConfidence ?? DRIFT_DEFAULTS.minConfidence,
    windowSize: c.windowSize ?? DRIFT_DEFAULTS.windowSize,
    retryOnDrift: c.retryOnDrift ?? DRIFT_DEFAULTS.retryOnDrift,
  };
}
