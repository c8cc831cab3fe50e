import { diag, DiagLogLevel } from "@opentelemetry/api";
import { DataPointType, type Histogram } from "@opentelemetry/sdk-metrics";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { GEN_AI_DURATION_BUCKETS, GEN_AI_TOKEN_USAGE_BUCKETS } from "../../src/telemetry/metric-names.js";
import { counterValue, createHarness, seededRandom, type Harness } from "./otel-harness.js";

afterEach(() => {
  vi.restoreAllMocks();
  diag.disable();
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A call with a network retry; each attempt gets two chunk arrivals (two event-loop turns). */
async function fullCall(h: Harness, sessionId: string, sampleRate = 1) {
  const observer = createCallObserver(
    { enabled: true, sampleRate, provider: "openai", model: "gpt-4o", metadata: { user_id: "u" } },
    sessionId,
    { guardrails: true },
    h.pipeline,
  );
  observer.callStarted();
  observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  await nextTurn();
  observer.chunkReceived();
  await nextTurn();
  observer.chunkReceived();
  observer.networkError("rate_limit", new Error("429"), true, 100);
  observer.retryScheduled("network", "rate_limit", 100);
  observer.attemptEnded({ outcome: "retry", errorType: "rate_limit" });
  observer.attemptStarted({ attempt: 2, fallbackIndex: 0, reason: "rate_limit", retryKind: "network" });
  await nextTurn();
  observer.chunkReceived();
  observer.tokenDelivered();
  await nextTurn();
  observer.chunkReceived();
  observer.tokenDelivered();
  observer.guardrailViolation({ rule: "json", message: "bad", severity: "warning", recoverable: true });
  observer.drift(
    [
      { type: "repetition", confidence: 0.9 },
      { type: "hedging", confidence: 0.7 },
    ],
    0.9,
  );
  observer.attemptEnded({ outcome: "success", usage: { inputTokens: 10, outputTokens: 2 } });
  observer.callEnded("success");
  return observer;
}

describe("l0 metrics", () => {
  it("exposes exactly the MONITORING.md Prometheus names plus the GenAI client metrics", async () => {
    const h = createHarness();
    await fullCall(h, "s1");
    const text = await h.prometheus();
    const names = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`));
    expect([...names].sort()).toEqual(
      [
        "l0_requests_total counter",
        "l0_request_duration_seconds histogram",
        "l0_tokens_total counter",
        "l0_tokens_per_second gauge",
        "l0_time_to_first_token_seconds histogram",
        "l0_retries_total counter",
        "l0_retries_network_total counter",
        "l0_retries_model_total counter",
        "l0_network_errors_total counter",
        "l0_network_errors_by_type_total counter",
        "l0_guardrail_violations_total counter",
        "l0_guardrail_violations_by_severity_total counter",
        "l0_guardrail_violations_by_rule_total counter",
        "l0_drift_detected_total counter",
        "l0_tokens_discarded_total counter",
        "l0_tokens_billed_total counter",
        "l0_generation_seconds_total counter",
        "gen_ai_client_inference_duration histogram",
        "gen_ai_client_inference_time_to_first_chunk histogram",
        "gen_ai_client_inference_time_per_output_chunk histogram",
        "gen_ai_client_inference_usage_input_tokens_total counter",
        "gen_ai_client_inference_usage_output_tokens_total counter",
        "gen_ai_client_inference_operation_input_tokens histogram",
        "gen_ai_client_inference_operation_output_tokens histogram",
        "l0_metric_overflow_total counter",
      ].sort(),
    );
    expect(text).toContain(
      'l0_network_errors_by_type_total{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o",error_type="rate_limit"} 1',
    );
    expect(text).toContain('severity="warning"} 1');
    expect(text).toContain('rule="json"} 1');
    expect(text).toContain('drift_type="repetition"} 1');
    expect(text).toContain('drift_type="hedging"} 1');
    // labelled counters start at 0 for the known label values, so each series exists before its first event
    const id = 'gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"';
    expect(text).toContain(`l0_retries_model_total{${id},l0_retry_kind="model",error_type="zero_output"} 0`);
    expect(text).toContain(`l0_retries_network_total{${id},l0_retry_kind="network",error_type="rate_limit"} 1`);
    expect(text).toContain(`l0_network_errors_by_type_total{${id},error_type="server_error"} 0`);
    expect(text).toContain(`l0_guardrail_violations_by_severity_total{${id},severity="fatal"} 0`);
    expect(text).toContain(`l0_drift_detected_total{${id},drift_type="tone_shift"} 0`);
    expect(text).toContain('l0_metric_overflow_total{metric="l0_requests_total"} 0');
    expect(text).not.toMatch(/session|user_id/);
  });

  it("records the right values, seconds units, advisory buckets and low-cardinality attributes only", async () => {
    const h = createHarness();
    await fullCall(h, "s1");
    await fullCall(h, "s2");
    const m = await h.metrics();
    expect(counterValue(m.get("l0.requests"))).toBe(2);
    const durations = m.get("l0.request.duration_seconds")!.dataPoints;
    expect(durations.map((p) => (p.value as { count: number }).count)).toEqual([2]);
    expect(counterValue(m.get("l0.tokens"))).toBe(4);
    expect(counterValue(m.get("l0.retries"))).toBe(2);
    expect(counterValue(m.get("l0.retries.network"))).toBe(2);
    expect(counterValue(m.get("l0.network_errors"))).toBe(2);
    const duration = m.get("gen_ai.client.inference.duration")!;
    expect(duration.descriptor.unit).toBe("s");
    expect(duration.dataPointType).toBe(DataPointType.HISTOGRAM);
    const point = duration.dataPoints[0]!.value as Histogram;
    expect(point.buckets.boundaries).toEqual([...GEN_AI_DURATION_BUCKETS]);
    expect(point.count).toBe(2);
    expect(point.sum!).toBeLessThan(1); // seconds, not ms
    for (const [name, total] of [
      ["gen_ai.client.inference.usage.input_tokens", 20],
      ["gen_ai.client.inference.usage.output_tokens", 4],
    ] as const) {
      const usage = m.get(name)!;
      expect(usage.descriptor.unit).toBe("{token}");
      expect(usage.dataPointType).toBe(DataPointType.SUM);
      expect(usage.dataPoints.map((p) => [p.attributes["gen_ai.token.modality"], p.value])).toEqual([["text", total]]);
    }
    for (const [name, total] of [
      ["gen_ai.client.inference.operation.input_tokens", 20],
      ["gen_ai.client.inference.operation.output_tokens", 4],
    ] as const) {
      const point = m.get(name)!.dataPoints[0]!.value as Histogram;
      expect(point.buckets.boundaries).toEqual([...GEN_AI_TOKEN_USAGE_BUCKETS]);
      expect([point.count, point.sum]).toEqual([2, total]);
    }
    // Kept and billed tokens: each call kept the second attempt's 2 reported output tokens.
    expect(counterValue(m.get("l0.tokens.billed"), { "l0.token.type": "input" })).toBe(20);
    expect(counterValue(m.get("l0.tokens.billed"), { "l0.token.type": "output" })).toBe(4);
    expect(counterValue(m.get("l0.tokens.discarded"))).toBe(0);
    // Time to first chunk once per call; time per output chunk once per arrival after an attempt's first.
    expect((m.get("gen_ai.client.inference.time_to_first_chunk")!.dataPoints[0]!.value as Histogram).count).toBe(2);
    expect((m.get("gen_ai.client.inference.time_per_output_chunk")!.dataPoints[0]!.value as Histogram).count).toBe(4);
    const allowed = new Set([
      "gen_ai.operation.name",
      "gen_ai.provider.name",
      "gen_ai.request.model",
      "l0.token.type",
      "gen_ai.token.modality",
      "error.type",
      "l0.retry.kind",
      "severity",
      "rule",
      "drift_type",
      "metric",
    ]);
    for (const metric of m.values()) {
      for (const p of metric.dataPoints) {
        for (const key of Object.keys(p.attributes)) expect(allowed.has(key), `${metric.descriptor.name}: ${key}`).toBe(true);
      }
    }
  });

  it("puts error.type on failed calls' GenAI duration, and only identity labels on requests and l0's duration", async () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true }, "s", {}, h.pipeline);
    observer.callStarted();
    observer.callEnded("failed", "auth_error", new Error("401"));
    const m = await h.metrics();
    expect(m.get("l0.requests")!.dataPoints.map((p) => p.attributes)).toEqual([{ "gen_ai.operation.name": "chat" }]);
    expect(m.get("l0.request.duration_seconds")!.dataPoints.map((p) => p.attributes)).toEqual([{ "gen_ai.operation.name": "chat" }]);
    expect(m.get("gen_ai.client.inference.duration")!.dataPoints.map((p) => p.attributes)).toEqual([
      { "gen_ai.operation.name": "chat", "error.type": "auth_error" },
    ]);
  });

  it("samples whole calls at 0.5 over 1,000 calls and records metrics for all of them", async () => {
    const h = createHarness();
    vi.spyOn(Math, "random").mockImplementation(seededRandom(42));
    let sampled = 0;
    for (let i = 0; i < 1000; i++) {
      const observer = await fullCall(h, `s${i}`, 0.5);
      const t = observer.telemetry();
      expect(t !== undefined).toBe(observer.sampled);
      if (observer.sampled) sampled++;
    }
    expect(sampled).toBeGreaterThan(450);
    expect(sampled).toBeLessThan(550);
    const spans = h.spans();
    // whole-call decision: every sampled call has its operation span and both attempt spans, others none
    expect(spans.filter((s) => s.attributes["l0.attempt.number"] === undefined)).toHaveLength(sampled);
    expect(spans.filter((s) => s.attributes["l0.attempt.number"] !== undefined)).toHaveLength(sampled * 2);
    expect(h.counter.allEndedOnce()).toBe(true);
    const m = await h.metrics();
    expect(counterValue(m.get("l0.requests"))).toBe(1000);
    expect(counterValue(m.get("l0.tokens"))).toBe(2000);
  });

  it("bounds exported series per metric name (buckets included), folds the rest into otel.metric.overflow, counts and warns once per metric", async () => {
    const warnings: string[] = [];
    diag.setLogger(
      { warn: (m: string) => warnings.push(m), error: () => {}, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
    // 80 series per name: 79 request label sets + the overflow series; 1 histogram label set (35 series) + the overflow one.
    const h = createHarness({ cardinalityLimit: 80 });
    for (let i = 0; i < 100; i++) {
      const observer = createCallObserver({ enabled: true, model: `model-${i}` }, "s", {}, h.pipeline);
      observer.callStarted();
      observer.callEnded("success");
    }
    const m = await h.metrics();
    const requests = m.get("l0.requests")!.dataPoints;
    expect(requests).toHaveLength(80);
    expect(requests.slice(0, 79).every((p) => p.value === 1 && typeof p.attributes["gen_ai.request.model"] === "string")).toBe(true);
    expect(requests[79]).toMatchObject({ attributes: { "otel.metric.overflow": true }, value: 21 });
    expect(m.get("l0.request.duration_seconds")!.dataPoints.map((p) => [p.attributes, (p.value as Histogram).count])).toEqual([
      [{ "gen_ai.operation.name": "chat", "gen_ai.request.model": "model-0" }, 1],
      [{ "otel.metric.overflow": true }, 99],
    ]);
    const text = await h.prometheus();
    for (const family of ["l0_requests_total", "l0_request_duration_seconds", "l0_retries_total", "gen_ai_client_inference_duration"]) {
      const series = text.split("\n").filter((line) => new RegExp(`^${family}(_bucket|_sum|_count)?[{ ]`).test(line));
      expect(series.length, family).toBeGreaterThan(0);
      expect(series.length, family).toBeLessThanOrEqual(80);
    }
    const overflow = m.get("l0.metric.overflow")!.dataPoints;
    expect(overflow.find((p) => p.attributes["metric"] === "l0_requests_total")?.value).toBe(21);
    expect(overflow.find((p) => p.attributes["metric"] === "l0_request_duration_seconds")?.value).toBe(99);
    expect(overflow.find((p) => p.attributes["metric"] === "l0_retries_total")?.value).toBe(0);
    const limitWarnings = warnings.filter((w) => w.includes("cardinality limit"));
    expect(limitWarnings.filter((w) => w.includes('"l0_requests_total"'))).toHaveLength(1);
    expect(new Set(limitWarnings).size).toBe(limitWarnings.length);
  });

  it("counts each drift type once per call, on every path", async () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true }, "s", { drift: true }, h.pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    observer.drift([{ type: "hedging", confidence: 0.9 }], 0.9);
    observer.attemptEnded({ outcome: "retry", errorType: "drift" });
    observer.attemptStarted({ attempt: 2, fallbackIndex: 0 });
    observer.drift(
      [
        { type: "hedging", confidence: 0.9 },
        { type: "repetition", confidence: 0.8 },
      ],
      0.9,
    );
    observer.callEnded("success");
    const m = await h.metrics();
    expect(counterValue(m.get("l0.drift_detected"), { drift_type: "hedging" })).toBe(1);
    expect(counterValue(m.get("l0.drift_detected"), { drift_type: "repetition" })).toBe(1);
    expect(observer.telemetry()!.drift).toEqual({ detected: true, types: ["hedging", "repetition"] });
  });
});
