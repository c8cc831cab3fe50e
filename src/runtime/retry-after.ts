/**
 * Reading a provider's `Retry-After` (and `retry-after-ms`) from the error shapes SDKs throw.
 * @packageDocumentation
 */

const MAX_CAUSE_DEPTH = 5;

/**
 * Parses a `Retry-After` value: delay-seconds (decimals allowed) or an HTTP-date. Returns ms from
 * `now` (never negative), or undefined when the value is missing or unparseable.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only accept values that look like dates (a weekday/month name or a digit run), not arbitrary words.
  if (!/\d{4}|GMT|UTC/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Reads header `name` from a `Headers` instance, a `Map`, or a plain object (case-insensitive). */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === "function") {
    try {
      const value = (getter as (key: string) => unknown).call(headers, name);
      if (typeof value === "string") return value;
      if (typeof value === "number") return String(value);
    } catch {
      // Not a Headers-like object after all: fall through to the plain-object read.
    }
  }
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== lower) continue;
    const value = (headers as Record<string, unknown>)[key];
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  }
  return undefined;
}

function headerSources(error: object): unknown[] {
  const e = error as { headers?: unknown; responseHeaders?: unknown; response?: { headers?: unknown } | null };
  let responseHeaders: unknown;
  try {
    responseHeaders = e.response?.headers;
  } catch {
    responseHeaders = undefined;
  }
  return [e.headers, e.responseHeaders, responseHeaders];
}

/**
 * The delay in ms a provider asked for on `error`, from `retry-after-ms` or `Retry-After` found in
 * `error.headers` (plain object or `Headers`, as the OpenAI SDK sets), `error.responseHeaders` (AI
 * SDK `APICallError`) or `error.response.headers`; the `cause` chain (and AI SDK `RetryError.lastError`)
 * is searched too. Undefined when there is none.
 */
export function getRetryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH; depth++) {
    if (typeof current !== "object" || current === null) return undefined;
    for (const headers of headerSources(current)) {
      const ms = readHeader(headers, "retry-after-ms");
      if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
      const parsed = parseRetryAfter(readHeader(headers, "retry-after"), now);
      if (parsed !== undefined) return parsed;
    }
    const next = current as { cause?: unknown; lastError?: unknown };
    current = next.cause ?? next.lastError;
  }
  return undefined;
}
