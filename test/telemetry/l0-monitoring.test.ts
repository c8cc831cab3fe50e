import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jsonRule } from "../../src/guardrails/json-rule.js";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { faults, mockStreamFactory, step } from "../../src/testing/index.js";
import type { L0Event } from "../../src/types/events.js";
import { counterValue, createHarness, type Harness } from "./otel-harness.js";

let h: Harness;
let handle: L0InstrumentationHandle;
beforeAll(() => {
  h = createHarness();
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
});
afterAll(async () => {
  await handle.shutdown();
});
beforeEach(() => {
  h.exporter.reset();
});

function operationSpan(sessionId: string): ReadableSpan {
  return h.spans().find((s) => s.attributes["l0.session.id"] === sessionId && s.attributes["l0.attempt.number"] === undefined)!;
}
function attemptSpans(sessionId: string): ReadableSpan[] {
  return h.spans().filter((s) => s.attributes["l0.session.id"] === sessionId && s.attributes["l0.attempt.number"] !== undefined);
}

describe("l0() with monitoring", () => {
  it("fills telemetry for a clean call from the spans", async () => {
    const factory = mockStreamFactory([["Hel", "lo", " world"]], { format: "openai", usage: { input: 7, output: 3 }, chunkDelayMs: 2 });
    const result = await l0({ stream: factory, monitoring: { enabled: true, provider: "openai", model: "gpt-4o" } });
    let text = "";
    for await (const event of result.stream) if (event.type === "token") text += event.value;
    expect(text).toBe("Hello world");
    const t = result.telemetry!;
    expect(t.metrics).toMatchObject({ totalTokens: 3, totalRetries: 0, networkRetries: 0, modelRetries: 0 });
    expect(t.metrics.timeToFirstToken).toBeGreaterThanOrEqual(0);
    expect(t.metrics.generationTime).toBeGreaterThan(0);
    // generationTime is rounded to the microsecond; throughput is computed from the unrounded seconds.
    expect(Math.abs(t.metrics.tokensPerSecond! / (3 / (t.metrics.generationTime! / 1000)) - 1)).toBeLessThan(1e-3);
    const op = operationSpan(t.sessionId);
    expect(op.name).toBe("chat gpt-4o");
    expect(op.attributes).toMatchObject({
      "l0.outcome": "success",
      "l0.tokens": 3,
      "gen_ai.usage.input_tokens": 7,
      "gen_ai.usage.output_tokens": 3,
      "gen_ai.response.finish_reasons": ["stop"],
    });
    expect(attemptSpans(t.sessionId)).toHaveLength(1);
    expect(t.duration).toBeGreaterThan(0);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("fills telemetry for a retried call: one attempt span per attempt, network error details", async () => {
    const factory = mockStreamFactory([["Hel", faults.econnreset()], ["Hello"]]);
    const result = await l0({ stream: factory, retry: { baseDelay: 5, maxDelay: 5 }, monitoring: { enabled: true } });
    for await (const event of result.stream) void event;
    const t = result.telemetry!;
    expect(t.metrics).toMatchObject({ totalRetries: 1, networkRetries: 1, modelRetries: 0 });
    expect(t.network.errorCount).toBe(1);
    expect(t.network.errorsByType).toEqual({ econnreset: 1 });
    expect(t.network.errors).toEqual([{ type: "econnreset", message: expect.stringContaining("ECONNRESET"), timestamp: expect.any(Number), retried: true, delay: expect.any(Number) }]);
    const attempts = attemptSpans(t.sessionId).sort((a, b) => (a.attributes["l0.attempt.number"] as number) - (b.attributes["l0.attempt.number"] as number));
    expect(attempts.map((a) => a.attributes["l0.outcome"])).toEqual(["retry", "success"]);
    expect(attempts[1]!.attributes["l0.retry.kind"]).toBe("network");
    expect(attempts[1]!.attributes["l0.retry.reason"]).toBe("econnreset");
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("keeps partial telemetry after an abort and ends every span", async () => {
    const factory = mockStreamFactory([["one", "two", step.stall()]]);
    const result = await l0({ stream: factory, monitoring: { enabled: true } });
    const seen: L0Event[] = [];
    await expect(
      (async () => {
        for await (const event of result.stream) {
          seen.push(event);
          if (event.type === "token" && event.value === "two") result.abort();
        }
      })(),
    ).rejects.toThrow();
    const t = result.telemetry!;
    expect(t.metrics.totalTokens).toBe(2);
    expect(t.duration).toBeGreaterThanOrEqual(0);
    const op = operationSpan(t.sessionId);
    expect(op.attributes["l0.outcome"]).toBe("aborted");
    expect(op.events.map((e) => e.name)).toContain("l0.abort");
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("ends every span when the consumer breaks out early", async () => {
    const factory = mockStreamFactory([["a", "b", "c", "d"]], { chunkDelayMs: 1 });
    const result = await l0({ stream: factory, monitoring: { enabled: true } });
    for await (const event of result.stream) if (event.type === "token") break;
    const t = result.telemetry!;
    expect(t.metrics.totalTokens).toBe(1);
    expect(operationSpan(t.sessionId).attributes["l0.outcome"]).toBe("cancelled");
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("ends every span on a timeout failure and records the timeout event and error.type", async () => {
    const factory = mockStreamFactory([[step.stall()]]);
    const result = await l0({ stream: factory, timeout: { initialToken: 20 }, retry: { maxRetries: 0 }, monitoring: { enabled: true } });
    await expect((async () => { for await (const event of result.stream) void event; })()).rejects.toThrow();
    const t = result.telemetry!;
    const op = operationSpan(t.sessionId);
    expect(op.attributes["l0.outcome"]).toBe("failed");
    expect(op.attributes["error.type"]).toBe("initial_token_timeout");
    expect(attemptSpans(t.sessionId).flatMap((a) => a.events.map((e) => e.name))).toContain("l0.timeout");
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("records metrics but no spans or telemetry when monitoring is off", async () => {
    const before = counterValue((await h.metrics()).get("l0.requests"));
    const result = await l0({ stream: mockStreamFactory([["x"]]), monitoring: { enabled: false } });
    for await (const event of result.stream) void event;
    expect(result.telemetry).toBeUndefined();
    expect(h.spans()).toHaveLength(0);
    expect(counterValue((await h.metrics()).get("l0.requests"))).toBe(before);
  });
  it("shows empty guardrails and drift sections when they are configured but nothing fired", async () => {
    const result = await l0({
      stream: mockStreamFactory([["A plain, ordinary answer."]]),
      guardrails: [jsonRule()],
      detectDrift: true,
      monitoring: { enabled: true },
    });
    for await (const event of result.stream) void event;
    expect(result.telemetry!.guardrails).toEqual({
      violationCount: 0,
      violationsByRule: {},
      violationsBySeverity: { warning: 0, error: 0, fatal: 0 },
    });
    expect(result.telemetry!.drift).toEqual({ detected: false, types: [] });
  });

  it("records the output text on the operation span only with captureContent", async () => {
    for (const captureContent of [false, true]) {
      const result = await l0({ stream: mockStreamFactory([["Hel", "lo"]]), monitoring: { enabled: true, captureContent } });
      for await (const event of result.stream) void event;
      const output = operationSpan(result.telemetry!.sessionId).attributes["gen_ai.output.messages"];
      if (captureContent) expect(String(output)).toContain("Hello");
      else expect(output).toBeUndefined();
    }
  });
});
