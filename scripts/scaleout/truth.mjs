// Sums the truth of calls (as run-call.mjs wrote it down) into the numbers Prometheus must show.

const add = (map, key, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * @typedef {object} Truth
 * @property {number} calls
 * @property {number} tokens                    token events delivered, all attempts
 * @property {Map<string, number>} callsByModel
 * @property {Map<string, number>} retries      by `kind|reason`
 * @property {Map<string, number>} retriesByKind
 * @property {Map<string, number>} networkErrors by error type
 * @property {Map<string, number>} violationsByRule
 * @property {Map<string, number>} violationsBySeverity
 * @property {Map<string, number>} drift        by drift type (once per call and type)
 * @property {number[]} durations               l0's per-call duration, s (result.telemetry)
 * @property {number} ttftCalls                calls that delivered a token (each records a TTFT)
 * @property {number[]} ttfts                   l0's per-call time to first token, s
 * @property {Map<string, number[]>} ttfcByModel consumer-timed time to first chunk per attempt, s
 * @property {number} firstChunks               attempts that received a first chunk
 * @property {number} usageCalls                calls whose provider reported usage
 * @property {{ input: number, output: number }} usage  provider-reported tokens, all attempts
 */

/**
 * Sums the calls' truth (as run-call.mjs returns it).
 * @returns {Truth}
 */
export function sumTruth(calls) {
  const t = {
    calls: 0,
    tokens: 0,
    callsByModel: new Map(),
    retries: new Map(),
    retriesByKind: new Map(),
    networkErrors: new Map(),
    violationsByRule: new Map(),
    violationsBySeverity: new Map(),
    drift: new Map(),
    durations: [],
    ttftCalls: 0,
    ttfts: [],
    ttfcByModel: new Map(),
    firstChunks: 0,
    usageCalls: 0,
    usage: { input: 0, output: 0 },
  };
  for (const c of calls) {
    t.calls++;
    t.tokens += c.tokens;
    add(t.callsByModel, c.model);
    for (const r of c.retries) {
      add(t.retries, `${r.kind}|${r.reason}`);
      add(t.retriesByKind, r.kind);
    }
    for (const type of c.networkErrors) add(t.networkErrors, type);
    for (const v of c.violations) {
      add(t.violationsByRule, v.rule);
      add(t.violationsBySeverity, v.severity);
    }
    for (const type of c.driftTypes) add(t.drift, type);
    if (c.l0.durationS !== undefined) t.durations.push(c.l0.durationS);
    if (c.tokens > 0) t.ttftCalls++;
    if (c.l0.ttftS !== undefined) t.ttfts.push(c.l0.ttftS);
    const ttfc = t.ttfcByModel.get(c.model) ?? [];
    ttfc.push(...c.consumer.ttfcS);
    t.ttfcByModel.set(c.model, ttfc);
    t.firstChunks += c.consumer.ttfcS.length;
    if (c.usage !== undefined) {
      t.usageCalls++;
      t.usage.input += c.usage.input;
      t.usage.output += c.usage.output;
    }
  }
  return t;
}

/** Sum of the values, s. */
export const total = (values) => values.reduce((s, v) => s + v, 0);

/** Map total. */
export const mapTotal = (map) => [...map.values()].reduce((s, v) => s + v, 0);
