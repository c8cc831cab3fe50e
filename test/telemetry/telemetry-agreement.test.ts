/**
 * One rich `l0()` call (a network retry, a guardrail retry, drift on the kept output, provider
 * usage): `result.telemetry`, the facts on its spans and the increments of the metrics recorded
 * for it must say the same thing, number for number.
 */
import { hrTimeToMilliseconds } from "@opentelemetry/core";
import type { Histogram, MetricData } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { secondsToMs } from "../../src/telemetry/telemetry-facts.js";
import type { L0Telemetry } from "../../src/types/telemetry.js";
import { counterValue, createHarness, type Harness } from "./otel-harness.js";
import { l0 } from "../../src/l0.js";
import { mockStreamFactory } from "../../src/testing/index.js";
import { drainError } from "../helpers/drain.js";
import { DRIFTING, richCall, words } from "./rich-call.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";

let h: Harness;
let handle: L0InstrumentationHandle;
let t: L0Telemetry;
let op: ReadableSpan;
let attempts: ReadableSpan[];
let m: Map<string, MetricData>;

beforeAll(async () => {
  h = createHarness();
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
  const result = await richCall();
  t = result.telemetry!;
  const spans = h.spans().filter((s) => s.attributes["l0.session.id"] === t.sessionId);
  op = spans.find((s) => s.name !== "l0.attempt")!;
  attempts = spans
    .filter((s) => s.name === "l0.attempt")
    .sort((a, b) => Number(a.attributes["l0.attempt.number"]) - Number(b.attributes["l0.attempt.number"]));
  m = await h.metrics();
});
afterAll(async () => {
  await handle.shutdown();
});

/** `{ label value: counter value }` of a counter's non-zero points that carry `label` (series created at 0 ahead of their first event are left out). */
function byLabel(metric: MetricData | undefined, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const point of metric?.dataPoints ?? []) {
    if (point.value === 0) continue;
    const key = point.attributes[label];
    if (typeof key === "string") out[key] = (out[key] ?? 0) + (point.value as number);
  }
  return out;
}

/** The one histogram point of this metric (the harness saw only this call). */
function histogram(name: string, match: Record<string, unknown> = {}): Histogram {
  const points = m.get(name)!.dataPoints.filter((p) => Object.entries(match).every(([k, v]) => p.attributes[k] === v));
  expect(points, name).toHaveLength(1);
  return points[0]!.value as Histogram;
}

/** `{ key: count }` of two parallel span attributes. */
function pairs(keys: string, counts: string): Record<string, number> {
  const k = op.attributes[keys] as string[];
  const c = op.attributes[counts] as number[];
  return Object.fromEntries(k.map((key, i) => [key, c[i]!]));
}

describe("result.telemetry = spans = metrics for one rich call", () => {
  it("is the call the test means: a network retry, a guardrail retry, then drift", () => {
    expect(attempts.map((a) => [a.attributes["l0.outcome"], a.attributes["error.type"]])).toEqual([
      ["retry", "econnreset"],
      ["retry", "guardrail_violation"],
      ["success", undefined],
    ]);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("agrees on tokens", () => {
    expect(t.metrics.totalTokens).toBeGreaterThan(0);
    expect(op.attributes["l0.tokens"]).toBe(t.metrics.totalTokens);
    expect(counterValue(m.get("l0.tokens"))).toBe(t.metrics.totalTokens);
  });

  it("agrees on retries, in total and by kind", () => {
    expect(t.metrics).toMatchObject({ totalRetries: 2, networkRetries: 1, modelRetries: 1 });
    expect(op.attributes["l0.retries.total"]).toBe(t.metrics.totalRetries);
    expect(op.attributes["l0.retries.network"]).toBe(t.metrics.networkRetries);
    expect(op.attributes["l0.retries.model"]).toBe(t.metrics.modelRetries);
    const retryEvents = op.events.filter((e) => e.name === "l0.retry");
    expect(retryEvents.map((e) => e.attributes!["l0.retry.kind"])).toEqual(["network", "model"]);
    expect(counterValue(m.get("l0.retries"))).toBe(t.metrics.totalRetries);
    expect(byLabel(m.get("l0.retries"), "l0.retry.kind")).toEqual({ network: t.metrics.networkRetries, model: t.metrics.modelRetries });
    expect(counterValue(m.get("l0.retries.network"))).toBe(t.metrics.networkRetries);
    expect(counterValue(m.get("l0.retries.model"))).toBe(t.metrics.modelRetries);
    expect(byLabel(m.get("l0.retries"), "error.type")).toEqual(
      Object.fromEntries(retryEvents.map((e) => [e.attributes!["l0.retry.reason"], 1])),
    );
    expect(t.retries).toEqual({ network: { econnreset: 1 }, model: { guardrail_violation: 1 } });
  });

  it("agrees on network errors, by type and in detail", () => {
    expect(t.network.errorCount).toBe(1);
    expect(op.attributes["l0.network.error_count"]).toBe(t.network.errorCount);
    expect(pairs("l0.network.error_types", "l0.network.error_type_counts")).toEqual(t.network.errorsByType);
    expect(counterValue(m.get("l0.network_errors"))).toBe(t.network.errorCount);
    expect(byLabel(m.get("l0.network_errors.by_type"), "error.type")).toEqual(t.network.errorsByType);
    const events = attempts.flatMap((a) => a.events.filter((e) => e.name === "l0.network_error"));
    expect(t.network.errors).toEqual(
      events.map((e) => ({
        type: e.attributes!["error.type"],
        message: e.attributes!["exception.message"],
        timestamp: hrTimeToMilliseconds(e.time),
        retried: e.attributes!["l0.network.retried"],
        delay: secondsToMs(e.attributes!["l0.retry.delay"] as number),
      })),
    );
  });

  it("agrees on guardrail violations by rule and severity", () => {
    const g = t.guardrails!;
    expect(g).toEqual({
      violationCount: 1,
      violationsByRule: { "json-structure": 1 },
      violationsBySeverity: { warning: 0, error: 1, fatal: 0 },
    });
    expect(op.attributes["l0.guardrail.violation_count"]).toBe(g.violationCount);
    expect(pairs("l0.guardrail.rules", "l0.guardrail.rule_counts")).toEqual(g.violationsByRule);
    for (const severity of ["warning", "error", "fatal"] as const) {
      expect(op.attributes[`l0.guardrail.violations.${severity}`]).toBe(g.violationsBySeverity[severity]);
    }
    expect(counterValue(m.get("l0.guardrail_violations"))).toBe(g.violationCount);
    expect(byLabel(m.get("l0.guardrail_violations.by_rule"), "rule")).toEqual(g.violationsByRule);
    expect(byLabel(m.get("l0.guardrail_violations.by_severity"), "severity")).toEqual(
      Object.fromEntries(Object.entries(g.violationsBySeverity).filter(([, n]) => n > 0)),
    );
    const events = attempts.flatMap((a) => a.events.filter((e) => e.name === "gen_ai.guardrail.result"));
    expect(events.map((e) => [e.attributes!["gen_ai.guardrail.policy.rule.id"], e.attributes!["gen_ai.guardrail.result.value"]])).toEqual([
      ["json-structure", "error"],
    ]);
  });

  it("agrees on drift", () => {
    expect(t.drift).toEqual({ detected: true, types: ["meta_commentary"] });
    expect(op.attributes["l0.drift.detected"]).toBe(true);
    expect(op.attributes["l0.drift.types"]).toEqual(t.drift!.types);
    expect(byLabel(m.get("l0.drift_detected"), "drift_type")).toEqual({ meta_commentary: 1 });
    const events = attempts.flatMap((a) => a.events.filter((e) => e.name === "l0.drift"));
    expect([...new Set(events.map((e) => e.attributes!["l0.drift.type"]))]).toEqual(t.drift!.types);
  });

  it("agrees on time to first token (session clock)", () => {
    const ttft = op.attributes["l0.time_to_first_token"] as number;
    expect(t.metrics.timeToFirstToken).toBe(secondsToMs(ttft));
    const firstToken = op.events.find((e) => e.name === "l0.first_token")!;
    expect(firstToken.attributes!["l0.time_to_first_token"]).toBe(ttft);
    const point = histogram("l0.time_to_first_token_seconds");
    expect(point.count).toBe(1);
    expect(point.sum).toBe(ttft);
  });

  it("agrees on duration and tokens per second", () => {
    const spanMs = hrTimeToMilliseconds(op.duration);
    expect(t.duration).toBe(spanMs);
    expect(t.endTime! - t.startTime).toBeCloseTo(spanMs, 2); // epoch ms carry ~0.2 µs of float precision
    // The span stores nanoseconds; the histograms the same performance.now() difference in seconds.
    for (const name of ["l0.request.duration_seconds", "gen_ai.client.inference.duration"]) {
      const point = histogram(name);
      expect(point.count, name).toBe(1);
      expect(Math.abs(point.sum! * 1000 - spanMs), name).toBeLessThan(1e-5);
    }
    // Throughput is kept tokens over the kept attempts' generation time (first → last chunk arrival).
    const generation = op.attributes["l0.generation_time"] as number;
    expect(t.metrics.generationTime).toBe(secondsToMs(generation));
    expect(t.metrics.tokensPerSecond).toBe(t.metrics.totalTokens / generation);
    expect(counterValue(m.get("l0.generation_seconds"))).toBeCloseTo(generation, 9);
    const gauge = m.get("l0.tokens_per_second")!.dataPoints;
    expect(gauge).toHaveLength(1);
    expect((gauge[0]!.value as number) / t.metrics.tokensPerSecond!).toBeCloseTo(1, 9);
  });

  it("agrees on the average inter-token time", () => {
    const avg = op.attributes["l0.inter_token_time.avg"] as number;
    expect(avg).toBeGreaterThan(0);
    expect(t.metrics.avgInterTokenTime).toBe(secondsToMs(avg));
  });

  it("agrees on billed usage: the sum over the attempts that reported it, on the operation span only", () => {
    // Attempts 2 and 3 reported usage (11 in, 13 out each); attempt 1 dropped before its usage chunk.
    expect(t.metrics).toMatchObject({ billedInputTokens: 22, billedOutputTokens: 26 });
    expect(op.attributes["gen_ai.usage.input_tokens"]).toBe(22);
    expect(op.attributes["gen_ai.usage.output_tokens"]).toBe(26);
    for (const attempt of attempts) expect(attempt.attributes["gen_ai.usage.input_tokens"]).toBeUndefined();
    expect(counterValue(m.get("gen_ai.client.inference.usage.input_tokens"))).toBe(22);
    expect(counterValue(m.get("gen_ai.client.inference.usage.output_tokens"))).toBe(26);
    expect(counterValue(m.get("l0.tokens.billed"), { "l0.token.type": "input" })).toBe(22);
    expect(counterValue(m.get("l0.tokens.billed"), { "l0.token.type": "output" })).toBe(26);
    expect(histogram("gen_ai.client.inference.operation.input_tokens").sum).toBe(22);
    expect(histogram("gen_ai.client.inference.operation.output_tokens").sum).toBe(26);
  });

  it("agrees on kept and discarded tokens: the kept attempt's provider usage, the discarded attempts' output", () => {
    // Attempt 1 delivered 1 token (no usage), attempt 2 reported 13 output tokens; both were discarded.
    expect(t.metrics).toMatchObject({ totalTokens: 13, tokenSource: "provider", discardedTokens: 14 });
    expect(op.attributes["l0.tokens.discarded"]).toBe(14);
    expect(counterValue(m.get("l0.tokens.discarded"))).toBe(14);
  });

  it("agrees on time to first chunk: the call's on the operation span, each attempt's on its span", () => {
    const ttfc = op.attributes["gen_ai.response.time_to_first_chunk"] as number;
    const point = histogram("gen_ai.client.inference.time_to_first_chunk");
    expect(point.count).toBe(1);
    expect(point.sum).toBeCloseTo(ttfc, 12);
    for (const attempt of attempts) expect(attempt.attributes["l0.attempt.time_to_first_chunk"]).toBeGreaterThanOrEqual(0);
  });

  it("never puts the session id or metadata on a metric", () => {
    for (const metric of m.values()) {
      for (const point of metric.dataPoints) {
        const text = JSON.stringify(point.attributes);
        expect(text, metric.descriptor.name).not.toContain(t.sessionId);
        expect(text, metric.descriptor.name).not.toMatch(/acme|tenant|metadata|session/);
      }
    }
  });

  it("counts each drift type once per call, as telemetry and the span list it", async () => {
    const before = byLabel((await h.metrics()).get("l0.drift_detected"), "drift_type")["meta_commentary"] ?? 0;
    const result = await l0({
      stream: mockStreamFactory([words(DRIFTING), words(DRIFTING), ["A clean answer."]]),
      detectDrift: driftDetector(),
      retry: { attempts: 3, baseDelay: 0, maxDelay: 0 },
      monitoring: { enabled: true },
    });
    expect(await drainError(result.stream)).toBeUndefined();
    const after = byLabel((await h.metrics()).get("l0.drift_detected"), "drift_type")["meta_commentary"] ?? 0;
    expect(after - before).toBe(1);
    expect(result.telemetry!.drift).toEqual({ detected: true, types: ["meta_commentary"] });
    const span = h.spans().find((s) => s.attributes["l0.session.id"] === result.telemetry!.sessionId && s.name !== "l0.attempt")!;
    expect(span.attributes["l0.drift.types"]).toEqual(["meta_commentary"]);
  });
});
