// Prometheus' totals (instant queries at the final scrape) against the sum of the processes' truth.
import { mapTotal, total } from "./truth.mjs";

/** `__name__` pattern for a GenAI histogram sample: the Collector adds `_seconds`, the OTel JS exporter does not. */
const genAi = (name, sample) => `{__name__=~"${name}(_seconds)?_${sample}"}`;

/**
 * The rows to compare: a PromQL expression, the labels it groups by, and the truth (a number, or a
 * Map from the `by` label values joined with "," to numbers). `seconds` rows are sums of float
 * seconds over `seconds` observations, compared within half a microsecond per observation: the
 * truth is read from result.telemetry, whose times are kept to the microsecond.
 * @param {import("./truth.mjs").Truth} t
 * @param {{ label: string, truth: Map<string, number> }} perProcess  requests by instance label
 */
export function totalRows(t, perProcess) {
  const byKind = (kind) => new Map([...t.retries].filter(([k]) => k.startsWith(`${kind}|`)).map(([k, v]) => [k.split("|")[1], v]));
  return [
    { what: "requests", expr: "sum(l0_requests_total)", truth: t.calls },
    {
      what: "requests by model",
      expr: "sum by (gen_ai_request_model) (l0_requests_total)",
      by: ["gen_ai_request_model"],
      truth: t.callsByModel,
    },
    {
      what: "requests by process",
      expr: `sum by (${perProcess.label}) (l0_requests_total)`,
      by: [perProcess.label],
      truth: perProcess.truth,
    },
    { what: "kept tokens", expr: "sum(l0_tokens_total)", truth: t.tokens },
    { what: "discarded tokens", expr: "sum(l0_tokens_discarded_total)", truth: t.discardedTokens },
    {
      what: "billed tokens by type",
      expr: "sum by (l0_token_type) (l0_tokens_billed_total)",
      by: ["l0_token_type"],
      truth: new Map([
        ["input", t.usage.input],
        ["output", t.usage.output],
      ]),
    },
    {
      what: "generation time (s)",
      expr: "sum(l0_generation_seconds_total)",
      truth: total(t.generations),
      seconds: t.generations.length,
    },
    {
      what: "retries by kind, reason",
      expr: "sum by (l0_retry_kind, error_type) (l0_retries_total)",
      by: ["l0_retry_kind", "error_type"],
      truth: new Map([...t.retries].map(([k, v]) => [k.replace("|", ","), v])),
    },
    {
      what: "network retries by reason",
      expr: "sum by (error_type) (l0_retries_network_total)",
      by: ["error_type"],
      truth: byKind("network"),
    },
    { what: "model retries by reason", expr: "sum by (error_type) (l0_retries_model_total)", by: ["error_type"], truth: byKind("model") },
    { what: "network errors", expr: "sum(l0_network_errors_total)", truth: mapTotal(t.networkErrors) },
    {
      what: "network errors by type",
      expr: "sum by (error_type) (l0_network_errors_by_type_total)",
      by: ["error_type"],
      truth: t.networkErrors,
    },
    { what: "violations", expr: "sum(l0_guardrail_violations_total)", truth: mapTotal(t.violationsByRule) },
    { what: "violations by rule", expr: "sum by (rule) (l0_guardrail_violations_by_rule_total)", by: ["rule"], truth: t.violationsByRule },
    {
      what: "violations by severity",
      expr: "sum by (severity) (l0_guardrail_violations_by_severity_total)",
      by: ["severity"],
      truth: t.violationsBySeverity,
    },
    { what: "drift by type", expr: "sum by (drift_type) (l0_drift_detected_total)", by: ["drift_type"], truth: t.drift },
    { what: "duration observations", expr: "sum(l0_request_duration_seconds_count)", truth: t.calls },
    { what: "duration sum (s)", expr: "sum(l0_request_duration_seconds_sum)", truth: total(t.durations), seconds: t.durations.length },
    { what: "TTFT observations", expr: "sum(l0_time_to_first_token_seconds_count)", truth: t.ttftCalls },
    { what: "TTFT sum (s)", expr: "sum(l0_time_to_first_token_seconds_sum)", truth: total(t.ttfts), seconds: t.ttfts.length },
    { what: "gen_ai duration observations", expr: `sum(${genAi("gen_ai_client_inference_duration", "count")})`, truth: t.calls },
    {
      what: "gen_ai duration observations by error type",
      expr: `sum by (error_type) (${genAi("gen_ai_client_inference_duration", "count")})`,
      by: ["error_type"],
      truth: t.failedByType,
    },
    {
      what: "gen_ai duration sum (s)",
      expr: `sum(${genAi("gen_ai_client_inference_duration", "sum")})`,
      truth: total(t.durations),
      seconds: t.durations.length,
    },
    {
      what: "gen_ai time-to-first-chunk observations",
      expr: `sum(${genAi("gen_ai_client_inference_time_to_first_chunk", "count")})`,
      truth: t.ttfcCalls,
    },
    {
      what: "gen_ai time-per-output-chunk observations",
      expr: `sum(${genAi("gen_ai_client_inference_time_per_output_chunk", "count")})`,
      truth: t.chunkGaps,
    },
    ...["input", "output"].flatMap((type) => [
      {
        what: `gen_ai usage ${type} tokens by modality`,
        expr: `sum by (gen_ai_token_modality) (gen_ai_client_inference_usage_${type}_tokens_total)`,
        by: ["gen_ai_token_modality"],
        // Calls without usage add 0 under `unknown`: a zero row is not compared.
        truth: new Map([["text", t.usage[type]]]),
      },
      {
        what: `gen_ai operation ${type} tokens observations by error type`,
        expr: `sum by (error_type) (gen_ai_client_inference_operation_${type}_tokens_count)`,
        by: ["error_type"],
        truth: t.failedByType,
      },
      {
        what: `gen_ai operation ${type} tokens sum`,
        expr: `sum(gen_ai_client_inference_operation_${type}_tokens_sum)`,
        truth: t.usage[type],
      },
    ]),
  ];
}

/** True when `actual` equals `expected` (a sum of `observations` float seconds: within 0.5 µs each). */
export function same(expected, actual, observations = undefined) {
  if (!Number.isFinite(actual)) return false;
  if (observations === undefined) return actual === expected;
  return Math.abs(actual - expected) <= observations * 0.5e-6 + 1e-9 * Math.abs(expected);
}

/**
 * Evaluates every row at `timeMs`; returns one result line per number compared (maps: one per
 * label value that is non-zero on either side; a value missing on one side counts as 0).
 */
export async function compareTotals(prometheus, rows, timeMs) {
  const out = [];
  for (const row of rows) {
    const data = await prometheus.query(row.expr, timeMs);
    const actual = new Map();
    for (const r of data.result) {
      const key = (row.by ?? []).map((l) => r.metric[l] ?? "").join(",");
      actual.set(key, (actual.get(key) ?? 0) + Number(r.value?.[1]));
    }
    if (row.by === undefined) {
      const value = actual.get("") ?? 0;
      out.push({
        what: row.what,
        labels: "",
        truth: row.truth,
        prometheus: value,
        ok: same(row.truth, value, row.seconds),
        expr: row.expr,
      });
      continue;
    }
    for (const key of new Set([...row.truth.keys(), ...actual.keys()])) {
      const truth = row.truth.get(key) ?? 0;
      const value = actual.get(key) ?? 0;
      if (truth === 0 && value === 0) continue;
      out.push({ what: row.what, labels: key, truth, prometheus: value, ok: same(truth, value, row.seconds), expr: row.expr });
    }
  }
  return out;
}
