/**
 * The closed set of error types l0 classifies every failure into. Used as the `error.type`
 * span/metric attribute, the `errorsByType` key in telemetry and the `reason` of retries.
 * @packageDocumentation
 */

/** Every error type, in documentation order. */
export const ERROR_TYPES = Object.freeze([
  "connection_dropped",
  "econnreset",
  "econnrefused",
  "dns_error",
  "tls_error",
  "timeout",
  "sse_aborted",
  "partial_chunks",
  "no_bytes",
  "rate_limit",
  "server_error",
  "client_error",
  "auth_error",
  "programming_error",
  "initial_token_timeout",
  "inter_token_timeout",
  "aborted",
  "guardrail_violation",
  "drift",
  "zero_output",
  "unknown",
] as const);

/** One of {@link ERROR_TYPES}. */
export type ErrorType = (typeof ERROR_TYPES)[number];

/**
 * How a failure is retried:
 * - `network`: transient transport/provider trouble; does not use up `retry.attempts`.
 * - `model`: the output was bad; uses up `retry.attempts`.
 * - `fatal`: never retried (auth, other 4xx, TLS, programming errors, abort).
 */
export const ERROR_CATEGORIES = Object.freeze(["network", "model", "fatal"] as const);

/** One of {@link ERROR_CATEGORIES}. */
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** The categories that are retried (every one but `fatal`): the kind of a retry. */
export type RetriableCategory = Exclude<ErrorCategory, "fatal">;

/** Category of each error type. */
export const ERROR_TYPE_CATEGORY: Readonly<Record<ErrorType, ErrorCategory>> = Object.freeze({
  connection_dropped: "network",
  econnreset: "network",
  econnrefused: "network",
  dns_error: "network",
  tls_error: "fatal",
  timeout: "network",
  sse_aborted: "network",
  partial_chunks: "network",
  no_bytes: "network",
  rate_limit: "network",
  server_error: "network",
  client_error: "fatal",
  auth_error: "fatal",
  programming_error: "fatal",
  initial_token_timeout: "network",
  inter_token_timeout: "network",
  aborted: "fatal",
  guardrail_violation: "model",
  drift: "model",
  zero_output: "model",
  unknown: "model",
});

/** True when `value` is one of {@link ERROR_TYPES}. */
export function isErrorType(value: unknown): value is ErrorType {
  return typeof value === "string" && (ERROR_TYPES as readonly string[]).includes(value);
}
