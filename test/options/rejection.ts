/**
 * The `L0Error` that `l0()`'s option validation throws, or undefined when it passes.
 */
import { driftDetector } from "../../src/drift/create-drift-detector.js";
import type { L0Error } from "../../src/errors/l0-error.js";
import { validateOptions } from "../../src/options/l0-options.js";
import { isObject } from "../../src/options/field-checks.js";
import { l0ErrorOf } from "../helpers/invalid-option.js";

/**
 * The `L0Error` that `validateOptions(options)` throws, or undefined when the options are valid. A
 * `detectDrift` config object is first given to `driftDetector()`, as a user writes it
 * (`detectDrift: driftDetector(config)`), so its misspellings are checked where the user's are.
 */
export function rejection(options: unknown): L0Error | undefined {
  return l0ErrorOf(() => {
    const drift = isObject(options) ? options["detectDrift"] : undefined;
    if (isObject(drift) && !("create" in drift)) validateOptions({ ...(options as object), detectDrift: driftDetector(drift) });
    else validateOptions(options);
  });
}
