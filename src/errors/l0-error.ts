import type { ErrorType } from "./error-types.js";

/**
 * Codes of {@link L0Error}:
 * - `INVALID_OPTIONS`: a bad option (`details.field`, `details.value`), thrown by `l0()` itself;
 * - `INTERCEPTOR_FAILED`: an interceptor's `before()` threw (its error is `cause`); `l0()` rejects with it;
 * - `INVALID_STREAM` / `ADAPTER_NOT_FOUND`: the stream factory returned something no adapter reads,
 *   or (`INVALID_STREAM`, error type `programming_error`) it or the stream threw a `TypeError`,
 *   `ReferenceError`, ... that is a bug, not a network failure;
 * - `STREAM_ABORTED`: the caller aborted (`signal` or `result.abort()`);
 * - `INITIAL_TOKEN_TIMEOUT` / `INTER_TOKEN_TIMEOUT`: `timeout.initialToken` / `timeout.interToken` fired;
 * - `ZERO_OUTPUT`, `GUARDRAIL_VIOLATION`, `DRIFT_DETECTED`: model retries ran out with the problem left;
 * - `FATAL_GUARDRAIL_VIOLATION`: a `fatal` violation halted the call without retry;
 * - `NETWORK_ERROR`: a transport failure (drop, reset, refused, DNS, TLS, timeout...) ended the call;
 * - `PROVIDER_ERROR`: the provider answered with an error (429, 5xx, 4xx, auth) or an unknown error;
 * - `LISTEN_FAILED`: the Prometheus endpoint of `registerL0Instrumentation` could not listen
 *   (`handle.ready` rejects; the message names host and port, `cause` is the system error).
 * The failure's closed-set type is `details.errorType`; the original error is `cause`.
 */
export const L0_ERROR_CODES = [
  "INVALID_OPTIONS",
  "INTERCEPTOR_FAILED",
  "INVALID_STREAM",
  "ADAPTER_NOT_FOUND",
  "STREAM_ABORTED",
  "INITIAL_TOKEN_TIMEOUT",
  "INTER_TOKEN_TIMEOUT",
  "ZERO_OUTPUT",
  "GUARDRAIL_VIOLATION",
  "FATAL_GUARDRAIL_VIOLATION",
  "DRIFT_DETECTED",
  "NETWORK_ERROR",
  "PROVIDER_ERROR",
  "LISTEN_FAILED",
] as const;

/** One of {@link L0_ERROR_CODES}. */
export type L0ErrorCode = (typeof L0_ERROR_CODES)[number];

/** Extra facts attached to an {@link L0Error}. */
export interface L0ErrorDetails {
  /** Closed-set classification, when the error came from a stream attempt. */
  errorType?: ErrorType;
  /** For `INVALID_OPTIONS`: the option path, e.g. `retry.baseDelay`. */
  field?: string;
  /** For `INVALID_OPTIONS`: the offending value. */
  value?: unknown;
  /** For `INVALID_OPTIONS` of an unknown key: the path of the known key it most likely meant. */
  suggestion?: string;
  /** Attempt (1-based) in which it happened. */
  attempt?: number;
  /** Fallback index (0 = primary stream). */
  fallbackIndex?: number;
  /** Token events delivered before the failure. */
  tokenCount?: number;
}

const L0_ERROR_MARKER = Symbol.for("l0.L0Error");

/**
 * Every failure on the call path is an `L0Error` with a `code`; the original error is `cause`.
 */
export class L0Error extends Error {
  /** Machine-readable code. */
  readonly code: L0ErrorCode;
  /** Extra facts (error type, field, attempt...). */
  readonly details: L0ErrorDetails;
  /** Marker for cross-realm checks; see {@link L0Error.isL0Error}. */
  readonly [L0_ERROR_MARKER] = true;

  constructor(code: L0ErrorCode, message: string, options: { cause?: unknown; details?: L0ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "L0Error";
    this.code = code;
    this.details = options.details ?? {};
  }

  /** Closed-set error type, when known. */
  get errorType(): ErrorType | undefined {
    return this.details.errorType;
  }

  /** True for any `L0Error`, including one from another copy of the package. */
  static isL0Error(value: unknown): value is L0Error {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[L0_ERROR_MARKER] === true;
  }

  /**
   * `error instanceof L0Error` is true for an `L0Error` of any copy of the package (the ES module
   * and the CommonJS build loaded together each have their own class), as {@link L0Error.isL0Error}.
   * Subclasses keep the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === L0Error) return L0Error.isL0Error(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** Builds the `INVALID_OPTIONS` error for a bad option `field` holding `value`. */
export function invalidOption(field: string, value: unknown, expected: string): L0Error {
  let shown: string;
  try {
    shown = typeof value === "function" ? "a function" : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  return new L0Error("INVALID_OPTIONS", `Invalid option "${field}": expected ${expected}, got ${shown}`, {
    details: { field, value },
  });
}
