/**
 * `retry.retryOn` also accepts the retry reasons of the original l0 library, so options ported from
 * it keep working. Seven of its nine names are l0 error types of the same meaning; `network_error`
 * and `incomplete` stand for several l0 types each.
 * @packageDocumentation
 */
import { ERROR_TYPES, type ErrorType } from "./error-types.js";

/**
 * The original library's retry reasons and the l0 error types each one covers:
 * - `network_error`: every transport failure its network check caught, timeouts included (that
 *   check also caught the original's own "initial/inter-token timeout" errors): the `network`
 *   types except `rate_limit` and `server_error`, which it reported as their own reasons.
 * - `incomplete`: the output was cut short — the stream broke off after it began (a connection
 *   dropped or reset mid-stream, a truncated chunk, the event stream closed, a stall between tokens).
 * - `timeout`, `rate_limit`, `server_error`, `zero_output`, `guardrail_violation`, `drift`,
 *   `unknown`: the l0 type of the same name.
 */
export const RETRY_ON_ALIASES = Object.freeze({
  network_error: Object.freeze([
    "connection_dropped",
    "econnreset",
    "econnrefused",
    "dns_error",
    "timeout",
    "sse_aborted",
    "partial_chunks",
    "no_bytes",
    "initial_token_timeout",
    "inter_token_timeout",
  ] as const),
  incomplete: Object.freeze(["connection_dropped", "econnreset", "sse_aborted", "partial_chunks", "inter_token_timeout"] as const),
  timeout: Object.freeze(["timeout"] as const),
  rate_limit: Object.freeze(["rate_limit"] as const),
  server_error: Object.freeze(["server_error"] as const),
  zero_output: Object.freeze(["zero_output"] as const),
  guardrail_violation: Object.freeze(["guardrail_violation"] as const),
  drift: Object.freeze(["drift"] as const),
  unknown: Object.freeze(["unknown"] as const),
} satisfies Record<string, readonly ErrorType[]>);

/** A retry reason of the original library: a key of {@link RETRY_ON_ALIASES}. */
export type RetryOnAlias = keyof typeof RETRY_ON_ALIASES;

/** What `retry.retryOn` lists: l0 error types and the original library's names. */
export type RetryOnEntry = ErrorType | RetryOnAlias;

/** True when `value` is one of {@link ERROR_TYPES} or a key of {@link RETRY_ON_ALIASES}. */
export function isRetryOnEntry(value: unknown): value is RetryOnEntry {
  return typeof value === "string" && (Object.hasOwn(RETRY_ON_ALIASES, value) || (ERROR_TYPES as readonly string[]).includes(value));
}

/** Every name `retry.retryOn` accepts: the error types, then the aliases that are not error types. */
export const RETRY_ON_NAMES: readonly string[] = Object.freeze([
  ...ERROR_TYPES,
  ...Object.keys(RETRY_ON_ALIASES).filter((name) => !(ERROR_TYPES as readonly string[]).includes(name)),
]);

/** The l0 error types `entries` stand for, aliases expanded, each once, in the order first named. */
export function expandRetryOn(entries: readonly RetryOnEntry[]): ErrorType[] {
  const out = new Set<ErrorType>();
  for (const entry of entries) {
    if (Object.hasOwn(RETRY_ON_ALIASES, entry)) for (const type of RETRY_ON_ALIASES[entry as RetryOnAlias]) out.add(type);
    else out.add(entry as ErrorType);
  }
  return [...out];
}
