// Every call of the run is a complete trace in Jaeger's query API: its operation span (found by
// `l0.session.id`), one `l0.attempt` child per attempt the call made, numbered 1..n, each with the
// HTTP client span of its provider request; no span whose parent is missing; and l0's spans lie
// within their parents in time (attempt spans within the operation span, any l0 child within its
// parent). HTTP client spans come from the undici instrumentation, which ends them when the
// response body is done; how far they reach past their attempt span is reported, not failed on
// (l0 cannot end an attempt later than its provider stream ends).
//
// Jaeger keeps microseconds, converting start and duration from nanoseconds separately, each
// truncated: a child that ends exactly when its parent ends can show up to 1 µs past it, so the
// check allows that 1 µs and nothing more.
import { fetchTraces } from "../lib/jaeger-traces.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ROUNDING_US = 1;

const isHttpClient = (s) => s.kind === "client" && (s.attributes["http.request.method"] ?? s.attributes["http.method"]) !== undefined;

/** Finds each call's operation span; waits (up to `timeoutMs`) until every call's trace is complete. */
async function collect(queryUrl, service, calls, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const traces = await fetchTraces(queryUrl, service, calls.length * 2 + 100);
    const bySession = new Map();
    for (const trace of traces) {
      for (const span of trace.spans.values()) {
        const id = span.attributes["l0.session.id"];
        if (id !== undefined && span.parentId === undefined) bySession.set(id, { span, trace });
      }
    }
    const complete = calls.every((c) => {
      const op = bySession.get(c.sessionId)?.span;
      const attempts = op?.children.filter((a) => a.name === "l0.attempt") ?? [];
      return attempts.length === c.attempts && attempts.every((a) => a.children.some(isHttpClient));
    });
    if (complete || Date.now() > deadline) return { bySession, traces: traces.length };
    await sleep(500);
  }
}

/**
 * @param {{ queryUrl: string, service: string, calls: Array<{ sessionId: string, attempts: number, scenario: string }>, timeoutMs?: number }} options
 * @returns {Promise<{ calls: number, spans: number, attempts: number, http: number, outside: number, maxOutsideUs: number,
 *   httpOutside: number, maxHttpOutsideUs: number, httpByScenario: Record<string, number>, failures: string[] }>}
 */
export async function checkTraces({ queryUrl, service, calls, timeoutMs = 60_000 }) {
  const { bySession } = await collect(queryUrl, service, calls, timeoutMs);
  const failures = [];
  const summary = { calls: 0, spans: 0, attempts: 0, http: 0, outside: 0, maxOutsideUs: 0, httpOutside: 0, maxHttpOutsideUs: 0, httpByScenario: {}, failures };
  for (const call of calls) {
    const label = `${call.scenario} (${call.sessionId})`;
    const found = bySession.get(call.sessionId);
    if (found === undefined) {
      failures.push(`${label}: no operation span in Jaeger`);
      continue;
    }
    summary.calls++;
    const { span: op, trace } = found;
    const attempts = op.children.filter((s) => s.name === "l0.attempt");
    summary.attempts += attempts.length;
    if (attempts.length !== call.attempts) failures.push(`${label}: ${attempts.length} attempt spans, the call made ${call.attempts}`);
    const numbers = attempts.map((a) => Number(a.attributes["l0.attempt.number"])).sort((a, b) => a - b);
    if (!numbers.every((n, i) => n === i + 1)) failures.push(`${label}: attempt numbers ${numbers.join(",")}`);
    for (const attempt of attempts) {
      const http = attempt.children.filter(isHttpClient);
      summary.http += http.length;
      if (http.length === 0) failures.push(`${label}: attempt ${attempt.attributes["l0.attempt.number"]} has no HTTP client span`);
    }
    for (const span of trace.spans.values()) {
      summary.spans++;
      if (span.parentId === undefined) continue;
      const parent = trace.spans.get(span.parentId);
      if (parent === undefined) {
        failures.push(`${label}: span ${span.name} has a parent that is not in the trace`);
        continue;
      }
      const early = parent.startTime - span.startTime;
      const late = span.startTime + span.duration - (parent.startTime + parent.duration);
      const outside = Math.max(early, late);
      if (isHttpClient(span)) {
        if (outside > ROUNDING_US) {
          summary.httpOutside++;
          const status = span.attributes["http.response.status_code"] ?? span.attributes["error.type"] ?? "?";
          summary.httpByScenario[`${call.scenario} (HTTP ${status})`] = (summary.httpByScenario[`${call.scenario} (HTTP ${status})`] ?? 0) + 1;
        }
        summary.maxHttpOutsideUs = Math.max(summary.maxHttpOutsideUs, outside);
        continue;
      }
      summary.maxOutsideUs = Math.max(summary.maxOutsideUs, outside);
      if (outside > ROUNDING_US) {
        summary.outside++;
        failures.push(`${label}: ${span.name} lies ${early > 0 ? `${early} µs before` : `${late} µs after`} its parent ${parent.name}`);
      }
    }
  }
  return summary;
}
