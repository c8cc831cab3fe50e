/** The typed error bad input raises: an `L0Error` with code `INVALID_OPTIONS` naming the field. */
import { expect } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";

/** The `L0Error` `run` throws (failing the test for anything else), or undefined when it returns. */
export function l0ErrorOf(run: () => unknown): L0Error | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(L0Error.isL0Error(error)).toBe(true);
    return error as L0Error;
  }
}

/** Asserts that `run` throws an `L0Error` with code `INVALID_OPTIONS` whose `details.field` is `field`; returns it. */
export function expectInvalidOption(run: () => unknown, field: string): L0Error {
  const error = l0ErrorOf(run);
  expect({ code: error?.code, field: error?.details.field }).toEqual({ code: "INVALID_OPTIONS", field });
  return error as L0Error;
}
