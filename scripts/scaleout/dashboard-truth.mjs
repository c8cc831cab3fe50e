// What every query of the Grafana dashboard must show for the calls of a window, computed from the
// calls' truth. Each entry pins the expression it was written for: a changed panel query fails the
// comparison until its truth is written down here too.
import { mapTotal, throughput, total } from "./truth.mjs";

const GEN_AI_DURATION = '{__name__=~"gen_ai_client_inference_duration(_seconds)?_bucket"}';
const GEN_AI_TTFC = '{__name__=~"gen_ai_client_inference_time_to_first_chunk(_seconds)?_bucket"}';

/** A single value; `rounding` is its relative error bound when it divides by float seconds summed from result.telemetry. */
const scalar = (expr, value, rounding = undefined) => ({ expr, kind: "scalar", value, rounding });
/** Relative error of a sum of `values` seconds each kept to the microsecond (0.5 µs per value). */
const roundingOf = (values) => (values.length * 0.5e-6) / total(values);
const by = (expr, label, values) => ({ expr, kind: "by", label, values });
const quantile = (expr, q, buckets, values, label) => ({ expr, kind: "quantile", q, buckets, values, label });
const perSecond = (map, s) => new Map([...map].map(([k, v]) => [k, v / s]));

/**
 * @param {import("./truth.mjs").Truth} w  truth of the calls inside the window
 * @param {number} s                       window length, seconds
 * @returns {Map<string, object>} by `panel title / refId`
 */
export function dashboardTruth(w, s) {
  const durationSum = total(w.durations);
  const retriesOf = (kind) => w.retriesByKind.get(kind) ?? 0;
  const ttfcByModel = new Map([...w.ttfcByModel].filter(([, values]) => values.length > 0));
  const violations = mapTotal(w.violationsByRule);
  return new Map([
    ["Requests / s / A", scalar("sum(rate(l0_requests_total[$__rate_interval]))", w.calls / s)],
    ["Requests in range / A", scalar("sum(increase(l0_requests_total[$__range]))", w.calls)],
    [
      "Network error ratio / A",
      scalar(
        "sum(rate(l0_network_errors_total[$__rate_interval])) / sum(rate(l0_requests_total[$__rate_interval]))",
        mapTotal(w.networkErrors) / w.calls,
      ),
    ],
    [
      "Throughput in range (tokens / s of generation) / A",
      scalar(
        "sum(rate(l0_tokens_total[$__range])) / sum(rate(l0_generation_seconds_total[$__range]))",
        throughput(w),
        roundingOf(w.generations),
      ),
    ],
    [
      "Time to first token (p50 / p99) / A",
      quantile(
        "histogram_quantile(0.5, sum by (le) (rate(l0_time_to_first_token_seconds_bucket[$__rate_interval])))",
        0.5,
        "l0_time_to_first_token_seconds_bucket",
        w.ttfts,
      ),
    ],
    [
      "Time to first token (p50 / p99) / B",
      quantile(
        "histogram_quantile(0.99, sum by (le) (rate(l0_time_to_first_token_seconds_bucket[$__rate_interval])))",
        0.99,
        "l0_time_to_first_token_seconds_bucket",
        w.ttfts,
      ),
    ],
    [
      "Request duration (p50 / p99 / avg) / A",
      quantile(
        "histogram_quantile(0.5, sum by (le) (rate(l0_request_duration_seconds_bucket[$__rate_interval])))",
        0.5,
        "l0_request_duration_seconds_bucket",
        w.durations,
      ),
    ],
    [
      "Request duration (p50 / p99 / avg) / B",
      quantile(
        "histogram_quantile(0.99, sum by (le) (rate(l0_request_duration_seconds_bucket[$__rate_interval])))",
        0.99,
        "l0_request_duration_seconds_bucket",
        w.durations,
      ),
    ],
    [
      "Request duration (p50 / p99 / avg) / C",
      scalar(
        "sum(rate(l0_request_duration_seconds_sum[$__rate_interval])) / sum(rate(l0_request_duration_seconds_count[$__rate_interval]))",
        durationSum / w.calls,
        roundingOf(w.durations),
      ),
    ],
    [
      "Throughput (tokens / s of generation) / A",
      scalar(
        "sum(rate(l0_tokens_total[$__rate_interval])) / sum(rate(l0_generation_seconds_total[$__rate_interval]))",
        throughput(w),
        roundingOf(w.generations),
      ),
    ],
    ["Throughput (tokens / s of generation) / B", scalar("sum(rate(l0_tokens_total[$__rate_interval]))", w.tokens / s)],
    ["Tokens: kept, discarded, billed / A", scalar("sum(increase(l0_tokens_total[$__rate_interval]))", w.tokens)],
    ["Tokens: kept, discarded, billed / B", scalar("sum(increase(l0_tokens_discarded_total[$__rate_interval]))", w.discardedTokens)],
    [
      "Tokens: kept, discarded, billed / C",
      by(
        "sum by (l0_token_type) (increase(l0_tokens_billed_total[$__rate_interval]))",
        "l0_token_type",
        new Map([
          ["input", w.usage.input],
          ["output", w.usage.output],
        ]),
      ),
    ],
    ["Retries by type / A", scalar("sum(rate(l0_retries_network_total[$__rate_interval]))", retriesOf("network") / s)],
    ["Retries by type / B", scalar("sum(rate(l0_retries_model_total[$__rate_interval]))", retriesOf("model") / s)],
    ["Retries by type / C", scalar("sum(rate(l0_retries_total[$__rate_interval]))", mapTotal(w.retriesByKind) / s)],
    [
      "Network errors by type / A",
      by("sum by (error_type) (rate(l0_network_errors_by_type_total[$__rate_interval]))", "error_type", perSecond(w.networkErrors, s)),
    ],
    [
      "Drift detected by type / A",
      by("sum by (drift_type) (rate(l0_drift_detected_total[$__rate_interval]))", "drift_type", perSecond(w.drift, s)),
    ],
    [
      "Guardrail violations by severity / A",
      by(
        "sum by (severity) (rate(l0_guardrail_violations_by_severity_total[$__rate_interval]))",
        "severity",
        perSecond(w.violationsBySeverity, s),
      ),
    ],
    [
      "Guardrail violations by rule / A",
      by("sum by (rule) (rate(l0_guardrail_violations_by_rule_total[$__rate_interval]))", "rule", perSecond(w.violationsByRule, s)),
    ],
    ["Guardrail violations by rule / B", scalar("sum(rate(l0_guardrail_violations_total[$__rate_interval]))", violations / s)],
    [
      "gen_ai.client.inference.duration (p50 / p99) / A",
      quantile(`histogram_quantile(0.5, sum by (le) (rate(${GEN_AI_DURATION}[$__rate_interval])))`, 0.5, GEN_AI_DURATION, w.durations),
    ],
    [
      "gen_ai.client.inference.duration (p50 / p99) / B",
      quantile(`histogram_quantile(0.99, sum by (le) (rate(${GEN_AI_DURATION}[$__rate_interval])))`, 0.99, GEN_AI_DURATION, w.durations),
    ],
    [
      "gen_ai.client.inference.time_to_first_chunk (p99 by model) / A",
      quantile(
        `histogram_quantile(0.99, sum by (le, gen_ai_request_model) (rate(${GEN_AI_TTFC}[$__rate_interval])))`,
        0.99,
        GEN_AI_TTFC,
        ttfcByModel,
        "gen_ai_request_model",
      ),
    ],
    [
      "gen_ai.client.inference.usage (billed tokens/s, input and output) / A",
      scalar("sum(rate(gen_ai_client_inference_usage_input_tokens_total[$__rate_interval]))", w.usage.input / s),
    ],
    [
      "gen_ai.client.inference.usage (billed tokens/s, input and output) / B",
      scalar("sum(rate(gen_ai_client_inference_usage_output_tokens_total[$__rate_interval]))", w.usage.output / s),
    ],
  ]);
}
