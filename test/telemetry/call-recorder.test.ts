import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { hrTimeToMilliseconds } from "@opentelemetry/core";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { secondsToMs } from "../../src/telemetry/telemetry-facts.js";
import { NO_RETRIES, OPENAI_GPT_4O_CHAT, resetFirstAttempt, succeededFirstAttempt } from "./expected-spans.js";
import { createHarness, type Harness } from "./otel-harness.js";
import { sleep } from "../helpers/sleep.js";

const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

function byName(spans: ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((span) => span.name === name);
}

async function cleanCall(h: Harness) {
  const observer = createCallObserver(
    { enabled: true, provider: "openai", model: "gpt-4o", metadata: { user_id: "u1", tags: ["a", "b"], nested: { x: 1 } } },
    "l0_1_session",
    {},
    h.pipeline,
  );
  observer.callStarted();
  observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  for (let i = 0; i < 3; i++) {
    await sleep(2);
    observer.chunkReceived();
    observer.tokenDelivered();
  }
  observer.attemptEnded({
    outcome: "success",
    usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
    finishReason: "stop",
    responseModel: "gpt-4o-2024-08-06",
    responseId: "chatcmpl-1",
    adapter: "openai",
  });
  observer.callEnded("success");
  return observer;
}

describe("CallRecorder spans", () => {
  it("records one CLIENT operation span under the user's active span and one attempt span, with whole attribute maps", async () => {
    const h = createHarness();
    const userTracer = h.tracerProvider.getTracer("user-app");
    const observer = await userTracer.startActiveSpan("handle request", async (userSpan) => {
      const o = await cleanCall(h);
      userSpan.end();
      return o;
    });
    const spans = h.spans();
    const user = byName(spans, "handle request")[0]!;
    const op = byName(spans, "chat gpt-4o")[0]!;
    const attempt = byName(spans, "l0.attempt")[0]!;
    expect(spans).toHaveLength(3);
    expect(op.kind).toBe(SpanKind.CLIENT);
    expect(op.parentSpanContext?.spanId).toBe(user.spanContext().spanId);
    expect(attempt.parentSpanContext?.spanId).toBe(op.spanContext().spanId);
    expect(op.status.code).toBe(SpanStatusCode.UNSET);
    expect(op.attributes).toEqual({
      ...OPENAI_GPT_4O_CHAT,
      "l0.session.id": "l0_1_session",
      "l0.metadata.user_id": "u1",
      "l0.metadata.tags": ["a", "b"],
      "l0.metadata.nested": '{"x":1}',
      "l0.outcome": "success",
      "l0.tokens": 3,
      "l0.tokens.source": "provider",
      "l0.tokens.discarded": 0,
      "l0.chunks": 3,
      "l0.generation_time": expect.any(Number),
      "l0.attempts": 1,
      ...NO_RETRIES,
      "gen_ai.usage.input_tokens": 12,
      "gen_ai.usage.output_tokens": 3,
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.id": "chatcmpl-1",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.response.time_to_first_chunk": expect.any(Number),
      "l0.time_to_first_token": expect.any(Number),
      "l0.inter_token_time.avg": expect.any(Number),
    });
    // The attempt span is l0's view of one provider request: no GenAI identity or usage (the operation span has them).
    expect(attempt.attributes).toEqual({
      "l0.session.id": "l0_1_session",
      ...succeededFirstAttempt(3),
      "l0.attempt.time_to_first_chunk": expect.any(Number),
      "l0.attempt.response.model": "gpt-4o-2024-08-06",
      "l0.attempt.response.id": "chatcmpl-1",
      "l0.attempt.finish_reason": "stop",
      "l0.adapter": "openai",
    });
    expect(op.events.map((e) => e.name)).toEqual(["l0.first_token"]);
    expect(h.counter.allEndedOnce()).toBe(true);

    // telemetry numbers are the span facts
    const t = observer.telemetry()!;
    expect(t.sessionId).toBe("l0_1_session");
    expect(t.metrics.totalTokens).toBe(op.attributes["l0.tokens"]);
    expect(t.metrics.timeToFirstToken).toBe(secondsToMs(op.attributes["l0.time_to_first_token"] as number));
    expect(t.metrics.avgInterTokenTime).toBe(secondsToMs(op.attributes["l0.inter_token_time.avg"] as number));
    expect(t.duration).toBe(hrTimeToMilliseconds(op.duration));
    expect(t.startTime).toBe(hrTimeToMilliseconds(op.startTime));
    expect(t.endTime).toBe(hrTimeToMilliseconds(op.endTime));
    // Throughput is generation speed: kept output tokens over first → last chunk arrival.
    expect(t.metrics.generationTime).toBe(secondsToMs(op.attributes["l0.generation_time"] as number));
    expect(t.metrics.tokensPerSecond).toBeCloseTo(3 / (op.attributes["l0.generation_time"] as number), 6);
    expect(t.metrics).toMatchObject({
      tokenSource: "provider",
      discardedTokens: 0,
      billedInputTokens: 12,
      billedOutputTokens: 3,
      totalChunks: 3,
    });
    expect(t.metrics.avgInterTokenTime!).toBeGreaterThanOrEqual(1);
    expect(t.metadata).toEqual({ user_id: "u1", tags: ["a", "b"], nested: { x: 1 } });
    expect(t.network).toEqual({ errorCount: 0, errorsByType: {}, errors: [] });
    expect(t.guardrails).toBeUndefined();
    expect(t.drift).toBeUndefined();
    expect(observer.telemetry()).toBe(t);
  });

  it("names the operation span after the operation alone when the model is unknown", async () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true }, "s", {}, h.pipeline);
    observer.callStarted();
    observer.callEnded("success");
    expect(h.spans().map((s) => s.name)).toEqual(["chat"]);
    // No identity, no attempt: the operation and l0's zero counts only.
    expect(h.spans()[0]!.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.stream": true,
      "l0.session.id": "s",
      "l0.outcome": "success",
      "l0.tokens": 0,
      "l0.tokens.source": "counted",
      "l0.tokens.discarded": 0,
      "l0.chunks": 0,
      "l0.attempts": 0,
      ...NO_RETRIES,
    });
  });

  it("opens one attempt span per retry and fallback, with number, reason, kind and fallback index", async () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true, model: "m" }, "s-retry", {}, h.pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    observer.chunkReceived();
    observer.tokenDelivered();
    observer.networkError("econnreset", Object.assign(new Error("socket reset"), { code: "ECONNRESET" }), true, 250);
    observer.retryScheduled("network", "econnreset", 250);
    observer.attemptEnded({ outcome: "retry", errorType: "econnreset", error: new Error("socket reset") });
    observer.attemptStarted({ attempt: 2, fallbackIndex: 0, reason: "econnreset", retryKind: "network" });
    observer.guardrailViolation({ rule: "json", message: "unbalanced", severity: "error", recoverable: true });
    observer.retryScheduled("model", "guardrail_violation", 0);
    observer.attemptEnded({ outcome: "fallback", errorType: "guardrail_violation" });
    observer.fallbackStarted(0, 1, "guardrail_violation");
    observer.attemptStarted({ attempt: 3, fallbackIndex: 1, reason: "guardrail_violation" });
    observer.chunkReceived();
    observer.tokenDelivered();
    observer.attemptEnded({ outcome: "success" });
    observer.callEnded("success");

    const attempts = byName(h.spans(), "l0.attempt").sort(
      (a, b) => (a.attributes["l0.attempt.number"] as number) - (b.attributes["l0.attempt.number"] as number),
    );
    const time = expect.any(Number);
    expect(attempts.map((a) => a.attributes)).toEqual([
      {
        "l0.session.id": "s-retry",
        ...resetFirstAttempt(true),
        "l0.attempt.time_to_first_chunk": time,
      },
      {
        "l0.session.id": "s-retry",
        "l0.attempt.number": 2,
        "l0.fallback.index": 0,
        "l0.retry.reason": "econnreset",
        "l0.retry.kind": "network",
        "l0.outcome": "fallback",
        "error.type": "guardrail_violation",
        "l0.attempt.chunks": 0,
        "l0.attempt.tokens": 0,
        "l0.attempt.output_kept": true,
      },
      {
        "l0.session.id": "s-retry",
        "l0.attempt.number": 3,
        "l0.fallback.index": 1,
        "l0.retry.reason": "guardrail_violation",
        "l0.outcome": "success",
        "l0.attempt.chunks": 1,
        "l0.attempt.tokens": 1,
        "l0.attempt.output_kept": true,
        "l0.attempt.time_to_first_chunk": time,
      },
    ]);
    // Without captureContent an error is described by what it is, not by its message.
    expect(attempts.map((a) => a.status)).toEqual([
      { code: SpanStatusCode.ERROR, message: "Error" },
      { code: SpanStatusCode.ERROR },
      { code: SpanStatusCode.UNSET },
    ]);
    expect(attempts[0]!.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        "l0.network_error",
        {
          "error.type": "econnreset",
          "exception.type": "Error",
          "exception.message": "Error ECONNRESET",
          "l0.network.retried": true,
          "l0.retry.delay": 0.25,
        },
      ],
    ]);
    expect(attempts[1]!.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        "gen_ai.guardrail.result",
        {
          "gen_ai.guardrail.component.name": "l0",
          "gen_ai.guardrail.policy.rule.id": "json",
          "gen_ai.guardrail.result.type": "severity",
          "gen_ai.guardrail.result.value": "error",
          "gen_ai.guardrail.result.reason": "unbalanced",
          "gen_ai.guardrail.source": "output",
          "l0.guardrail.recoverable": true,
        },
      ],
    ]);
    const op = byName(h.spans(), "chat m")[0]!;
    expect(op.events.map((e) => [e.name, e.attributes])).toEqual([
      ["l0.first_token", { "l0.attempt.number": 1, "l0.time_to_first_token": time }],
      ["l0.retry", { "l0.retry.kind": "network", "l0.retry.reason": "econnreset", "l0.retry.delay": 0.25, "l0.attempt.number": 1 }],
      ["l0.retry", { "l0.retry.kind": "model", "l0.retry.reason": "guardrail_violation", "l0.retry.delay": 0, "l0.attempt.number": 2 }],
      ["l0.fallback", { "l0.fallback.from": 0, "l0.fallback.index": 1, "l0.retry.reason": "guardrail_violation" }],
    ]);
    expect(op.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "m",
      "gen_ai.request.stream": true,
      "l0.session.id": "s-retry",
      "l0.outcome": "success",
      "l0.tokens": 2,
      "l0.tokens.source": "counted",
      "l0.tokens.discarded": 0,
      "l0.chunks": 2,
      "l0.attempts": 3,
      "l0.fallback.index": 1,
      "l0.retries.total": 2,
      "l0.retries.network": 1,
      "l0.retries.model": 1,
      "l0.network.error_count": 1,
      "l0.network.error_types": ["econnreset"],
      "l0.network.error_type_counts": [1],
      "gen_ai.response.time_to_first_chunk": time,
      "l0.time_to_first_token": time,
      "l0.guardrail.violation_count": 1,
      "l0.guardrail.rules": ["json"],
      "l0.guardrail.rule_counts": [1],
      "l0.guardrail.violations.warning": 0,
      "l0.guardrail.violations.error": 1,
      "l0.guardrail.violations.fatal": 0,
    });
    expect(op.status.code).toBe(SpanStatusCode.UNSET);
    expect(h.counter.allEndedOnce()).toBe(true);

    const t = observer.telemetry()!;
    expect(t.metrics).toMatchObject({ totalTokens: 2, totalRetries: 2, networkRetries: 1, modelRetries: 1 });
    expect(t.network.errorCount).toBe(1);
    expect(t.network.errorsByType).toEqual({ econnreset: 1 });
    expect(t.network.errors).toEqual([
      { type: "econnreset", message: "Error ECONNRESET", timestamp: expect.any(Number), retried: true, delay: 250 },
    ]);
    expect(t.network.errors![0]!.timestamp).toBe(hrTimeToMilliseconds(attempts[0]!.events[0]!.time));
    expect(t.guardrails).toEqual({
      violationCount: 1,
      violationsByRule: { json: 1 },
      violationsBySeverity: { warning: 0, error: 1, fatal: 0 },
    });
    // inter-token gaps never span attempts: one token per attempt, so no gap at all
    expect(t.metrics.avgInterTokenTime).toBeUndefined();
  });

  it("makes the attempt span active inside runInAttempt so provider spans nest under it", async () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true }, "s", {}, h.pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    const provider = h.tracerProvider.getTracer("provider-sdk");
    await observer.runInAttempt(async () => {
      await sleep(1);
      provider.startSpan("POST /v1/chat/completions").end();
    });
    observer.attemptEnded({ outcome: "success" });
    observer.callEnded("success");
    const attempt = byName(h.spans(), "l0.attempt")[0]!;
    const http = byName(h.spans(), "POST /v1/chat/completions")[0]!;
    expect(http.parentSpanContext?.spanId).toBe(attempt.spanContext().spanId);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it("returns the value and rethrows the error of the function run in the attempt", () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true }, "s", {}, h.pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    expect(observer.runInAttempt(() => 42)).toBe(42);
    expect(() =>
      observer.runInAttempt(() => {
        throw new Error("provider failed");
      }),
    ).toThrow("provider failed");
    observer.callEnded("failed", "server_error", new Error("boom"));
  });
});
