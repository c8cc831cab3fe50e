/**
 * Validation of `l0()` options: every bad option is an `L0Error` `INVALID_OPTIONS` naming the
 * field and the value (`invalidOption`).
 * @packageDocumentation
 */
import { isErrorType } from "../errors/error-types.js";
import { invalidOption } from "../errors/l0-error.js";
import type { L0Options } from "../types/options.js";
import { BACKOFF_STRATEGIES } from "./backoff.js";

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectAt(parent: Fields, field: string, path: string): Fields | undefined {
  const value = parent[field];
  if (value === undefined) return undefined;
  if (!isObject(value)) throw invalidOption(path, value, "an object");
  return value;
}

function optionalFunction(parent: Fields, field: string, path: string): void {
  const value = parent[field];
  if (value !== undefined && typeof value !== "function") throw invalidOption(path, value, "a function");
}

function optionalBoolean(parent: Fields, field: string, path: string): void {
  const value = parent[field];
  if (value !== undefined && typeof value !== "boolean") throw invalidOption(path, value, "a boolean");
}

function optionalString(parent: Fields, field: string, path: string): void {
  const value = parent[field];
  if (value !== undefined && typeof value !== "string") throw invalidOption(path, value, "a string");
}

function optionalNumber(
  parent: Fields,
  field: string,
  path: string,
  rule: { min: number; max?: number; integer?: boolean; exclusiveMin?: boolean },
): void {
  const value = parent[field];
  if (value === undefined) return;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (rule.exclusiveMin === true ? value > rule.min : value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.integer !== true || Number.isInteger(value));
  if (!ok) {
    const kind = rule.integer === true ? "an integer" : "a number";
    const range =
      rule.max !== undefined ? `in [${rule.min}, ${rule.max}]` : rule.exclusiveMin === true ? `> ${rule.min}` : `>= ${rule.min}`;
    throw invalidOption(path, value, `${kind} ${range}`);
  }
}

function functionArray(parent: Fields, field: string): void {
  const value = parent[field];
  if (value === undefined) return;
  if (!Array.isArray(value)) throw invalidOption(field, value, "an array of stream factories");
  value.forEach((item, i) => {
    if (typeof item !== "function") throw invalidOption(`${field}[${i}]`, item, "a function");
  });
}

function validateRetry(options: Fields): void {
  const retry = objectAt(options, "retry", "retry");
  if (retry === undefined) return;
  optionalNumber(retry, "attempts", "retry.attempts", { min: 0, integer: true });
  optionalNumber(retry, "maxRetries", "retry.maxRetries", { min: 0, integer: true });
  optionalNumber(retry, "baseDelay", "retry.baseDelay", { min: 0 });
  optionalNumber(retry, "maxDelay", "retry.maxDelay", { min: 0 });
  const backoff = retry["backoff"];
  if (backoff !== undefined && !(BACKOFF_STRATEGIES as readonly unknown[]).includes(backoff)) {
    throw invalidOption("retry.backoff", backoff, `one of ${BACKOFF_STRATEGIES.join(", ")}`);
  }
  const retryOn = retry["retryOn"];
  if (retryOn !== undefined) {
    if (!Array.isArray(retryOn)) throw invalidOption("retry.retryOn", retryOn, "an array of error types");
    retryOn.forEach((type, i) => {
      if (!isErrorType(type)) throw invalidOption(`retry.retryOn[${i}]`, type, "a known error type (see ERROR_TYPES)");
    });
  }
  optionalFunction(retry, "calculateDelay", "retry.calculateDelay");
  optionalFunction(retry, "shouldRetry", "retry.shouldRetry");
}

function validateGuardrails(options: Fields): void {
  const rules = options["guardrails"];
  if (rules === undefined) return;
  if (!Array.isArray(rules)) throw invalidOption("guardrails", rules, "an array of guardrail rules");
  rules.forEach((rule, i) => {
    if (!isObject(rule)) throw invalidOption(`guardrails[${i}]`, rule, "a guardrail rule object");
    if (typeof rule["name"] !== "string" || rule["name"] === "") throw invalidOption(`guardrails[${i}].name`, rule["name"], "a non-empty string");
    if (typeof rule["check"] !== "function") throw invalidOption(`guardrails[${i}].check`, rule["check"], "a function");
    optionalBoolean(rule, "streaming", `guardrails[${i}].streaming`);
    optionalFunction(rule, "reset", `guardrails[${i}].reset`);
    optionalFunction(rule, "instantiate", `guardrails[${i}].instantiate`);
  });
}

function validateMonitoring(options: Fields): void {
  const monitoring = objectAt(options, "monitoring", "monitoring");
  if (monitoring === undefined) return;
  optionalBoolean(monitoring, "enabled", "monitoring.enabled");
  optionalNumber(monitoring, "sampleRate", "monitoring.sampleRate", { min: 0, max: 1 });
  optionalBoolean(monitoring, "includeNetworkDetails", "monitoring.includeNetworkDetails");
  optionalBoolean(monitoring, "includeTimings", "monitoring.includeTimings");
  optionalBoolean(monitoring, "captureContent", "monitoring.captureContent");
  optionalString(monitoring, "provider", "monitoring.provider");
  optionalString(monitoring, "model", "monitoring.model");
  optionalString(monitoring, "operation", "monitoring.operation");
  objectAt(monitoring, "metadata", "monitoring.metadata");
}

function validateInterceptors(options: Fields): void {
  const interceptors = options["interceptors"];
  if (interceptors === undefined) return;
  if (!Array.isArray(interceptors)) throw invalidOption("interceptors", interceptors, "an array of interceptors");
  interceptors.forEach((interceptor, i) => {
    if (!isObject(interceptor)) throw invalidOption(`interceptors[${i}]`, interceptor, "an interceptor object");
    optionalString(interceptor, "name", `interceptors[${i}].name`);
    for (const hook of ["before", "after", "onError"]) optionalFunction(interceptor, hook, `interceptors[${i}].${hook}`);
  });
}

function validateSignal(options: Fields): void {
  const signal = options["signal"];
  if (signal === undefined) return;
  const ok =
    isObject(signal) && typeof signal["aborted"] === "boolean" && typeof signal["addEventListener"] === "function";
  if (!ok) throw invalidOption("signal", signal, "an AbortSignal");
}

/**
 * Checks every option of `l0()` and throws `L0Error` `INVALID_OPTIONS` for the first bad one.
 * Unknown extra fields are ignored. Drift settings are validated by the drift detector itself.
 */
export function validateOptions(options: unknown): asserts options is L0Options {
  if (!isObject(options)) throw invalidOption("options", options, "an options object");
  if (typeof options["stream"] !== "function") throw invalidOption("stream", options["stream"], "a function returning a stream");
  functionArray(options, "fallbackStreams");
  validateRetry(options);
  const timeout = objectAt(options, "timeout", "timeout");
  if (timeout !== undefined) {
    optionalNumber(timeout, "initialToken", "timeout.initialToken", { min: 0, exclusiveMin: true });
    optionalNumber(timeout, "interToken", "timeout.interToken", { min: 0, exclusiveMin: true });
  }
  validateSignal(options);
  validateGuardrails(options);
  optionalBoolean(options, "acceptViolationsOnExhaustion", "acceptViolationsOnExhaustion");
  const drift = options["detectDrift"];
  if (drift !== undefined && typeof drift !== "boolean" && !isObject(drift)) {
    throw invalidOption("detectDrift", drift, "a boolean or a drift config object");
  }
  optionalBoolean(options, "detectZeroTokens", "detectZeroTokens");
  optionalBoolean(options, "continueFromLastKnownGoodToken", "continueFromLastKnownGoodToken");
  const intervals = objectAt(options, "checkIntervals", "checkIntervals");
  if (intervals !== undefined) optionalNumber(intervals, "guardrails", "checkIntervals.guardrails", { min: 1, integer: true });
  validateMonitoring(options);
  for (const hook of ["onEvent", "onViolation", "onDrift"]) optionalFunction(options, hook, hook);
  validateInterceptors(options);
  const adapter = options["adapter"];
  if (adapter !== undefined) {
    if (!isObject(adapter) || typeof adapter["wrap"] !== "function" || typeof adapter["name"] !== "string") {
      throw invalidOption("adapter", adapter, "an adapter object with a name and wrap()");
    }
  }
}

