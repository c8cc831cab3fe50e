/**
 * Faults the mock server can play on a request (chat completions, Responses or Anthropic
 * Messages), and their `x-mock-fault` header syntax.
 * @packageDocumentation
 */

/**
 * A fault for one model request. `afterChunks` counts content chunks already sent.
 * - `drop`: destroy the socket mid-stream (the client sees a terminated connection);
 * - `stall`: stop sending for `ms` (then finish normally), or until the client goes away;
 * - `status`: answer with an HTTP error in the API's own error format (`429` with `retry-after` —
 *   and `anthropic-ratelimit-*` headers on `/v1/messages` —, `500`, `529`, `401`...);
 * - `malformed`: send an event with invalid JSON, then end the response;
 * - `stream-error`: after a `200`, send the API's in-band error event for `status` (Anthropic
 *   `event: error` with `overloaded_error` for 529 or `rate_limit_error` for 429; Responses `error`
 *   with `rate_limit_exceeded` / `server_error`; chat `{"error": {...}}`), then end the response;
 * - `none`: a normal answer (useful in a queue: fail, then succeed).
 */
export type MockServerFault =
  | { type: "drop"; afterChunks: number }
  | { type: "stall"; afterChunks?: number; ms?: number }
  | { type: "status"; status: number; retryAfter?: number | string; message?: string }
  | { type: "malformed"; afterChunks?: number }
  | { type: "stream-error"; afterChunks: number; status: number; message?: string }
  | { type: "none" };

/** Builders for {@link MockServerFault}s. */
export const serverFaults = {
  /** Destroy the connection after `afterChunks` content chunks. */
  drop(afterChunks: number): MockServerFault {
    return { type: "drop", afterChunks };
  },
  /** Stop sending after `afterChunks` chunks, for `ms` or (when omitted) until the client disconnects. */
  stall(afterChunks = 0, ms?: number): MockServerFault {
    return ms === undefined ? { type: "stall", afterChunks } : { type: "stall", afterChunks, ms };
  },
  /** HTTP 429 with a `retry-after` header (seconds; decimals such as `0.05` keep tests fast). */
  rateLimit(retryAfter: number | string = 1): MockServerFault {
    return { type: "status", status: 429, retryAfter };
  },
  /** HTTP 500 (or another 5xx). */
  serverError(status = 500): MockServerFault {
    return { type: "status", status };
  },
  /** HTTP 529 `overloaded_error` (Anthropic's overload answer; a plain 529 on the OpenAI routes). */
  overloaded(): MockServerFault {
    return { type: "status", status: 529 };
  },
  /** The API's in-band error event for `status` (429, 500, 529...) after `afterChunks` chunks of a 200 stream. */
  streamError(afterChunks = 0, status = 500): MockServerFault {
    return { type: "stream-error", afterChunks, status };
  },
  /** HTTP 401. */
  unauthorized(): MockServerFault {
    return { type: "status", status: 401 };
  },
  /** A `data:` line with invalid JSON after `afterChunks` chunks. */
  malformed(afterChunks = 0): MockServerFault {
    return { type: "malformed", afterChunks };
  },
  /** No fault. */
  none(): MockServerFault {
    return { type: "none" };
  },
};

function int(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Parses the `x-mock-fault` request header: `drop:3`, `stall:2` / `stall:2:500` (after 2 chunks, for
 * 500 ms), `429` / `429:5` / `429:0.05` (retry-after in seconds), any other status code such as
 * `500`, `529` or `401`, `malformed:1`, `stream-error:2:529` (an in-band error event for 529 after
 * 2 chunks), `none`. Returns undefined for an absent or unknown value.
 */
export function parseFaultHeader(value: string | undefined): MockServerFault | undefined {
  if (value === undefined) return undefined;
  const [name, a, b] = value.trim().toLowerCase().split(":");
  switch (name) {
    case "drop":
      return { type: "drop", afterChunks: int(a) ?? 0 };
    case "stall": {
      const ms = int(b);
      return ms === undefined ? { type: "stall", afterChunks: int(a) ?? 0 } : { type: "stall", afterChunks: int(a) ?? 0, ms };
    }
    case "malformed":
      return { type: "malformed", afterChunks: int(a) ?? 0 };
    case "stream-error":
      return { type: "stream-error", afterChunks: int(a) ?? 0, status: int(b) ?? 500 };
    case "none":
      return { type: "none" };
    default: {
      const status = int(name);
      if (status === undefined || status < 400 || status > 599) return undefined;
      const retryAfter = a === undefined ? (status === 429 ? 1 : undefined) : a;
      return retryAfter === undefined ? { type: "status", status } : { type: "status", status, retryAfter };
    }
  }
}
