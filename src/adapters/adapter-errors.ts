/**
 * Errors adapters put into `error` chunks when the provider reports a failure in-band, or when a
 * chunk cannot be understood. Each keeps the provider's facts (`status`, `headers`, `type`) in
 * structured fields so error classification never has to parse message text.
 * @packageDocumentation
 */

/** Describes a value for error messages: its type, constructor and a few keys. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
  if (typeof value !== "object") return `a ${typeof value}`;
  const ctor = (value as { constructor?: { name?: unknown } }).constructor?.name;
  const name = typeof ctor === "string" && ctor !== "Object" ? `a ${ctor}` : "an object";
  const keys = Object.keys(value).slice(0, 8);
  return keys.length === 0 ? `${name} with no own keys` : `${name} with keys [${keys.join(", ")}]`;
}

/** A stream item whose shape no adapter recognises. Carried by an `error` chunk, never dropped silently. */
export class UnrecognizedChunkError extends Error {
  /** The item that was not understood. */
  readonly chunk: unknown;
  constructor(chunk: unknown) {
    super(`Unrecognized stream chunk: ${describeValue(chunk)}. Pass a custom adapter to read this stream.`);
    this.name = "UnrecognizedChunkError";
    this.chunk = chunk;
  }
}

/** A provider error reported inside the stream (an Anthropic `error` event, an SSE `error` payload). */
export class ProviderStreamError extends Error {
  /** Provider error type, e.g. `overloaded_error`, `rate_limit_error`. */
  readonly type: string | undefined;
  /** HTTP status equivalent of `type`, when one is known (e.g. 529 for `overloaded_error`). */
  readonly status: number | undefined;
  /** Provider error code, when given. */
  readonly code: string | undefined;
  /** The provider's raw error payload. */
  readonly error: unknown;
  constructor(message: string, fields: { type?: string; status?: number; code?: string; error?: unknown }) {
    super(message);
    this.name = "ProviderStreamError";
    this.type = fields.type;
    this.status = fields.status;
    this.code = fields.code;
    this.error = fields.error;
  }
}

/** A stream data item that is not valid JSON although it had to be (a malformed SSE `data:` line). */
export class MalformedChunkError extends Error {
  /** The raw text that failed to parse. */
  readonly data: string;
  constructor(data: string, cause: unknown) {
    super(`Malformed stream chunk: invalid JSON in ${JSON.stringify(data.length > 80 ? `${data.slice(0, 80)}...` : data)}`, { cause });
    this.name = "MalformedChunkError";
    this.data = data;
  }
}

/** A fetch `Response` that is not ok (status outside 200-299). Shaped like SDK `APIError`s. */
export class HttpResponseError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** Response headers (read `retry-after` here). */
  readonly headers: Headers;
  /** Response body text (truncated), when it could be read. */
  readonly body: string | undefined;
  constructor(status: number, statusText: string, headers: Headers, body: string | undefined) {
    const detail = body === undefined || body === "" ? "" : `: ${body}`;
    super(`HTTP ${status}${statusText === "" ? "" : ` ${statusText}`}${detail}`);
    this.name = "HttpResponseError";
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}

/**
 * HTTP status equivalents of OpenAI's in-stream error codes and types (Responses API `error` events
 * and `response.failed`, chat `{ error }` payloads), so they are classified like the same failure
 * answered as an HTTP error (`rate_limit`, `server_error`, `timeout`, `client_error`).
 */
const OPENAI_CODE_STATUS: Readonly<Record<string, number>> = {
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  server_error: 500,
  internal_error: 500,
  server_is_overloaded: 503,
  service_unavailable: 503,
  vector_store_timeout: 408,
  timeout: 408,
  invalid_api_key: 401,
};

/** The HTTP status equivalent of an OpenAI error `code` or `type` (invalid_* / image_* ones are 400); undefined when unknown. */
export function openaiErrorStatus(code: string | undefined): number | undefined {
  if (code === undefined) return undefined;
  const known = OPENAI_CODE_STATUS[code];
  if (known !== undefined) return known;
  if (/^(invalid_|image_|unsupported_|empty_|failed_to_download|data_residency|bio_policy)/.test(code)) return 400;
  return undefined;
}

const ANTHROPIC_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * Turns an in-band error payload into an `Error`: `Error`s pass through unchanged; objects such as
 * `{ type: "overloaded_error", message }` or `{ message, code }` become a {@link ProviderStreamError}.
 */
export function toStreamError(payload: unknown): unknown {
  if (payload instanceof Error) return payload;
  if (typeof payload === "object" && payload !== null) {
    const record = payload as Record<string, unknown>;
    const inner = typeof record.error === "object" && record.error !== null ? (record.error as Record<string, unknown>) : record;
    // `type: "error"` is an event envelope (Anthropic, Responses API), not the error's type.
    const type = typeof inner.type === "string" && inner.type !== "error" ? inner.type : undefined;
    const message = typeof inner.message === "string" ? inner.message : `Provider stream error${type ? ` (${type})` : ""}`;
    const code = typeof inner.code === "string" ? inner.code : undefined;
    const status =
      typeof inner.status === "number"
        ? inner.status
        : ((type !== undefined ? ANTHROPIC_STATUS[type] : undefined) ?? openaiErrorStatus(code) ?? openaiErrorStatus(type));
    const fields: { type?: string; status?: number; code?: string; error?: unknown } = { error: payload };
    if (type !== undefined) fields.type = type;
    if (status !== undefined) fields.status = status;
    if (code !== undefined) fields.code = code;
    return new ProviderStreamError(message, fields);
  }
  if (typeof payload === "string") return new ProviderStreamError(payload, { error: payload });
  return new ProviderStreamError("Provider stream error", { error: payload });
}
