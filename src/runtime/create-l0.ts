/**
 * The `l0()` function around an observer factory: validation, the `before` interceptors, the call.
 * The composition root (`src/l0.ts`) passes telemetry's factory; tests pass a recording one.
 * @packageDocumentation
 */
import { L0Error } from "../errors/l0-error.js";
import type { MonitoringConfig } from "../types/monitoring.js";
import type { L0Options } from "../types/options.js";
import type { L0Result } from "../types/result.js";
import { NOOP_OBSERVER, type CallObserver } from "./call-observer.js";
import { runBefore } from "./interceptors.js";
import { createSessionId } from "./session-id.js";
import { startCall } from "./start-call.js";
import { validateOptions } from "../options/l0-options.js";

/** What the call has configured besides monitoring (decides which telemetry sections exist). */
export interface CallFeatures {
  /** Guardrail rules were configured. */
  readonly guardrails: boolean;
  /** Drift detection was configured. */
  readonly drift: boolean;
}

/** Builds the observer of a monitored call (`monitoring.enabled: true`); called at `l0()` call time. */
export type ObserverFactory = (monitoring: MonitoringConfig, sessionId: string, features: CallFeatures) => CallObserver;

/** Runs the `before` interceptors; a hook that throws rejects `l0()` with `INTERCEPTOR_FAILED`. */
async function beforeCall(options: L0Options): Promise<L0Options> {
  const interceptors = options.interceptors;
  if (interceptors === undefined || interceptors.length === 0) return options;
  try {
    return await runBefore(interceptors, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new L0Error("INTERCEPTOR_FAILED", `An interceptor's before() failed: ${message}`, { cause: error });
  }
}

/** Returns an `l0()` whose monitored calls get their observer from `observe`. */
export function createL0(observe: ObserverFactory): (options: L0Options) => Promise<L0Result> {
  return async (options) => {
    validateOptions(options);
    const final = await beforeCall(options);
    if (final !== options) validateOptions(final);
    const sessionId = createSessionId();
    const monitoring = final.monitoring;
    const features: CallFeatures = {
      guardrails: (final.guardrails?.length ?? 0) > 0,
      drift: final.detectDrift !== undefined && final.detectDrift !== false,
    };
    const observer = monitoring?.enabled === true ? observe(monitoring, sessionId, features) : NOOP_OBSERVER;
    return startCall(final, { sessionId, observer, interceptors: options.interceptors ?? [] });
  };
}
