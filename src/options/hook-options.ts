/**
 * Validation of the objects and functions `l0()` calls back: `signal`, the event callbacks,
 * `interceptors` and `adapter`.
 *
 * An interceptor given as an object literal is an option bag: every unknown key is an error. One made
 * by a class (its own fields hold its state) and an adapter (users implement `L0Adapter` and may add
 * fields) only fail for a key that misspells a field they lack (`onErorr` for `onError`).
 * @packageDocumentation
 */
import { invalidOption } from "../errors/l0-error.js";
import type { L0Adapter } from "../types/adapter.js";
import type { L0Interceptor } from "../types/options.js";
import {
  childPath,
  isObject,
  isPlainObject,
  optionalArray,
  optionalFunction,
  optionalString,
  requiredFunction,
  type Fields,
} from "./field-checks.js";
import { assertKnownKeys, assertNoMisspelledKeys, optionKeys } from "./known-keys.js";

/** Every key of an interceptor. */
export const INTERCEPTOR_KEYS = optionKeys<L0Interceptor>()({ name: true, before: true, after: true, onError: true });

/** Every key of an adapter. */
export const ADAPTER_KEYS = optionKeys<L0Adapter>()({ name: true, provider: true, detect: true, wrap: true });

/** The event callbacks of `l0()`. */
const CALLBACK_KEYS = Object.freeze(["onEvent", "onViolation", "onDrift"] as const);

/** Checks `signal`: absent or an `AbortSignal` (anything with a boolean `aborted` and `addEventListener`). */
export function validateSignal(value: unknown, path = "signal"): void {
  if (value === undefined) return;
  const ok = isObject(value) && typeof value["aborted"] === "boolean" && typeof value["addEventListener"] === "function";
  if (!ok) throw invalidOption(path, value, "an AbortSignal");
}

/** Checks `onEvent`, `onViolation` and `onDrift` of `options`: each absent or a function. */
export function validateCallbacks(options: Fields): void {
  for (const hook of CALLBACK_KEYS) optionalFunction(options, hook, hook);
}

/** Checks `interceptors` (at `path`): an array of interceptor objects (`name` a string, hooks functions). */
export function validateInterceptors(value: unknown, path = "interceptors"): void {
  const interceptors = optionalArray(value, path, "an array of interceptors");
  interceptors?.forEach((interceptor, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(interceptor)) throw invalidOption(at, interceptor, "an interceptor object");
    if (isPlainObject(interceptor)) assertKnownKeys(interceptor, INTERCEPTOR_KEYS, at);
    else assertNoMisspelledKeys(interceptor, INTERCEPTOR_KEYS, at);
    optionalString(interceptor, "name", childPath(at, "name"));
    for (const hook of ["before", "after", "onError"]) optionalFunction(interceptor, hook, childPath(at, hook));
  });
}

/** Checks `adapter` (at `path`): absent or an adapter object with a `name` and `wrap()`. */
export function validateAdapter(value: unknown, path = "adapter"): void {
  if (value === undefined) return;
  const expected = "an adapter object with a name and wrap()";
  if (!isObject(value)) throw invalidOption(path, value, expected);
  assertNoMisspelledKeys(value, ADAPTER_KEYS, path);
  if (typeof value["name"] !== "string") throw invalidOption(path, value, expected);
  requiredFunction(value, "wrap", path, expected);
  optionalString(value, "provider", childPath(path, "provider"));
  optionalFunction(value, "detect", childPath(path, "detect"));
}
