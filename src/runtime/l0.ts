/**
 * `l0(options)`: the reliability runtime's entry point.
 * @packageDocumentation
 */
import { validateOptions } from "../options/l0-options.js";
import { createCallObserver } from "../telemetry/create-call-observer.js";
import type { L0Options } from "../types/options.js";
import type { L0Result } from "../types/result.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { NOOP_OBSERVER } from "./call-observer.js";
import { resolveCallConfig } from "./call-config.js";
import { callFlow } from "./call-flow.js";
import { CallRun } from "./call-run.js";
import { runBefore } from "./interceptors.js";
import { createSessionId } from "./session-id.js";

/**
 * Runs an LLM stream reliably: retries (network retries do not use up `retry.attempts`, model
 * retries do, `maxRetries` caps both per stream), fallbacks, initial/inter-token timeouts that race
 * the provider, abort (`signal` and `result.abort()`), guardrails, drift detection, continuation,
 * and monitoring through OpenTelemetry.
 *
 * Resolves right after the options are validated and the `before` interceptors ran; the work starts
 * when `result.stream` is first pulled. Rejects with `L0Error` `INVALID_OPTIONS` (naming the field and
 * value) for bad options; a `before` interceptor's own error is rethrown as is.
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
export async function l0(options: L0Options): Promise<L0Result> {
  validateOptions(options);
  const interceptors = options.interceptors ?? [];
  const final = interceptors.length > 0 ? await runBefore(interceptors, options) : options;
  if (final !== options) validateOptions(final);
  const sessionId = createSessionId();
  const monitoring = final.monitoring;
  const features = {
    guardrails: (final.guardrails?.length ?? 0) > 0,
    drift: final.detectDrift !== undefined && final.detectDrift !== false,
  };
  const observer = monitoring?.enabled === true ? createCallObserver(monitoring, sessionId, features) : NOOP_OBSERVER;
  const config = resolveCallConfig(final, sessionId, observer, interceptors);
  const run = new CallRun(config, callFlow);
  const result: L0Result = {
    stream: { [Symbol.asyncIterator]: () => run[Symbol.asyncIterator]() },
    state: run.state,
    errors: run.errors,
    get telemetry(): L0Telemetry | undefined {
      return observer.telemetry();
    },
    abort(reason?: unknown): void {
      run.abort(reason);
    },
  };
  run.result = result;
  return result;
}
