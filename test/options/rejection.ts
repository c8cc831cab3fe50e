/**
 * Helpers of the option tests: the `L0Error` a validation throws, or undefined when it passes.
 */
import { expect } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { validateOptions } from "../../src/options/l0-options.js";

/** The `L0Error` `run` throws (failing the test for anything else), or undefined when it returns. */
export function l0ErrorOf(run: () => void): L0Error | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(L0Error.isL0Error(error)).toBe(true);
    return error as L0Error;
  }
}

/** The `L0Error` that `validateOptions(options)` throws, or undefined when the options are valid. */
export function rejection(options: unknown): L0Error | undefined {
  return l0ErrorOf(() => validateOptions(options));
}
