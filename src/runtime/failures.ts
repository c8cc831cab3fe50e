/**
 * Turning caught failures into the typed `L0Error` a caller sees.
 * @packageDocumentation
 */
import type { ErrorType } from "../errors/error-types.js";
import { L0Error, type L0ErrorCode, type L0ErrorDetails } from "../errors/l0-error.js";

/** The `L0Error` code used for a final failure of each error type. */
export const FINAL_CODE: Readonly<Record<ErrorType, L0ErrorCode>> = {
  connection_dropped: "NETWORK_ERROR",
  econnreset: "NETWORK_ERROR",
  econnrefused: "NETWORK_ERROR",
  dns_error: "NETWORK_ERROR",
  tls_error: "NETWORK_ERROR",
  timeout: "NETWORK_ERROR",
  sse_aborted: "NETWORK_ERROR",
  partial_chunks: "NETWORK_ERROR",
  no_bytes: "NETWORK_ERROR",
  rate_limit: "PROVIDER_ERROR",
  server_error: "PROVIDER_ERROR",
  client_error: "PROVIDER_ERROR",
  auth_error: "PROVIDER_ERROR",
  programming_error: "INVALID_STREAM",
  initial_token_timeout: "INITIAL_TOKEN_TIMEOUT",
  inter_token_timeout: "INTER_TOKEN_TIMEOUT",
  aborted: "STREAM_ABORTED",
  guardrail_violation: "GUARDRAIL_VIOLATION",
  drift: "DRIFT_DETECTED",
  zero_output: "ZERO_OUTPUT",
  unknown: "PROVIDER_ERROR",
};

/** Message of any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** `error` itself when it is an `Error`, else an `Error` describing it (with the value as `cause`). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(messageOf(error), { cause: error });
}

/**
 * The error the call fails with: an `L0Error` passes through unchanged; anything else is wrapped in an
 * `L0Error` whose code follows {@link FINAL_CODE}, with the original error as `cause`.
 */
export function toFinalError(error: unknown, type: ErrorType, details: L0ErrorDetails): L0Error {
  if (L0Error.isL0Error(error)) return error;
  return new L0Error(FINAL_CODE[type], `Stream failed (${type}): ${messageOf(error)}`, {
    cause: error,
    details: { ...details, errorType: type },
  });
}

/** The error of an aborted call. */
export function abortError(reason: unknown, details: L0ErrorDetails): L0Error {
  return new L0Error("STREAM_ABORTED", "The l0 call was aborted", {
    cause: reason,
    details: { ...details, errorType: "aborted" },
  });
}
