/**
 * Realistic provider and network errors, shaped like the ones Node, `fetch` and the provider SDKs
 * throw, for scripting failures in mock streams.
 * @packageDocumentation
 */

/** An HTTP error shaped like the OpenAI SDK's `APIError` subclasses (`status`, `headers`, `error`). */
export class MockAPIError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** Response headers (`retry-after` on 429s). */
  readonly headers: Headers;
  /** The JSON error body. */
  readonly error: { message: string; type: string; code: string | null; param: null };
  /** Provider error code. */
  readonly code: string | null;
  /** Provider error type. */
  readonly type: string;
  constructor(name: string, status: number, message: string, type: string, code: string | null, headers: Headers) {
    super(`${status} ${message}`);
    this.name = name;
    this.status = status;
    this.headers = headers;
    this.error = { message, type, code, param: null };
    this.code = code;
    this.type = type;
  }
}

/** A Node system error (`code`, `errno`, `syscall`), like those `net`/`tls` sockets emit. */
export interface MockSystemError extends Error {
  code: string;
  errno?: number;
  syscall?: string;
}

function systemError(message: string, code: string, errno: number | undefined, syscall: string | undefined): MockSystemError {
  const error = new Error(message) as MockSystemError;
  error.code = code;
  if (errno !== undefined) error.errno = errno;
  if (syscall !== undefined) error.syscall = syscall;
  return error;
}

/** TLS certificate failures Node reports in `error.code`. */
export type TlsErrorCode =
  | "CERT_HAS_EXPIRED"
  | "UNABLE_TO_VERIFY_LEAF_SIGNATURE"
  | "DEPTH_ZERO_SELF_SIGNED_CERT"
  | "SELF_SIGNED_CERT_IN_CHAIN"
  | "ERR_TLS_CERT_ALTNAME_INVALID";

/**
 * Error factories. Each call returns a fresh error object.
 * @example
 * createMockStream(["Hel", "lo", faults.econnreset()]);
 */
export const faults = {
  /** `read ECONNRESET`: the peer reset the connection (`code`, `errno: -104`, `syscall: "read"`). */
  econnreset(): MockSystemError {
    return systemError("read ECONNRESET", "ECONNRESET", -104, "read");
  },
  /** `connect ECONNREFUSED`: nothing listens on the port. */
  econnrefused(address = "127.0.0.1:443"): MockSystemError {
    return systemError(`connect ECONNREFUSED ${address}`, "ECONNREFUSED", -111, "connect");
  },
  /** `getaddrinfo ENOTFOUND`: DNS lookup failed. */
  dns(host = "api.example.com"): MockSystemError {
    return systemError(`getaddrinfo ENOTFOUND ${host}`, "ENOTFOUND", -3008, "getaddrinfo");
  },
  /** A socket timeout (`code: "ETIMEDOUT"`, `errno: -110`). */
  timeout(): MockSystemError {
    return systemError("read ETIMEDOUT", "ETIMEDOUT", -110, "read");
  },
  /** A TLS certificate error, e.g. `CERT_HAS_EXPIRED` or `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  tls(code: TlsErrorCode = "CERT_HAS_EXPIRED"): MockSystemError {
    const messages: Record<TlsErrorCode, string> = {
      CERT_HAS_EXPIRED: "certificate has expired",
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unable to verify the first certificate",
      DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
      SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in certificate chain",
      ERR_TLS_CERT_ALTNAME_INVALID: "Hostname/IP does not match certificate's altnames",
    };
    return systemError(messages[code], code, undefined, undefined);
  },
  /**
   * HTTP 429 like the OpenAI SDK's `RateLimitError`, with a `retry-after` header (seconds or HTTP
   * date; `null` for none). @default retryAfter 1
   */
  rateLimit(retryAfter: number | string | null = 1): MockAPIError {
    const headers = new Headers();
    if (retryAfter !== null) headers.set("retry-after", String(retryAfter));
    return new MockAPIError("RateLimitError", 429, "Rate limit reached for requests", "requests", "rate_limit_exceeded", headers);
  },
  /** HTTP 5xx like the OpenAI SDK's `InternalServerError`. */
  serverError(status = 500): MockAPIError {
    return new MockAPIError(
      "InternalServerError",
      status,
      "The server had an error while processing your request.",
      "server_error",
      null,
      new Headers(),
    );
  },
  /** HTTP 401 like the OpenAI SDK's `AuthenticationError`. */
  unauthorized(): MockAPIError {
    return new MockAPIError(
      "AuthenticationError",
      401,
      "Incorrect API key provided",
      "invalid_request_error",
      "invalid_api_key",
      new Headers(),
    );
  },
  /** The `AbortError` `fetch` rejects with when its signal aborts. */
  abort(): DOMException {
    return new DOMException("This operation was aborted", "AbortError");
  },
};
