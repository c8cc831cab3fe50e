/**
 * One metric table, two paths: for one `l0()` call, the OTel instruments (as the facts happen) and
 * `createPrometheusCollector().record(result.telemetry)` (after the call) report the same numbers
 * under the same names and metric labels, zero series included. Only the identity labels differ
 * (GenAI attributes on the instruments, the caller's labels on the collector).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrometheusCollector } from "../../src/export/prometheus-collector.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { L0_METRICS } from "../../src/telemetry/metric-names.js";
import type { L0Telemetry } from "../../src/types/telemetry.js";
import { createHarness, type Harness } from "./otel-harness.js";
import { richCall } from "./rich-call.js";

const IDENTITY = /(gen_ai_operation_name|gen_ai_provider_name|gen_ai_request_model)="[^"]*",?/g;
const COLLECTOR_FAMILIES = new Set(L0_METRICS.filter((m) => m.collector).map((m) => m.promName));

let h: Harness;
let handle: L0InstrumentationHandle;
let telemetry: L0Telemetry;
let instruments: Map<string, number>;
let collector: Map<string, number>;

/** `family` of a sample name (`_bucket`, `_sum`, `_count` removed). */
function familyOf(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, "");
}

/** `name{labels}` → value of every sample of the collector's families, identity labels removed. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    const series = line.slice(0, space).replace(IDENTITY, "").replace(",}", "}").replace("{}", "");
    const name = /^[^{]+/.exec(series)![0];
    if (!COLLECTOR_FAMILIES.has(familyOf(name))) continue;
    // The instruments' overflow counter also covers the GenAI metrics, which the collector does not write.
    if (name === "l0_metric_overflow_total" && !series.includes('metric="l0_')) continue;
    out.set(series, Number(line.slice(space + 1)));
  }
  return out;
}

beforeAll(async () => {
  h = createHarness();
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
  telemetry = (await richCall()).telemetry!;
  instruments = samples(await h.prometheus());
  const c = createPrometheusCollector();
  c.record(telemetry);
  collector = samples(c.expose());
});
afterAll(async () => {
  await handle.shutdown();
});

describe("the instruments and createPrometheusCollector agree for one call", () => {
  it("is a call with retries of both kinds, a violation and drift", () => {
    expect(telemetry.retries).toEqual({ network: { econnreset: 1 }, model: { guardrail_violation: 1 } });
    expect(telemetry.guardrails?.violationCount).toBe(1);
    expect(telemetry.drift?.types).toEqual(["meta_commentary"]);
  });

  it("expose exactly the same series (names and metric labels), zero series included", () => {
    expect([...collector.keys()].sort()).toEqual([...instruments.keys()].sort());
    expect(collector.size).toBeGreaterThan(100);
    expect(collector.get('l0_retries_total{l0_retry_kind="network",error_type="econnreset"}')).toBe(1);
    expect(collector.get('l0_retries_model_total{l0_retry_kind="model",error_type="guardrail_violation"}')).toBe(1);
    expect(collector.get('l0_drift_detected_total{drift_type="meta_commentary"}')).toBe(1);
    expect(collector.get('l0_drift_detected_total{drift_type="hedging"}')).toBe(0);
    expect(collector.get('l0_network_errors_by_type_total{error_type="rate_limit"}')).toBe(0);
  });

  it("with the same values: counts and buckets exactly, sums, seconds and the gauge to a millionth", () => {
    // Telemetry carries times rounded to the microsecond (ms with 3 decimals); the instruments take them unrounded.
    for (const [series, value] of collector) {
      const other = instruments.get(series)!;
      if (/_sum\{|_sum$|^l0_tokens_per_second|^l0_generation_seconds_total/.test(series))
        expect(Math.abs(value - other), series).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(other)));
      else expect(value, series).toBe(other);
    }
  });
});
