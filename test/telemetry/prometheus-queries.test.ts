/**
 * What a real Prometheus computes from l0's metrics (scraping the OTel Prometheus endpoint of
 * `registerL0Instrumentation`):
 * - `histogram_quantile` p50 and p99 of l0's latency histograms are within one bucket of the true
 *   quantiles of a known distribution that includes 85 s calls (the GenAI advisory buckets, which
 *   end at 81.92 s, cannot say more than "81.92");
 * - `increase()` counts the first event of a labelled counter, because its series existed at 0
 *   before (a series created by its first event is invisible to it, as for an unconfigured rule).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrometheus, type PrometheusServer } from "../../scripts/lib/prometheus-server.mjs";
import { CallMetrics } from "../../src/telemetry/call-metrics.js";
import { getInstruments, type L0Instruments } from "../../src/telemetry/instruments.js";
import { L0_LATENCY_BUCKETS } from "../../src/telemetry/metric-names.js";
import { RecorderState } from "../../src/telemetry/recorder-state.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { freePort } from "../helpers/free-port.js";

const CALLS = 200;
let handle: L0InstrumentationHandle;
let prometheus: PrometheusServer;
let instruments: L0Instruments;

/** Call i of the known distribution: durations log-spread over 0.3-20 s plus three 85 s calls; TTFT 30-430 ms, skewed low. */
function latencies(i: number): { duration: number; ttft: number } {
  const u = (i + 0.5) / CALLS;
  return { duration: i >= CALLS - 3 ? 85 : 0.3 * (20 / 0.3) ** u, ttft: 0.03 + 0.4 * u ** 3 };
}

/** Nearest-rank quantile. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1]!;
}

/** Index of the bucket holding `x` (`buckets.length` for +Inf). */
function bucketOf(x: number, buckets: readonly number[]): number {
  const i = buckets.findIndex((b) => x <= b);
  return i < 0 ? buckets.length : i;
}

/** Records one ended call on l0's instruments. */
function endCall(metrics: CallMetrics, durationS: number, ttftS: number): void {
  const state = new RecorderState("q", 0, false, false);
  state.started = true;
  state.ended = true;
  state.outcome = "success";
  state.tEnd = durationS * 1000;
  state.firstTokenAt = ttftS * 1000;
  state.keptTokens = 10;
  metrics.callEnded(state);
}

async function value(expr: string): Promise<number | undefined> {
  const data = await prometheus.query(expr);
  const sample = data.result[0]?.value;
  return sample === undefined ? undefined : Number(sample[1]);
}

async function until(expr: string, ok: (v: number | undefined) => boolean, timeoutMs = 60_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await value(expr);
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${expr} stayed at ${String(v)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  const port = await freePort();
  handle = registerL0Instrumentation({ prometheus: { port } });
  await handle.ready;
  instruments = getInstruments(handle.meterProvider);
  prometheus = await startPrometheus({ targets: [{ job: "l0", target: `127.0.0.1:${port}` }] });
});
afterAll(async () => {
  await prometheus?.stop();
  await handle?.shutdown();
});

describe("histogram_quantile over l0's latency buckets", () => {
  it("gives p50 and p99 within one bucket of the truth, 85 s calls included", async () => {
    const metrics = new CallMetrics(instruments, { "gen_ai.operation.name": "chat", "gen_ai.request.model": "latency" });
    const calls = Array.from({ length: CALLS }, (_, i) => latencies(i));
    for (const call of calls) endCall(metrics, call.duration, call.ttft);
    const where = '{gen_ai_request_model="latency"}';
    await until(`sum(l0_request_duration_seconds_count${where})`, (v) => v === CALLS);
    await until(`sum(l0_time_to_first_token_seconds_count${where})`, (v) => v === CALLS);
    const percentiles = (values: number[]) => ({ p50: quantile(values, 0.5), p99: quantile(values, 0.99) });
    const truth = { duration: percentiles(calls.map((c) => c.duration)), ttft: percentiles(calls.map((c) => c.ttft)) };
    expect(truth.duration.p99).toBe(85);
    for (const [metric, key] of [
      ["l0_request_duration_seconds", "duration"],
      ["l0_time_to_first_token_seconds", "ttft"],
    ] as const) {
      for (const [q, name] of [
        [0.5, "p50"],
        [0.99, "p99"],
      ] as const) {
        const estimate = (await value(`histogram_quantile(${q}, sum by (le) (${metric}_bucket${where}))`))!;
        const real = truth[key][name];
        expect(
          Math.abs(bucketOf(estimate, L0_LATENCY_BUCKETS) - bucketOf(real, L0_LATENCY_BUCKETS)),
          `${metric} ${name}: ${estimate} vs ${real}`,
        ).toBeLessThanOrEqual(1);
        expect(estimate / real, `${metric} ${name}: ${estimate} vs ${real}`).toBeGreaterThan(1 / 1.5 ** 2);
        expect(estimate / real, `${metric} ${name}: ${estimate} vs ${real}`).toBeLessThan(1.5 ** 2);
      }
    }
    // The same calls on the GenAI advisory buckets (2x apart, up to 81.92 s): p99 cannot reach 85 s.
    const genAiP99 = await value(`histogram_quantile(0.99, sum by (le) (gen_ai_client_inference_duration_bucket${where}))`);
    expect(genAiP99).toBe(81.92);
  }, 120_000);
});

describe("series that exist at 0 before their first event", () => {
  it("let increase() count the first retry, error, violation of a configured rule and drift", async () => {
    const identity = { "gen_ai.operation.name": "chat", "gen_ai.request.model": "zeros" };
    const where = (labels: string): string => `{gen_ai_request_model="zeros",${labels}}`;
    const retries = `l0_retries_total${where('l0_retry_kind="network",error_type="rate_limit"')}`;
    const byType = `l0_network_errors_by_type_total${where('error_type="rate_limit"')}`;
    const configured = `l0_guardrail_violations_by_rule_total${where('rule="json"')}`;
    const unconfigured = `l0_guardrail_violations_by_rule_total${where('rule="surprise"')}`;
    const drift = `l0_drift_detected_total${where('drift_type="hedging"')}`;

    // A first call of the identity, configured with the rule "json": nothing happens, the series exist at 0.
    void new CallMetrics(instruments, identity, { guardrailRules: ["json"] });
    for (const series of [retries, byType, configured, drift]) await until(series, (v) => v === 0);

    // A call that meets each of these once; its metrics are recorded from its facts when it ends.
    const metrics = new CallMetrics(instruments, identity, { guardrailRules: ["json"] });
    const facts = new RecorderState("z", 0, false, false);
    facts.started = true;
    facts.ended = true;
    facts.outcome = "success";
    facts.addNetworkError("rate_limit", "Error", 0, true, 0);
    facts.addRetry("network", "rate_limit");
    facts.addViolation({ rule: "json", message: "m", severity: "error", recoverable: true });
    facts.addViolation({ rule: "surprise", message: "m", severity: "warning", recoverable: true });
    facts.addDrift([{ type: "hedging", confidence: 0.9 }]);
    metrics.callEnded(facts);
    for (const series of [retries, byType, configured, drift, unconfigured]) await until(series, (v) => v === 1);
    await until(`count_over_time(${unconfigured}[5m])`, (v) => v !== undefined && v >= 2);

    for (const series of [retries, byType, configured, drift]) {
      expect(await value(`increase(${series}[5m])`), series).toBeGreaterThanOrEqual(1);
    }
    // What remains: a series whose label value was not known ahead starts at 1, and increase() misses it.
    expect(await value(`increase(${unconfigured}[5m])`)).toBe(0);
  }, 120_000);
});
