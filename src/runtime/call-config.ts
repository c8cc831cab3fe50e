/**
 * The per-call settings the runtime works with, resolved once from the (validated) options.
 * @packageDocumentation
 */
import type { DriftDetector } from "../types/drift.js";
import type { GuardrailRule } from "../types/guardrails.js";
import type { L0Interceptor, L0Options, StreamFactory } from "../types/options.js";
import type { CallObserver } from "./call-observer.js";
import { createRetryPolicy, type RetryPolicy } from "./retry-policy.js";

/** Default `checkIntervals.guardrails`: streaming rules run every this many token events. */
const DEFAULT_GUARDRAIL_INTERVAL = 10;

/** Everything one call needs, resolved from its options. */
export interface CallConfig {
  readonly options: L0Options;
  readonly sessionId: string;
  readonly observer: CallObserver;
  readonly policy: RetryPolicy;
  /** Primary stream first, then the fallbacks. */
  readonly factories: readonly StreamFactory[];
  /** Per-call instances of the guardrail rules. */
  readonly rules: readonly GuardrailRule[];
  readonly guardrailInterval: number;
  readonly drift: DriftDetector | undefined;
  readonly retryOnDrift: boolean;
  readonly detectZeroTokens: boolean;
  readonly continuation: boolean;
  readonly acceptViolations: boolean;
  readonly initialTimeout: number | undefined;
  readonly interTimeout: number | undefined;
  readonly interceptors: readonly L0Interceptor[];
  readonly onEvent: L0Options["onEvent"];
  /** Pass each attempt's output text to the observer (`monitoring.captureContent`). */
  readonly captureContent: boolean;
}

/**
 * Resolves the call settings. Guardrail rules are instantiated here (`rule.instantiate?.() ?? rule`)
 * so rule objects shared between concurrent calls keep separate state; the drift detector is created
 * here from the `detectDrift` option (`driftDetector()`, which validated its config).
 */
export function resolveCallConfig(
  options: L0Options,
  sessionId: string,
  observer: CallObserver,
  interceptors: readonly L0Interceptor[],
): CallConfig {
  const driftOption = options.detectDrift === false ? undefined : options.detectDrift;
  return {
    options,
    sessionId,
    observer,
    policy: createRetryPolicy(options.retry),
    factories: [options.stream, ...(options.fallbackStreams ?? [])],
    rules: (options.guardrails ?? []).map((rule) => rule.instantiate?.() ?? rule),
    guardrailInterval: options.checkIntervals?.guardrails ?? DEFAULT_GUARDRAIL_INTERVAL,
    drift: driftOption?.create(),
    retryOnDrift: driftOption?.retryOnDrift ?? false,
    detectZeroTokens: options.detectZeroTokens !== false,
    continuation: options.continueFromLastKnownGoodToken === true,
    acceptViolations: options.acceptViolationsOnExhaustion === true,
    initialTimeout: options.timeout?.initialToken,
    interTimeout: options.timeout?.interToken,
    interceptors,
    onEvent: options.onEvent,
    captureContent: options.monitoring?.enabled === true && options.monitoring.captureContent === true,
  };
}
