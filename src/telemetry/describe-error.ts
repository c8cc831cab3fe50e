/**
 * How an error is described in telemetry (span status, exception events, network error facts).
 * Error messages can quote the prompt or the completion (a provider 400 echoing the request, a
 * JSON parser quoting the output), so without `captureContent` an error is described by what it
 * is, not by what it says: its type, HTTP status and code, or, for l0's own errors whose messages
 * l0 writes from templates, that message.
 * @packageDocumentation
 */
import { L0Error, type L0ErrorCode } from "../errors/l0-error.js";

/** An error as telemetry records it. */
export interface ErrorDescription {
  /** `exception.type`: the error's name (or the JavaScript type of a thrown non-error). */
  readonly type: string;
  /** The message: the error's own with `captureContent`, else a description without content. */
  readonly message: string;
}

/**
 * Per code: whether l0 writes its message from a template (rule names, limits, counts, positions;
 * never content). Every code is decided here: a new code does not compile until it is.
 */
const TEMPLATED: Readonly<Record<L0ErrorCode, boolean>> = {
  INVALID_OPTIONS: false,
  INTERCEPTOR_FAILED: false,
  INVALID_STREAM: true,
  ADAPTER_NOT_FOUND: true,
  STREAM_ABORTED: true,
  INITIAL_TOKEN_TIMEOUT: true,
  INTER_TOKEN_TIMEOUT: true,
  ZERO_OUTPUT: true,
  GUARDRAIL_VIOLATION: true,
  FATAL_GUARDRAIL_VIOLATION: true,
  DRIFT_DETECTED: true,
  NETWORK_ERROR: false,
  PROVIDER_ERROR: false,
  LISTEN_FAILED: false,
};

const MAX_DEPTH = 4;

function rawMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message;
  }
  return typeof error === "string" ? error : String(error);
}

function field(error: unknown, name: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** What an error is, without its message: name, HTTP status, code; l0 templates as they are. */
function contentFree(error: unknown, depth: number): string {
  if (L0Error.isL0Error(error)) {
    if (TEMPLATED[error.code]) return error.message;
    const cause = error.cause;
    const type = error.errorType === undefined ? "" : ` (${error.errorType})`;
    return cause === undefined || depth >= MAX_DEPTH ? `${error.code}${type}` : `${error.code}${type}: ${contentFree(cause, depth + 1)}`;
  }
  const name = error instanceof Error ? error.name : typeof error === "object" && error !== null ? "object" : typeof error;
  const status = field(error, "status") ?? field(error, "statusCode");
  const code = field(error, "code");
  let text = name;
  if (typeof status === "number") text += ` (HTTP ${status})`;
  if (typeof code === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(code)) text += ` ${code}`;
  const cause = field(error, "cause");
  if (cause !== undefined && depth < MAX_DEPTH && (typeof status !== "number" || typeof code !== "string")) {
    text += `: ${contentFree(cause, depth + 1)}`;
  }
  return text;
}

/**
 * A copy of `error` to send out without content: same name (and `L0Error` code and error type),
 * the content-free description as its message, the stack frames without the message; no cause.
 */
export function contentFreeError(error: unknown): Error {
  const message = contentFree(error, 0);
  const copy = L0Error.isL0Error(error) ? new L0Error(error.code, message, { details: errorTypeDetails(error) }) : new Error(message);
  const name = error instanceof Error ? error.name : "Error";
  copy.name = name;
  const stack = error instanceof Error ? error.stack : undefined;
  const frames = stack === undefined ? -1 : stack.indexOf("\n    at ");
  copy.stack = `${name}: ${message}${frames === -1 || stack === undefined ? "" : stack.slice(frames)}`;
  return copy;
}

function errorTypeDetails(error: L0Error): { errorType?: NonNullable<L0Error["errorType"]> } {
  return error.errorType === undefined ? {} : { errorType: error.errorType };
}

/** Describes `error` for telemetry; its message only with `captureContent`. */
export function describeError(error: unknown, captureContent: boolean): ErrorDescription {
  const type = error instanceof Error ? error.name : typeof error;
  return { type, message: captureContent ? rawMessage(error) : contentFree(error, 0) };
}
