// Sums the truth of calls (as run-call.mjs wrote it down) into the numbers Prometheus must show.
// Each number follows its definition in semconv.md ("Numbers").

const add = (map, key, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * @typedef {object} Truth
 * @property {number} calls
 * @property {number} tokens                    kept output tokens (provider usage where read, else counted)
 * @property {number} discardedTokens           output tokens of attempts a retry discarded
 * @property {Map<string, number>} callsByModel
 * @property {Map<string, number>} failedByType calls by `error.type` ("" for calls that succeeded)
 * @property {Map<string, number>} retries      by `kind|reason`
 * @property {Map<string, number>} retriesByKind
 * @property {Map<string, number>} networkErrors by error type
 * @property {Map<string, number>} violationsByRule
 * @property {Map<string, number>} violationsBySeverity
 * @property {Map<string, number>} drift        by drift type (once per call and type)
 * @property {number[]} durations               l0's per-call duration, s (result.telemetry)
 * @property {number} ttftCalls                calls that delivered a token (each records a TTFT)
 * @property {number[]} ttfts                   l0's per-call time to first token, s
 * @property {number[]} generations             l0's per-call generation time of the kept output, s (calls that have one)
 * @property {Map<string, number[]>} ttfcByModel consumer-timed time to the call's first chunk, s
 * @property {number} ttfcCalls                calls that received a chunk (each records a time to first chunk)
 * @property {number} chunkGaps                 chunks after each attempt's first (time_per_output_chunk values)
 * @property {{ input: number, output: number }} usage  provider-reported (billed) tokens, all attempts
 */

/**
 * Sums the calls' truth (as run-call.mjs returns it).
 * @returns {Truth}
 */
export function sumTruth(calls) {
  const t = {
    calls: 0,
    tokens: 0,
    discardedTokens: 0,
    callsByModel: new Map(),
    failedByType: new Map(),
    retries: new Map(),
    retriesByKind: new Map(),
    networkErrors: new Map(),
    violationsByRule: new Map(),
    violationsBySeverity: new Map(),
    drift: new Map(),
    durations: [],
    ttftCalls: 0,
    ttfts: [],
    generations: [],
    ttfcByModel: new Map(),
    ttfcCalls: 0,
    chunkGaps: 0,
    usage: { input: 0, output: 0 },
  };
  for (const c of calls) {
    t.calls++;
    t.tokens += c.tokens;
    t.discardedTokens += c.discardedTokens;
    add(t.callsByModel, c.model);
    add(t.failedByType, c.errorType ?? "");
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
    if (c.consumer.ttftS !== undefined) t.ttftCalls++;
    if (c.l0.ttftS !== undefined) t.ttfts.push(c.l0.ttftS);
    if (c.l0.generationS !== undefined && c.l0.generationS > 0) t.generations.push(c.l0.generationS);
    const ttfc = t.ttfcByModel.get(c.model) ?? [];
    if (c.consumer.ttftS !== undefined) {
      ttfc.push(c.consumer.ttftS);
      t.ttfcCalls++;
    }
    t.ttfcByModel.set(c.model, ttfc);
    t.chunkGaps += c.chunkGaps;
    if (c.usage !== undefined) {
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

/**
 * Throughput over many calls (semconv.md, Numbers): kept output tokens over the generation time of
 * the kept output, both summed over the calls; NaN without generation time.
 */
export const throughput = (t) => (t.generations.length === 0 ? NaN : t.tokens / total(t.generations));
