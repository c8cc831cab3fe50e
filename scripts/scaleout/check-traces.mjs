// Every call of the run is a complete trace in Jaeger's query API: its operation span (found by
// `l0.session.id`) is the GenAI inference span (kind CLIENT, named `chat {model}`, the call's
// identity, and the call's billed usage: the only `gen_ai.usage.*` in the trace), with one
// `l0.attempt` child per attempt the call made (kind INTERNAL, numbered 1..n, no `gen_ai.*`
// attribute), each with the HTTP client span of its provider request; no span whose parent is
// missing; and l0's spans lie within their parents in time (attempt spans within the operation
// span, any l0 child within its parent). HTTP client spans come from the undici instrumentation, which ends them when the
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

const USAGE = { input: "gen_ai.usage.input_tokens", output: "gen_ai.usage.output_tokens" };

/**
 * What the operation span of `call` must say, as failure messages (none when it does): the GenAI
 * inference span of the call, the only span of its trace with billed usage; attempt spans without
 * any `gen_ai.*` attribute.
 */
export function checkOperation(op, trace, call) {
  const failures = [];
  const expect = (actual, wanted, what) => {
    if (actual !== wanted) failures.push(`${what} ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  expect(op.kind, "client", "operation span kind");
  expect(op.name, `chat ${call.model}`, "operation span name");
  expect(op.attributes["gen_ai.operation.name"], "chat", "gen_ai.operation.name");
  expect(op.attributes["gen_ai.provider.name"], "openai", "gen_ai.provider.name");
  expect(op.attributes["gen_ai.request.model"], call.model, "gen_ai.request.model");
  for (const [type, key] of Object.entries(USAGE)) {
    // Billed usage once per trace: on the operation span, nowhere else.
    const spans = [...trace.spans.values()].filter((s) => s.attributes[key] !== undefined);
    expect(op.attributes[key], call.usage?.[type], key);
    if (spans.some((s) => s !== op))
      failures.push(
        `${key} on ${spans
          .filter((s) => s !== op)
          .map((s) => s.name)
          .join(", ")} besides the operation span`,
      );
  }
  for (const attempt of op.children.filter((s) => s.name === "l0.attempt")) {
    const n = attempt.attributes["l0.attempt.number"];
    expect(attempt.kind, "internal", `attempt ${n} kind`);
    const genAi = Object.keys(attempt.attributes).filter((k) => k.startsWith("gen_ai."));
    if (genAi.length > 0) failures.push(`attempt ${n} carries ${genAi.join(", ")} (attempt spans are no GenAI spans)`);
  }
  return failures;
}

/**
 * @param {{ queryUrl: string, service: string, calls: Array<{ sessionId: string, attempts: number, scenario: string, model: string, usage?: { input: number, output: number } }>, timeoutMs?: number }} options
 * @returns {Promise<{ calls: number, inferenceSpans: number, spans: number, attempts: number, http: number, outside: number, maxOutsideUs: number,
 *   httpOutside: number, maxHttpOutsideUs: number, httpByScenario: Record<string, number>, failures: string[] }>}
 */
export async function checkTraces({ queryUrl, service, calls, timeoutMs = 60_000 }) {
  const { bySession } = await collect(queryUrl, service, calls, timeoutMs);
  const failures = [];
  const summary = {
    calls: 0,
    inferenceSpans: 0,
    spans: 0,
    attempts: 0,
    http: 0,
    outside: 0,
    maxOutsideUs: 0,
    httpOutside: 0,
    maxHttpOutsideUs: 0,
    httpByScenario: {},
    failures,
  };
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
    const wrong = checkOperation(op, trace, call);
    if (wrong.length === 0) summary.inferenceSpans++;
    for (const f of wrong) failures.push(`${label}: ${f}`);
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
          summary.httpByScenario[`${call.scenario} (HTTP ${status})`] =
            (summary.httpByScenario[`${call.scenario} (HTTP ${status})`] ?? 0) + 1;
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
