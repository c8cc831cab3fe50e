/**
 * Classification of any failure into the closed set {@link ERROR_TYPES}.
 *
 * Structured fields are read first, message text last. In order, for the error and then (when
 * that gave nothing specific) each error of its `cause` chain (at most 5 deep; AI SDK
 * `RetryError.lastError` counts as a cause):
 *
 * 1. l0's own errors: `L0Error.details.errorType` when set; else by code (`STREAM_ABORTED` → `aborted`,
 *    `INVALID_STREAM` / `ADAPTER_NOT_FOUND` / `INVALID_OPTIONS` → `client_error`, ...).
 * 2. Names that mean cancellation or a deadline: `AbortError`, `APIUserAbortError` (OpenAI SDK),
 *    Node `ABORT_ERR` / `UND_ERR_ABORTED` → `aborted`; `TimeoutError`, `APIConnectionTimeoutError` → `timeout`.
 * 3. HTTP status from `status` / `statusCode` (OpenAI SDK `APIError`, AI SDK `APICallError`, fetch wrappers).
 * 4. Node / undici error `code`.
 * 5. The `cause` chain (so an `APIConnectionError` or `TypeError: fetch failed` wrapping
 *    `ECONNRESET` is `econnreset`).
 * 6. Error class names (OpenAI SDK classes, which carry a status anyway) and the AI SDK
 *    `isRetryable` flag (retryable without a status → `connection_dropped`).
 * 7. Message text, on word boundaries (see `classify-message.ts`), including a status written in
 *    the message ("429 Rate limit reached", "status code 503"). The message of a JavaScript built-in
 *    error (`TypeError`, `ReferenceError`, `SyntaxError`, `RangeError`, `URIError`, `EvalError`)
 *    counts only when it is a fetch implementation's network failure ("fetch failed", "terminated",
 *    "Failed to fetch", "Load failed", ...) or truncated JSON: any other text of such an error names
 *    the user's code ("Cannot read properties of undefined (reading 'timeout')"), not the network.
 * 8. A built-in error left unclassified is `programming_error` (a bug in the stream factory or the
 *    code around it: never retried); anything else is `unknown`.
 *
 * | type | category | what maps to it |
 * |---|---|---|
 * | `connection_dropped` | network | `ECONNABORTED`, `EPIPE`, `ENETUNREACH`, `EHOSTUNREACH`, `ENETDOWN`, `UND_ERR_SOCKET`, `UND_ERR_CLOSED`, `ERR_STREAM_PREMATURE_CLOSE`, OpenAI `APIConnectionError`, AI SDK retryable error without status, "socket hang up", "fetch failed", "terminated", "connection closed" |
 * | `econnreset` | network | code `ECONNRESET`, "connection reset" |
 * | `econnrefused` | network | code `ECONNREFUSED`, "connection refused" |
 * | `dns_error` | network | codes `ENOTFOUND`, `EAI_AGAIN`, `EAI_FAIL`, "getaddrinfo", "dns" |
 * | `tls_error` | fatal | codes `CERT_*`, `ERR_TLS_*`, `ERR_SSL_*`, `UNABLE_TO_*` (verify leaf signature, get issuer cert...), `DEPTH_ZERO_SELF_SIGNED_CERT`, `SELF_SIGNED_CERT_IN_CHAIN`, `HOSTNAME_MISMATCH`, `EPROTO`; any message naming SSL/TLS/certificate/handshake (so "SSL connection closed" is `tls_error`: from text alone a TLS failure cannot be told from a drop, and TLS trouble is usually configuration a retry cannot fix; a structured `ECONNRESET` on a TLS socket is still `econnreset`) |
 * | `timeout` | network | `TimeoutError`, `APIConnectionTimeoutError`, codes `ETIMEDOUT`, `ESOCKETTIMEDOUT`, `UND_ERR_CONNECT_TIMEOUT`, `UND_ERR_HEADERS_TIMEOUT`, `UND_ERR_BODY_TIMEOUT`, status 408, "timed out" |
 * | `sse_aborted` | network | a message about server-sent events / event stream being aborted or closed |
 * | `partial_chunks` | network | "incomplete chunk", "truncated response", "unexpected end of JSON input" |
 * | `no_bytes` | network | "empty response", "no bytes", "no data received" |
 * | `rate_limit` | network | status 429, OpenAI `RateLimitError`, code `rate_limit_exceeded`, "rate limit", "too many requests" |
 * | `server_error` | network | status 5xx (incl. 529 overloaded), OpenAI `InternalServerError`, "internal server error", "service unavailable", "bad gateway" |
 * | `client_error` | fatal | other 4xx status, l0 `INVALID_STREAM` / `ADAPTER_NOT_FOUND` / `INVALID_OPTIONS` |
 * | `auth_error` | fatal | status 401, 403, 407, OpenAI `AuthenticationError` / `PermissionDeniedError`, "unauthorized", "invalid api key" |
 * | `programming_error` | fatal | a `TypeError`, `ReferenceError`, `SyntaxError`, `RangeError`, `URIError` or `EvalError` with no network evidence in its fields, `cause` chain or message (undici's `TypeError: fetch failed` / `terminated` keep the type of their `cause`, e.g. `econnrefused`, `connection_dropped`) |
 * | `initial_token_timeout` | network | l0 `INITIAL_TOKEN_TIMEOUT` (the first token did not arrive in `timeout.initialToken`) |
 * | `inter_token_timeout` | network | l0 `INTER_TOKEN_TIMEOUT` (no chunk within `timeout.interToken`) |
 * | `aborted` | fatal | the caller aborted (`signal`, `result.abort()`), `AbortError`, `APIUserAbortError`, `ABORT_ERR`, `UND_ERR_ABORTED`, l0 `STREAM_ABORTED` |
 * | `guardrail_violation` | model | l0 `GUARDRAIL_VIOLATION` / `FATAL_GUARDRAIL_VIOLATION` |
 * | `drift` | model | l0 `DRIFT_DETECTED` |
 * | `zero_output` | model | l0 `ZERO_OUTPUT` (empty or whitespace-only output) |
 * | `unknown` | model | anything else (retried as a model retry when `retryOn` allows it) |
 *
 * @packageDocumentation
 */
import type { ErrorType } from "./error-types.js";
import { isErrorType } from "./error-types.js";
import { L0Error, type L0ErrorCode } from "./l0-error.js";
import { classifyBuiltInMessage, classifyMessage, isBuiltInError, statusFromMessage } from "./classify-message.js";

const MAX_CAUSE_DEPTH = 5;

const L0_CODE_TYPES: Partial<Record<L0ErrorCode, ErrorType>> = {
  STREAM_ABORTED: "aborted",
  INITIAL_TOKEN_TIMEOUT: "initial_token_timeout",
  INTER_TOKEN_TIMEOUT: "inter_token_timeout",
  ZERO_OUTPUT: "zero_output",
  GUARDRAIL_VIOLATION: "guardrail_violation",
  FATAL_GUARDRAIL_VIOLATION: "guardrail_violation",
  DRIFT_DETECTED: "drift",
  INVALID_STREAM: "client_error",
  ADAPTER_NOT_FOUND: "client_error",
  INVALID_OPTIONS: "client_error",
};

const NAME_TYPES: Readonly<Record<string, ErrorType>> = {
  AbortError: "aborted",
  APIUserAbortError: "aborted",
  TimeoutError: "timeout",
  APIConnectionTimeoutError: "timeout",
};

/** Names of wrappers whose own meaning is weaker than their cause's. */
const WRAPPER_NAME_TYPES: Readonly<Record<string, ErrorType>> = {
  APIConnectionError: "connection_dropped",
  RateLimitError: "rate_limit",
  AuthenticationError: "auth_error",
  PermissionDeniedError: "auth_error",
  InternalServerError: "server_error",
  BadRequestError: "client_error",
  NotFoundError: "client_error",
  ConflictError: "client_error",
  UnprocessableEntityError: "client_error",
};

const CODE_TYPES: Readonly<Record<string, ErrorType>> = {
  ECONNRESET: "econnreset",
  ECONNREFUSED: "econnrefused",
  ENOTFOUND: "dns_error",
  EAI_AGAIN: "dns_error",
  EAI_FAIL: "dns_error",
  ETIMEDOUT: "timeout",
  ESOCKETTIMEDOUT: "timeout",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
  ECONNABORTED: "connection_dropped",
  EPIPE: "connection_dropped",
  ENETUNREACH: "connection_dropped",
  EHOSTUNREACH: "connection_dropped",
  ENETDOWN: "connection_dropped",
  UND_ERR_SOCKET: "connection_dropped",
  UND_ERR_CLOSED: "connection_dropped",
  ERR_STREAM_PREMATURE_CLOSE: "connection_dropped",
  ABORT_ERR: "aborted",
  UND_ERR_ABORTED: "aborted",
  EPROTO: "tls_error",
  DEPTH_ZERO_SELF_SIGNED_CERT: "tls_error",
  SELF_SIGNED_CERT_IN_CHAIN: "tls_error",
  HOSTNAME_MISMATCH: "tls_error",
  rate_limit_exceeded: "rate_limit",
};

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_(GET|VERIFY|DECRYPT|DECODE)_)/;

/** Maps an HTTP status to its error type; undefined for non-error or non-HTTP numbers. */
export function classifyStatus(status: number): ErrorType | undefined {
  if (!Number.isInteger(status) || status < 400 || status > 599) return undefined;
  if (status === 429) return "rate_limit";
  if (status === 408) return "timeout";
  if (status === 401 || status === 403 || status === 407) return "auth_error";
  if (status >= 500) return "server_error";
  return "client_error";
}

function readStatus(error: Record<string, unknown>): number | undefined {
  for (const key of ["status", "statusCode"] as const) {
    const value = error[key];
    const n = typeof value === "number" ? value : typeof value === "string" && /^\d{3}$/.test(value) ? Number(value) : NaN;
    if (n >= 100 && n <= 599) return n;
  }
  return undefined;
}

function nameOf(error: Record<string, unknown>): string {
  const name = error["name"];
  const ctor = (error as { constructor?: { name?: unknown } }).constructor?.name;
  // SDK classes often keep the generic name "Error"; the constructor name is more specific then.
  if (typeof name === "string" && name !== "Error") return name;
  return typeof ctor === "string" ? ctor : typeof name === "string" ? name : "";
}

/** Structured classification of one error object, without its cause chain or message. */
function classifyFields(error: Record<string, unknown>): ErrorType | undefined {
  if (L0Error.isL0Error(error)) {
    const type = error.details.errorType;
    if (isErrorType(type)) return type;
    const byCode = L0_CODE_TYPES[error.code];
    if (byCode !== undefined) return byCode;
  }
  const name = nameOf(error);
  const byName = NAME_TYPES[name];
  if (byName !== undefined) return byName;
  const status = readStatus(error);
  if (status !== undefined) {
    const byStatus = classifyStatus(status);
    if (byStatus !== undefined) return byStatus;
  }
  const code = error["code"];
  if (typeof code === "string") {
    const byCode = CODE_TYPES[code] ?? (TLS_CODE.test(code) ? "tls_error" : undefined);
    if (byCode !== undefined) return byCode;
  }
  return undefined;
}

function nextCause(error: Record<string, unknown>): unknown {
  return error["cause"] ?? error["lastError"];
}

/**
 * Classifies any thrown value or error chunk into one of {@link ERROR_TYPES}; never throws.
 * See the module documentation for the order of evidence and the full mapping table.
 */
export function classifyError(error: unknown): ErrorType {
  try {
    return classify(error);
  } catch {
    return "unknown";
  }
}

function classify(error: unknown): ErrorType {
  if (typeof error === "string") return classifyText(error) ?? "unknown";
  if (typeof error !== "object" || error === null) return "unknown";
  const top = error as Record<string, unknown>;
  // 1-4: structured fields of the error itself.
  const own = classifyFields(top);
  if (own !== undefined) return own;
  // 5: the cause chain, structured fields first, then (6) wrapper names and flags.
  let current: unknown = nextCause(top);
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && typeof current === "object" && current !== null; depth++) {
    const found = classifyFields(current as Record<string, unknown>);
    if (found !== undefined) return found;
    current = nextCause(current as Record<string, unknown>);
  }
  const wrapper = WRAPPER_NAME_TYPES[nameOf(top)];
  if (wrapper !== undefined) return wrapper;
  if (top["isRetryable"] === true) return "connection_dropped";
  // 7: message text of the error, then of its causes (a built-in error's only for network failures).
  current = top;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && typeof current === "object" && current !== null; depth++) {
    const error = current as Record<string, unknown>;
    const message = error["message"];
    if (typeof message === "string") {
      const found = isBuiltInError(nameOf(error)) ? classifyBuiltInMessage(message) : classifyText(message);
      if (found !== undefined) return found;
    }
    current = nextCause(error);
  }
  // 8: a bug in user code, else nothing is known.
  return isBuiltInError(nameOf(top)) ? "programming_error" : "unknown";
}

function classifyText(message: string): ErrorType | undefined {
  const status = statusFromMessage(message);
  if (status !== undefined) {
    const byStatus = classifyStatus(status);
    if (byStatus !== undefined) return byStatus;
  }
  return classifyMessage(message);
}
