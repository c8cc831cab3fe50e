/**
 * The last resort of classification: error message text, matched on word boundaries.
 * @packageDocumentation
 */
import type { ErrorType } from "./error-types.js";

/**
 * Ordered message rules; the first match wins. Every pattern is anchored on word boundaries so
 * "processed", "assessment" or "addresses" never read as `sse`, and "timeouts" in a sentence about
 * configuration still needs the whole word. Order matters where phrases overlap:
 * TLS before connection drops ("SSL connection closed" is `tls_error`), server errors before
 * timeouts ("504 Gateway Timeout" is `server_error`), rate limits before everything provider-ish.
 */
const MESSAGE_RULES: ReadonlyArray<readonly [RegExp, ErrorType]> = [
  [/\b(econnreset|connection reset)\b/i, "econnreset"],
  [/\b(econnrefused|connection refused)\b/i, "econnrefused"],
  [/\b(enotfound|eai_again|getaddrinfo|dns|name resolution)\b/i, "dns_error"],
  [/\b(ssl|tls|x509|certificate|self[- ]signed|handshake)\b/i, "tls_error"],
  [/\b(rate[- ]limit(s|ed)?|too many requests|quota exceeded)\b/i, "rate_limit"],
  [/\b(unauthori[sz]ed|forbidden|invalid api[- ]key|incorrect api[- ]key|authentication failed)\b/i, "auth_error"],
  [/\b(internal server error|bad gateway|service unavailable|gateway time-?out|overloaded)\b/i, "server_error"],
  [/\b(timed out|time-?out|deadline exceeded|etimedout)\b/i, "timeout"],
  [/\b(server-sent events?|sse|event-?stream)\b.*\b(abort(ed)?|closed|interrupted|disconnected)\b/i, "sse_aborted"],
  [/\b(no bytes|zero bytes|empty (response|body)|no data received)\b/i, "no_bytes"],
  [/\b((partial|incomplete|truncated) (chunks?|data|response|json)|unexpected end of (data|json input|stream))\b/i, "partial_chunks"],
  [
    /\b(connection (dropped|closed|lost|aborted|terminated)|socket hang up|broken pipe|epipe|premature close|other side closed|network (error|connection lost)|fetch failed|terminated)\b/i,
    "connection_dropped",
  ],
];

/** An HTTP status written in the message: "429 Too Many ..." (OpenAI SDK) or "status code 503". */
const STATUS_IN_MESSAGE = /^(\d{3})\b|\bstatus(?: code)?[: ]\s*(\d{3})\b/i;

/** Status code found in `message`, when it states one. */
export function statusFromMessage(message: string): number | undefined {
  const match = STATUS_IN_MESSAGE.exec(message);
  if (match === null) return undefined;
  const status = Number(match[1] ?? match[2]);
  return status >= 100 && status <= 599 ? status : undefined;
}

/** Classifies by message text alone; undefined when nothing matches. */
export function classifyMessage(message: string): ErrorType | undefined {
  for (const [pattern, type] of MESSAGE_RULES) if (pattern.test(message)) return type;
  return undefined;
}

/**
 * Names of the JavaScript built-in errors a program throws on its own bugs (ECMAScript's
 * NativeError types). Network code throws them too (undici's `TypeError: fetch failed`), which is
 * why their `cause` chain and a few known messages are read before calling them programming errors.
 */
const BUILT_IN_ERROR_NAMES: ReadonlySet<string> = new Set([
  "TypeError",
  "ReferenceError",
  "SyntaxError",
  "RangeError",
  "URIError",
  "EvalError",
]);

/** True for the name of a JavaScript built-in error (`TypeError`, `ReferenceError`, ...). */
export function isBuiltInError(name: string): boolean {
  return BUILT_IN_ERROR_NAMES.has(name);
}

/**
 * The only messages of a built-in error that speak of the network: what fetch implementations throw
 * (undici "fetch failed" / "terminated", Chromium "Failed to fetch", Firefox "NetworkError when
 * attempting to fetch resource.", WebKit "Load failed" / "The network connection was lost.",
 * React Native "Network request failed", Deno "error sending request for url") and JSON cut short.
 */
const BUILT_IN_MESSAGE_RULES: ReadonlyArray<readonly [RegExp, ErrorType]> = [
  [/^\s*(fetch failed|failed to fetch|terminated|load failed|network request failed)\.?\s*$/i, "connection_dropped"],
  [
    /\b(networkerror when attempting to fetch resource|the network connection was lost|error sending request for url)\b/i,
    "connection_dropped",
  ],
  [/\bunexpected end of (json input|data)\b/i, "partial_chunks"],
];

/** Classifies the message of a built-in error: undefined unless it is a known network failure. */
export function classifyBuiltInMessage(message: string): ErrorType | undefined {
  for (const [pattern, type] of BUILT_IN_MESSAGE_RULES) if (pattern.test(message)) return type;
  return undefined;
}
