/**
 * Faults the mock OpenAI server can play on a request, and their `x-mock-fault` header syntax.
 * @packageDocumentation
 */

/**
 * A fault for one chat-completions request. `afterChunks` counts content chunks already sent.
 * - `drop`: destroy the socket mid-stream (the client sees a terminated connection);
 * - `stall`: stop sending for `ms` (then finish normally), or until the client goes away;
 * - `status`: answer with an HTTP error (`429` with `retry-after`, `500`, `401`...) in OpenAI's error format;
 * - `malformed`: send a `data:` line with invalid JSON, then end the response;
 * - `none`: a normal answer (useful in a queue: fail, then succeed).
 */
export type MockServerFault =
  | { type: "drop"; afterChunks: number }
  | { type: "stall"; afterChunks?: number; ms?: number }
  | { type: "status"; status: number; retryAfter?: number | string; message?: string }
  | { type: "malformed"; afterChunks?: number }
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
  /** HTTP 429 with a `retry-after` header (seconds). */
  rateLimit(retryAfter: number | string = 1): MockServerFault {
    return { type: "status", status: 429, retryAfter };
  },
  /** HTTP 500 (or another 5xx). */
  serverError(status = 500): MockServerFault {
    return { type: "status", status };
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
 * 500 ms), `429` / `429:5` (retry-after 5 s), any other status code such as `500` or `401`,
 * `malformed:1`, `none`. Returns undefined for an absent or unknown value.
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
