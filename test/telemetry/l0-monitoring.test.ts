import { SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jsonRule } from "../../src/guardrails/json-rule.js";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { faults, mockStreamFactory, step } from "../../src/testing/index.js";
import type { L0Event } from "../../src/types/events.js";
import { NO_RETRIES, OPENAI_GPT_4O_CHAT, resetFirstAttempt, succeededFirstAttempt, TIME } from "./expected-spans.js";
import { counterValue, createHarness, type Harness } from "./otel-harness.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";

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
/** The call's attempt spans, in attempt order. */
function attemptSpans(sessionId: string): ReadableSpan[] {
  return h
    .spans()
    .filter((s) => s.attributes["l0.session.id"] === sessionId && s.attributes["l0.attempt.number"] !== undefined)
    .sort((a, b) => Number(a.attributes["l0.attempt.number"]) - Number(b.attributes["l0.attempt.number"]));
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
    expect(op.attributes).toEqual({
      ...OPENAI_GPT_4O_CHAT,
      "l0.session.id": t.sessionId,
      "l0.outcome": "success",
      "l0.tokens": 3,
      "l0.tokens.source": "provider",
      "l0.tokens.discarded": 0,
      "l0.chunks": 3,
      "l0.attempts": 1,
      ...NO_RETRIES,
      "gen_ai.usage.input_tokens": 7,
      "gen_ai.usage.output_tokens": 3,
      "gen_ai.response.model": "mock-gpt",
      "gen_ai.response.id": "chatcmpl-mock",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.response.time_to_first_chunk": TIME,
      "l0.generation_time": TIME,
      "l0.time_to_first_token": TIME,
      "l0.inter_token_time.avg": TIME,
    });
    expect(attemptSpans(t.sessionId).map((a) => a.attributes)).toEqual([
      {
        "l0.session.id": t.sessionId,
        ...succeededFirstAttempt(3),
        "l0.attempt.time_to_first_chunk": TIME,
        "l0.attempt.response.id": "chatcmpl-mock",
        "l0.attempt.response.model": "mock-gpt",
        "l0.attempt.finish_reason": "stop",
        "l0.adapter": "async-iterable",
      },
    ]);
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
    expect(t.network.errors).toEqual([
      {
        type: "econnreset",
        message: expect.stringContaining("ECONNRESET"),
        timestamp: expect.any(Number),
        retried: true,
        delay: expect.any(Number),
      },
    ]);
    const attempts = attemptSpans(t.sessionId);
    expect(attempts.map((a) => a.attributes)).toEqual([
      {
        "l0.session.id": t.sessionId,
        ...resetFirstAttempt(false),
        "l0.attempt.time_to_first_chunk": TIME,
        "l0.adapter": "async-iterable",
      },
      {
        "l0.session.id": t.sessionId,
        "l0.attempt.number": 2,
        "l0.fallback.index": 0,
        "l0.retry.reason": "econnreset",
        "l0.retry.kind": "network",
        "l0.outcome": "success",
        "l0.attempt.chunks": 1,
        "l0.attempt.tokens": 1,
        "l0.attempt.output_kept": true,
        "l0.attempt.time_to_first_chunk": TIME,
        "l0.adapter": "async-iterable",
      },
    ]);
    expect(attempts.map((a) => a.status)).toEqual([
      { code: SpanStatusCode.ERROR, message: "Error ECONNRESET" },
      { code: SpanStatusCode.UNSET },
    ]);
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
    // Abort is not an error: status unset; the finish reason says the call did not complete.
    expect(op.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(op.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.stream": true,
      "l0.session.id": t.sessionId,
      "l0.outcome": "aborted",
      "l0.tokens": 2,
      "l0.tokens.source": "counted",
      "l0.tokens.discarded": 0,
      "l0.chunks": 2,
      "l0.attempts": 1,
      ...NO_RETRIES,
      "gen_ai.response.finish_reasons": ["error"],
      "gen_ai.response.time_to_first_chunk": TIME,
      "l0.time_to_first_token": TIME,
      "l0.inter_token_time.avg": TIME,
    });
    expect(op.events.map((e) => [e.name, e.attributes])).toEqual([
      ["l0.first_token", { "l0.attempt.number": 1, "l0.time_to_first_token": TIME }],
      ["l0.abort", { "l0.tokens": 2 }],
    ]);
    expect(attemptSpans(t.sessionId).map((a) => [a.attributes["l0.outcome"], a.status])).toEqual([
      ["aborted", { code: SpanStatusCode.UNSET }],
    ]);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("ends every span when the consumer breaks out early", async () => {
    const factory = mockStreamFactory([["a", "b", "c", "d"]], { chunkDelayMs: 1 });
    const result = await l0({ stream: factory, monitoring: { enabled: true } });
    for await (const event of result.stream) if (event.type === "token") break;
    const t = result.telemetry!;
    expect(t.metrics.totalTokens).toBe(1);
    expect(operationSpan(t.sessionId).attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.stream": true,
      "l0.session.id": t.sessionId,
      "l0.outcome": "cancelled",
      "l0.tokens": 1,
      "l0.tokens.source": "counted",
      "l0.tokens.discarded": 0,
      "l0.chunks": 1,
      "l0.attempts": 1,
      ...NO_RETRIES,
      "gen_ai.response.finish_reasons": ["error"],
      "gen_ai.response.time_to_first_chunk": TIME,
      "l0.time_to_first_token": TIME,
    });
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("ends every span on a timeout failure and records the timeout event and error.type", async () => {
    const factory = mockStreamFactory([[step.stall()]]);
    const result = await l0({ stream: factory, timeout: { initialToken: 20 }, retry: { maxRetries: 0 }, monitoring: { enabled: true } });
    await expect(
      (async () => {
        for await (const event of result.stream) void event;
      })(),
    ).rejects.toThrow();
    const t = result.telemetry!;
    const op = operationSpan(t.sessionId);
    const message = expect.stringMatching(/^No first token within timeout\.initialToken \(20 ms; waited \d+ ms\)$/);
    expect(op.status).toEqual({ code: SpanStatusCode.ERROR, message });
    expect(op.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.stream": true,
      "l0.session.id": t.sessionId,
      "l0.outcome": "failed",
      "error.type": "initial_token_timeout",
      "l0.tokens": 0,
      "l0.tokens.source": "counted",
      "l0.tokens.discarded": 0,
      "l0.chunks": 0,
      "l0.attempts": 1,
      ...NO_RETRIES,
      "l0.network.error_count": 1,
      "l0.network.error_types": ["initial_token_timeout"],
      "l0.network.error_type_counts": [1],
      "gen_ai.response.finish_reasons": ["error"],
    });
    const [attempt, ...more] = attemptSpans(t.sessionId);
    expect(more).toEqual([]);
    expect(attempt?.status).toEqual({ code: SpanStatusCode.ERROR, message });
    expect(attempt?.attributes).toEqual({
      "l0.session.id": t.sessionId,
      "l0.attempt.number": 1,
      "l0.fallback.index": 0,
      "l0.outcome": "failed",
      "error.type": "initial_token_timeout",
      "l0.attempt.chunks": 0,
      "l0.attempt.tokens": 0,
      "l0.attempt.output_kept": true,
      "l0.adapter": "async-iterable",
    });
    expect(attempt?.events.map((e) => [e.name, e.attributes])).toEqual([
      ["l0.timeout", { "l0.timeout.kind": "initial", "l0.timeout.elapsed": TIME }],
      [
        "l0.network_error",
        { "error.type": "initial_token_timeout", "exception.type": "L0Error", "exception.message": message, "l0.network.retried": false },
      ],
    ]);
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
      detectDrift: driftDetector(),
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
