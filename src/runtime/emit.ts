/**
 * Calling user callbacks safely: an exception in `onEvent`, `onViolation`, `onDrift` or an
 * interceptor hook goes to OTel `diag`, never into the call.
 * @packageDocumentation
 */
import { diag } from "@opentelemetry/api";

/** Reports a rejection of what a callback returned (an async callback) to `diag`. */
function watchReturned(name: string, returned: unknown): void {
  if (typeof returned === "object" && returned !== null && typeof (returned as PromiseLike<unknown>).then === "function") {
    (returned as PromiseLike<unknown>).then(undefined, (error: unknown) => diag.error(`l0: ${name} rejected`, error));
  }
}

/** Calls `fn(arg)`; reports a throw (or a rejected promise) to `diag` under `name`. */
export function callSafely<A>(name: string, fn: ((arg: A) => unknown) | undefined, arg: A): void {
  if (fn === undefined) return;
  try {
    watchReturned(name, fn(arg));
  } catch (error) {
    diag.error(`l0: ${name} threw`, error);
  }
}

/** Calls `fn(a, b)` safely, like {@link callSafely} (a rejected promise is reported too). */
export function callSafely2<A, B>(name: string, fn: ((a: A, b: B) => unknown) | undefined, a: A, b: B): void {
  if (fn === undefined) return;
  try {
    watchReturned(name, fn(a, b));
  } catch (error) {
    diag.error(`l0: ${name} threw`, error);
  }
}
