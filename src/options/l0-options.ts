/**
 * Validation of `l0()` options: every bad option is an `L0Error` `INVALID_OPTIONS` naming the field
 * and the value, and every unknown key (at the top level and in each option object) one naming its
 * path and the closest known key. Each option has its one validator in this folder.
 * @packageDocumentation
 */
import { invalidOption } from "../errors/l0-error.js";
import type { L0Options } from "../types/options.js";
import { validateDetectDrift } from "./drift-options.js";
import { isObject, optionalArray, optionalBoolean, type Fields } from "./field-checks.js";
import { CHECK_INTERVAL_KEYS, validateCheckIntervals, validateGuardrails } from "./guardrail-options.js";
import { validateAdapter, validateCallbacks, validateInterceptors, validateSignal } from "./hook-options.js";
import { assertKnownKeys, optionKeys } from "./known-keys.js";
import { MONITORING_OPTION_KEYS, validateMonitoringConfig } from "./monitoring-options.js";
import { RETRY_OPTION_KEYS, validateRetryOptions } from "./retry-options.js";
import { TIMEOUT_OPTION_KEYS, validateTimeoutOptions } from "./timeout-options.js";

/** Every top-level key of `l0()` options. */
export const L0_OPTION_KEYS = optionKeys<L0Options>()({
  stream: true,
  fallbackStreams: true,
  retry: true,
  timeout: true,
  signal: true,
  guardrails: true,
  acceptViolationsOnExhaustion: true,
  detectDrift: true,
  detectZeroTokens: true,
  continueFromLastKnownGoodToken: true,
  checkIntervals: true,
  monitoring: true,
  onEvent: true,
  onViolation: true,
  onDrift: true,
  interceptors: true,
  adapter: true,
});

/** Paths of the nested option keys, suggested for a top-level key that belongs inside (`sampleRate`). */
const NESTED_OPTION_PATHS: readonly string[] = Object.freeze([
  ...RETRY_OPTION_KEYS.map((key) => `retry.${key}`),
  ...TIMEOUT_OPTION_KEYS.map((key) => `timeout.${key}`),
  ...MONITORING_OPTION_KEYS.map((key) => `monitoring.${key}`),
  ...CHECK_INTERVAL_KEYS.map((key) => `checkIntervals.${key}`),
]);

function validateFallbackStreams(value: unknown): void {
  const factories = optionalArray(value, "fallbackStreams", "an array of stream factories");
  factories?.forEach((factory, i) => {
    if (typeof factory !== "function") throw invalidOption(`fallbackStreams[${i}]`, factory, "a function");
  });
}

function validateFlags(options: Fields): void {
  for (const flag of ["acceptViolationsOnExhaustion", "detectZeroTokens", "continueFromLastKnownGoodToken"])
    optionalBoolean(options, flag, flag);
}

/**
 * Checks every option of `l0()` and throws `L0Error` `INVALID_OPTIONS` for the first bad one: an
 * unknown key (with `details.suggestion`) or a bad value (`details.field`, `details.value`).
 */
export function validateOptions(options: unknown): asserts options is L0Options {
  if (!isObject(options)) throw invalidOption("options", options, "an options object");
  assertKnownKeys(options, L0_OPTION_KEYS, "", NESTED_OPTION_PATHS);
  if (typeof options["stream"] !== "function") throw invalidOption("stream", options["stream"], "a function returning a stream");
  validateFallbackStreams(options["fallbackStreams"]);
  validateRetryOptions(options["retry"]);
  validateTimeoutOptions(options["timeout"]);
  validateSignal(options["signal"]);
  if (options["guardrails"] !== undefined) validateGuardrails(options["guardrails"]);
  validateDetectDrift(options["detectDrift"]);
  validateFlags(options);
  validateCheckIntervals(options["checkIntervals"]);
  validateMonitoringConfig(options["monitoring"]);
  validateCallbacks(options);
  validateInterceptors(options["interceptors"]);
  validateAdapter(options["adapter"]);
}
