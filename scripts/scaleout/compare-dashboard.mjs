// Evaluates every dashboard query over the window that covers the run and compares its values with
// the truth of the window's calls (dashboard-truth.mjs).
//
// Counter panels must be exact: the window runs from one scrape to a later one of the same target,
// so rate()/increase() have no window edge to extrapolate to (a series that appears inside the
// window at 0 is not extrapolated below 0 either). A series that appears inside the window already
// above 0 loses its first count, which is exactly what the comparison is there to catch.
// Quantile panels must land in the bucket of the true quantile or a neighbouring one: the true
// values are read per call, the histogram only knows buckets.
import { resolveGrafanaVariables } from "../lib/dashboard-queries.mjs";

/** Bucket boundaries (`le`, +Inf last) of a bucket selector, as Prometheus has them at `timeMs`. */
async function bucketBounds(prometheus, selector, timeMs) {
  const data = await prometheus.query(`count by (le) (${selector})`, timeMs);
  return data.result.map((r) => Number(r.metric.le === "+Inf" ? Infinity : r.metric.le)).sort((a, b) => a - b);
}

const bucketOf = (value, bounds) => bounds.findIndex((b) => value <= b);

/** The q-quantile of `values` as a rank statistic: the ceil(q·n)-th smallest value. */
export function trueQuantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.max(1, Math.ceil(q * sorted.length - 1e-9));
  return sorted[k - 1];
}

const near = (expected, actual, relative) =>
  Number.isFinite(actual) && Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-12);

/**
 * @param {object} prometheus       { query(expr, timeMs) }
 * @param {Array<{ panel: string, refId: string, expr: string }>} queries
 * @param {Map<string, object>} truth  dashboardTruth(...)
 * @param {{ endMs: number, rangeMs: number, widenMs: number }} window  evaluation time and range;
 *   `widenMs` > 0 when the range had to be widened to include the start sample (left-open ranges)
 */
export async function compareDashboard(prometheus, queries, truth, { endMs, rangeMs, widenMs }) {
  const relative = 1e-9 + widenMs / rangeMs;
  const rows = [];
  const row = (key, labels, expected, actual, ok, note = "") => rows.push({ key, labels, truth: expected, prometheus: actual, ok, note });
  for (const q of queries) {
    const key = `${q.panel} / ${q.refId}`;
    const spec = truth.get(key);
    if (spec === undefined) {
      row(key, "", "?", "?", false, `no truth written down for ${q.expr}`);
      continue;
    }
    if (spec.expr !== q.expr) {
      row(key, "", "?", "?", false, `the query changed: ${q.expr} (the truth is for ${spec.expr})`);
      continue;
    }
    const expr = resolveGrafanaVariables(q.expr, `${rangeMs}ms`, `${rangeMs}ms`);
    const { result } = await prometheus.query(expr, endMs);
    if (spec.kind === "scalar") {
      const value = result.length === 0 ? 0 : Number(result[0].value[1]);
      // A ratio of float seconds read from result.telemetry (kept to the microsecond) carries their rounding.
      row(key, "", spec.value, value, result.length <= 1 && near(spec.value, value, relative + (spec.rounding ?? 0)));
    } else if (spec.kind === "by") {
      const actual = new Map(result.map((r) => [r.metric[spec.label] ?? "", Number(r.value[1])]));
      for (const label of new Set([...spec.values.keys(), ...actual.keys()])) {
        const expected = spec.values.get(label) ?? 0;
        const value = actual.get(label) ?? 0;
        if (expected === 0 && value === 0) continue;
        row(key, label, expected, value, near(expected, value, relative));
      }
    } else {
      const bounds = await bucketBounds(prometheus, spec.buckets, endMs);
      const groups = spec.label === undefined ? new Map([["", spec.values]]) : spec.values;
      const actual = new Map(result.map((r) => [spec.label === undefined ? "" : (r.metric[spec.label] ?? ""), Number(r.value[1])]));
      for (const [label, values] of groups) {
        const expected = trueQuantile(values, spec.q);
        const value = actual.get(label);
        const distance =
          value === undefined || !Number.isFinite(value) ? Infinity : Math.abs(bucketOf(value, bounds) - bucketOf(expected, bounds));
        const note = distance === 0 ? "same bucket" : distance === 1 ? "neighbouring bucket" : "";
        row(key, label, expected, value ?? NaN, distance <= 1, note);
      }
      for (const label of actual.keys()) {
        if (!groups.has(label)) row(key, label, NaN, actual.get(label), false, "a series the calls did not produce");
      }
    }
  }
  return rows;
}
