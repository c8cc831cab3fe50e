/**
 * The series limit under the hostile case of issue 13: 5,000 calls over 2,000 distinct model names,
 * scraped between calls (so cumulative storage would keep every label set). Every metric name stays
 * within the default limit of exported series (histogram buckets included), a full scrape of the
 * real OTel Prometheus endpoint stays under 1 MB and is valid, nothing is lost (totals include the
 * overflow series), and the overflow is visible: a counter per metric and one diag warning each.
 */
import { diag, DiagLogLevel } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrometheusCollector } from "../../src/export/prometheus-collector.js";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { DEFAULT_CARDINALITY_LIMIT } from "../../src/telemetry/series-limiter.js";
import { L0_METRICS } from "../../src/telemetry/metric-names.js";
import { promtoolCheckMetrics } from "../export/promtool.js";
import { fullTelemetry } from "../export/fixtures.js";
import { freePort } from "../helpers/free-port.js";

const CALLS = 5000;
const MODELS = 2000;
const MB = 1_000_000;

let handle: L0InstrumentationHandle;
let port = 0;
const warnings: string[] = [];

const model = (i: number): string => `model-${String(i % MODELS).padStart(4, "0")}`;

/** A call with a network retry, a violation, drift and provider usage; every 10th fails. */
function call(i: number): void {
  const o = createCallObserver({ enabled: true, sampleRate: 0, provider: "openai", model: model(i) }, `s${i}`);
  o.callStarted();
  o.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  o.chunkReceived();
  o.networkError("rate_limit", new Error("429"), true, 1);
  o.retryScheduled("network", "rate_limit", 1);
  o.attemptEnded({ outcome: "retry", errorType: "rate_limit" });
  o.attemptStarted({ attempt: 2, fallbackIndex: 0, reason: "rate_limit", retryKind: "network" });
  for (let t = 0; t < 3; t++) {
    o.chunkReceived();
    o.tokenDelivered();
  }
  o.guardrailViolation({ rule: "json", message: "m", severity: "warning", recoverable: true });
  o.drift([{ type: "repetition", confidence: 0.9 }], 0.9);
  o.attemptEnded({ outcome: "success", usage: { inputTokens: 5, outputTokens: 3 } });
  if (i % 10 === 0) o.callEnded("failed", "server_error", new Error("503"));
  else o.callEnded("success");
}

/** Series per metric family of a text exposition (buckets, `_sum` and `_count` counted). */
function seriesByFamily(text: string, families: Iterable<string>): Map<string, number> {
  const known = new Set(families);
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const name = /^[^{ ]+/.exec(line)![0];
    const family = known.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
    out.set(family, (out.get(family) ?? 0) + 1);
  }
  return out;
}

/** Sum of the values of a family's samples whose line matches `filter`. */
function total(text: string, sample: string, filter = ""): number {
  let sum = 0;
  for (const line of text.split("\n"))
    if (line.startsWith(`${sample}{`) && line.includes(filter)) sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  return sum;
}

beforeAll(async () => {
  diag.setLogger(
    { warn: (m: string) => warnings.push(m), error: () => {}, info: () => {}, debug: () => {}, verbose: () => {} },
    DiagLogLevel.WARN,
  );
  port = await freePort();
  handle = registerL0Instrumentation({ prometheus: { port } });
  await handle.ready;
});
afterAll(async () => {
  await handle.shutdown();
  diag.disable();
});

describe(`${CALLS} calls over ${MODELS} model names`, () => {
  it("keep every metric name of the real /metrics scrape within the series limit, the scrape under 1 MB and valid", async () => {
    let text = "";
    for (let i = 0; i < CALLS; i++) {
      call(i);
      if (i % 1000 === 999) text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    }
    const families = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
    const series = seriesByFamily(text, families);
    // Every metric but throughput, which needs time to pass within a call (these calls run in one turn).
    const timed = new Set(["l0_tokens_per_second"]);
    expect(families.sort()).toEqual(["target_info", ...L0_METRICS.map((m) => m.promName).filter((name) => !timed.has(name))].sort());
    for (const [family, n] of series) expect(n, family).toBeLessThanOrEqual(DEFAULT_CARDINALITY_LIMIT);
    expect(series.get("l0_request_duration_seconds")).toBeGreaterThan(DEFAULT_CARDINALITY_LIMIT / 2);
    expect(Buffer.byteLength(text)).toBeLessThan(MB);
    expect(promtoolCheckMetrics(text).status).toBe(0);

    // Nothing is lost: the totals include the overflow series, whose measurements are counted.
    expect(total(text, "l0_requests_total")).toBe(CALLS);
    expect(total(text, "l0_request_duration_seconds_count")).toBe(CALLS);
    expect(total(text, "l0_retries_network_total")).toBe(CALLS);
    const overflowed = total(text, "l0_requests_total", 'otel_metric_overflow="true"');
    expect(overflowed).toBeGreaterThan(0);
    expect(total(text, "l0_metric_overflow_total", 'metric="l0_requests_total"')).toBe(overflowed);
    expect(total(text, "l0_metric_overflow_total", 'metric="l0_request_duration_seconds"')).toBe(
      total(text, "l0_request_duration_seconds_count", 'otel_metric_overflow="true"'),
    );

    // One warning per metric name that overflowed, naming it.
    const limitWarnings = warnings.filter((w) => w.includes("cardinality limit"));
    expect(limitWarnings.filter((w) => w.includes('"l0_requests_total"'))).toHaveLength(1);
    expect(new Set(limitWarnings).size).toBe(limitWarnings.length);
  }, 180_000);

  it("keep every metric name of createPrometheusCollector within the same limit, under 1 MB", () => {
    const collector = createPrometheusCollector({ defaultLabels: { service: "api" } });
    const retries = { network: { rate_limit: 1 }, model: { guardrail_violation: 1 } };
    for (let i = 0; i < CALLS; i++) {
      collector.record(fullTelemetry({ sessionId: `c${i}`, retries }), { model: model(i) });
      if (i % 1000 === 999) collector.expose();
    }
    const text = collector.expose();
    const families = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
    expect(families.sort()).toEqual(
      L0_METRICS.filter((m) => m.collector)
        .map((m) => m.promName)
        .sort(),
    );
    for (const [family, n] of seriesByFamily(text, families)) expect(n, family).toBeLessThanOrEqual(DEFAULT_CARDINALITY_LIMIT);
    expect(Buffer.byteLength(text)).toBeLessThan(MB);
    expect(total(text, "l0_requests_total")).toBe(CALLS);
    expect(total(text, "l0_metric_overflow_total", 'metric="l0_requests_total"')).toBe(
      total(text, "l0_requests_total", 'otel_metric_overflow="true"'),
    );
  }, 180_000);
});
