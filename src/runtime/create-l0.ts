/**
 * The `l0()` function around an observer factory: validation, the `before` interceptors, the call.
 * The composition root (`src/l0.ts`) passes telemetry's factory; tests pass a recording one.
 * @packageDocumentation
 */
import { L0Error } from "../errors/l0-error.js";
import { requestOf } from "../request/request-description.js";
import type { L0RequestDescription } from "../request/description-types.js";
import type { MonitoringConfig } from "../types/monitoring.js";
import type { L0Options } from "../types/options.js";
import type { L0Result } from "../types/result.js";
import { NOOP_OBSERVER, type CallObserver } from "./call-observer.js";
import { runBefore } from "./interceptors.js";
import { createSessionId } from "./session-id.js";
import { startCall } from "./start-call.js";
import { validateOptions } from "../options/l0-options.js";

/** What the call has configured besides monitoring (decides which telemetry sections exist). */
interface CallFeatures {
  /** Guardrail rules were configured. */
  readonly guardrails: boolean;
  /** Drift detection was configured. */
  readonly drift: boolean;
  /** Names of the configured guardrail rules. */
  readonly guardrailRules: readonly string[];
  /** The description of the `stream` factory's request (`describeRequest`, the provider helpers), if any. */
  readonly request?: L0RequestDescription;
}

/** Builds the observer of a monitored call (`monitoring.enabled: true`); called at `l0()` call time. */
export type ObserverFactory = (monitoring: MonitoringConfig, sessionId: string, features: CallFeatures) => CallObserver;

/** Runs the `before` interceptors; a hook that throws rejects `l0()` with `INTERCEPTOR_FAILED`. */
async function beforeCall(interceptors: NonNullable<L0Options["interceptors"]>, options: L0Options): Promise<L0Options> {
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
    const interceptors = options.interceptors;
    // No interceptors: no extra async step (each costs promises and a microtask turn per call).
    const final = interceptors === undefined || interceptors.length === 0 ? options : await beforeCall(interceptors, options);
    if (final !== options) validateOptions(final);
    const sessionId = createSessionId();
    const monitoring = final.monitoring;
    const observer = monitoring?.enabled === true ? observe(monitoring, sessionId, featuresOf(final)) : NOOP_OBSERVER;
    return startCall(final, { sessionId, observer, interceptors: interceptors ?? [] });
  };
}

/** What a monitored call's telemetry needs from its options (read after the `before` interceptors). */
function featuresOf(options: L0Options): CallFeatures {
  const rules = options.guardrails ?? [];
  const request = requestOf(options.stream);
  return {
    guardrails: rules.length > 0,
    drift: options.detectDrift !== undefined && options.detectDrift !== false,
    guardrailRules: rules.flatMap((rule) => rule.ruleIds ?? [rule.name]),
    ...(request !== undefined && { request }),
  };
}
