/**
 * Interceptors: `before` may replace the options; `after` runs once the consumer has received
 * `complete`; `onError` runs once it has received the `error` event, before the error is thrown. The list comes from the options `l0()` was
 * called with (a `before` that returns options without `interceptors` does not drop the hooks).
 * @packageDocumentation
 */
import { diag } from "@opentelemetry/api";
import type { L0Interceptor, L0Options } from "../types/options.js";
import type { L0Result } from "../types/result.js";

/** Runs every `before` in order; each sees the options the previous one returned. Throws what a hook throws. */
export async function runBefore(interceptors: readonly L0Interceptor[], options: L0Options): Promise<L0Options> {
  let current = options;
  for (const interceptor of interceptors) {
    if (interceptor.before === undefined) continue;
    const returned = await interceptor.before(current);
    if (returned !== undefined && returned !== null) current = returned;
  }
  return current;
}

/** Runs every `after` in order; a failing hook is reported to `diag` and the others still run. */
export function runAfter(interceptors: readonly L0Interceptor[], result: L0Result, options: L0Options): Promise<void> {
  return runReported(interceptors, "after", (interceptor) => interceptor.after?.(result, options));
}

/** Runs every `onError` in order; a failing hook is reported to `diag` and the others still run. */
export function runOnError(interceptors: readonly L0Interceptor[], error: Error, options: L0Options): Promise<void> {
  return runReported(interceptors, "onError", (interceptor) => interceptor.onError?.(error, options));
}

/** Runs `hook` (through `run`) of every interceptor that has one, in order; a hook that throws is reported to `diag`. */
async function runReported(
  interceptors: readonly L0Interceptor[],
  hook: "after" | "onError",
  run: (interceptor: L0Interceptor) => unknown,
): Promise<void> {
  for (const interceptor of interceptors) {
    if (interceptor[hook] === undefined) continue;
    try {
      await run(interceptor);
    } catch (error) {
      diag.error(`l0: interceptor ${interceptor.name ?? "(unnamed)"} ${hook}() failed`, error);
    }
  }
}
