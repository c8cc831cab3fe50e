/**
 * The `L0Error` that `l0()`'s option validation throws, or undefined when it passes.
 */
import type { L0Error } from "../../src/errors/l0-error.js";
import { validateOptions } from "../../src/options/l0-options.js";
import { l0ErrorOf } from "../helpers/invalid-option.js";

/** The `L0Error` that `validateOptions(options)` throws, or undefined when the options are valid. */
export function rejection(options: unknown): L0Error | undefined {
  return l0ErrorOf(() => validateOptions(options));
}
