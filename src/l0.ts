/**
 * `l0(options)`: the entry point and composition root. It validates the options, runs the `before`
 * interceptors, builds the call's telemetry observer and hands it to the runtime, which knows
 * nothing of telemetry.
 * @packageDocumentation
 */
import { createL0 } from "./runtime/create-l0.js";
import { createCallObserver } from "./telemetry/create-call-observer.js";
import type { L0Options } from "./types/options.js";
import type { L0Result } from "./types/result.js";

const run = createL0(createCallObserver);

/**
 * Runs an LLM stream reliably: retries (network retries do not use up `retry.attempts`, model
 * retries do, `maxRetries` caps both per stream), fallbacks, initial/inter-token timeouts that race
 * the provider, abort (`signal` and `result.abort()`), guardrails, drift detection, continuation,
 * and monitoring through OpenTelemetry.
 *
 * Resolves right after the options are validated and the `before` interceptors ran; the work starts
 * when `result.stream` is first pulled. Rejects with `L0Error` `INVALID_OPTIONS` (naming the field and
 * value) for bad options, and with `INTERCEPTOR_FAILED` (the hook's error as `cause`) when a `before`
 * interceptor throws.
 *
 * `result.stream` (single use) yields the events of {@link L0Event}; on failure it yields an `error`
 * event and then throws the same `L0Error` (code per failure, original error as `cause`).
 *
 * @example
 * ```ts
 * const result = await l0({ stream: ({ signal }) => streamText({ model, prompt, abortSignal: signal }) });
 * for await (const event of result.stream) if (event.type === "token") process.stdout.write(event.value);
 * ```
 */
export function l0(options: L0Options): Promise<L0Result> {
  return run(options);
}
