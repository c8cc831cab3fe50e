/**
 * Sentry as the OpenTelemetry backend (`enableOpenTelemetrySetup: true`): l0's OTel spans are
 * Sentry spans, so the integration must not create `l0.execution` / `l0.stream.consume` twins.
 * l0's recorder is stood in for by spans made through `@opentelemetry/api`, the way it makes them:
 * an operation span and an attempt span made active while the stream factory runs.
 */
import { context, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { sentryInterceptor } from "../../src/integrations/sentry-interceptor.js";
import { withSentry } from "../../src/integrations/with-sentry.js";
import { l0 } from "../../src/l0.js";
import { faults } from "../../src/testing/faults.js";
import { mockStreamFactory } from "../../src/testing/mock-stream.js";
import type { L0Options } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";
import { drain, initSentry, Sentry } from "./sentry-harness.js";

beforeAll(() => initSentry({ enableOpenTelemetrySetup: true }));
afterAll(async () => {
  await Sentry.close(2000);
});

const signal = new AbortController().signal;

describe("sentryInterceptor with Sentry as the OTel backend", () => {
  it("adopts l0's OTel spans: no twin spans, provider spans under l0's attempt, errors linked to l0's trace", async () => {
    const tracer = trace.getTracer("l0");
    const interceptor = sentryInterceptor({ hub: Sentry, tags: { model: "m" } });
    const next = (await interceptor.before!({
      stream: () => {
        Sentry.startInactiveSpan({ name: "POST /v1/chat/completions", op: "http.client" }).end();
        return [];
      },
    })) as L0Options;
    const operation = tracer.startSpan("chat m");
    next.onEvent!({ type: "SESSION_START", ts: Date.now(), sessionId: "s" });
    const attempt = tracer.startSpan("chat m attempt 1", {}, trace.setSpan(context.active(), operation));
    context.with(trace.setSpan(context.active(), attempt), () => next.stream({ signal, attempt: 1, fallbackIndex: 0 }));
    attempt.end();
    next.onEvent!({
      type: "ERROR",
      ts: Date.now(),
      sessionId: "s",
      error: new L0Error("PROVIDER_ERROR", "boom", { details: { errorType: "server_error" } }),
      errorType: "server_error",
      tokenCount: 0,
    });
    operation.end();

    const { events, spans } = await drain();
    expect(spans.map((s) => s.name).sort()).toEqual(["POST /v1/chat/completions", "chat m", "chat m attempt 1"]);
    const l0Attempt = spans.find((s) => s.name === "chat m attempt 1")!;
    expect(l0Attempt.parentSpanId).toBe(spans.find((s) => s.name === "chat m")!.spanId);
    expect(spans.find((s) => s.op === "http.client")!.parentSpanId).toBe(l0Attempt.spanId);
    expect(events).toHaveLength(1);
    expect(events[0]!.tags).toMatchObject({ component: "l0.network", error_type: "server_error", model: "m" });
    expect(events[0]!.contexts!["trace"]).toMatchObject({ trace_id: l0Attempt.traceId, span_id: l0Attempt.spanId });
  });

  it("falls back to its own spans when l0 does not trace the call (monitoring off or unsampled)", async () => {
    const interceptor = sentryInterceptor({ hub: Sentry });
    const next = (await interceptor.before!({ stream: () => [] })) as L0Options;
    next.onEvent!({ type: "SESSION_START", ts: Date.now(), sessionId: "s" });
    next.stream({ signal, attempt: 1, fallbackIndex: 0 });
    next.onEvent!({ type: "COMPLETE", ts: Date.now(), sessionId: "s", tokenCount: 0, durationMs: 1 });
    await interceptor.after!({ telemetry: undefined } as L0Result, next); // as l0() does, unmonitored
    const { spans } = await drain();
    expect(spans.map((s) => s.op).sort()).toEqual(["l0.execution", "l0.stream.consume"]);
  });

  it("real l0(): one span tree in Sentry (l0's operation and attempt spans), provider spans under the attempt, no twins", async () => {
    const factory = mockStreamFactory([
      ["a", faults.econnreset()],
      ["a", "b"],
    ]);
    const result = await l0({
      stream: (context) => {
        Sentry.startInactiveSpan({ name: "POST /v1/chat/completions", op: "http.client" }).end();
        return factory(context);
      },
      retry: { attempts: 1, maxRetries: 1, baseDelay: 1, maxDelay: 1 },
      monitoring: { enabled: true, provider: "openai", model: "gpt-test" },
      interceptors: [sentryInterceptor({ hub: Sentry })],
    });
    const before = Date.now() / 1000;
    for await (const event of result.stream) void event;
    const { events, spans } = await drain();
    expect(events).toEqual([]);
    // Needs l0's attempt span to be ACTIVE while the factory runs (CallObserver.runInAttempt) under
    // Sentry's context manager, which decorates every context it enters.
    expect(
      spans.some((s) => s.op === "l0.execution" || s.op === "l0.stream.consume"),
      "twin spans: the attempt span was not active in the factory",
    ).toBe(false);
    const http = spans.filter((s) => s.op === "http.client");
    expect(http).toHaveLength(2);
    const ids = new Map(spans.map((s) => [s.spanId, s]));
    const attempts = http.map((s) => ids.get(s.parentSpanId!)!);
    expect(attempts.every((a) => a !== undefined)).toBe(true);
    const operation = ids.get(attempts[0]!.parentSpanId!)!;
    expect(operation).toBeDefined();
    expect(attempts[1]!.parentSpanId).toBe(operation.spanId);
    expect(operation.parentSpanId).toBeUndefined();
    expect(spans).toHaveLength(5);
    // Every span has ordered, real timestamps (seconds since epoch, around now) on both majors: l0
    // hands the tracer epoch milliseconds (Sentry 10's tracer would read small numbers as epoch seconds).
    for (const span of spans) {
      expect(span.start).toBeGreaterThan(before - 60);
      expect(span.end).toBeGreaterThanOrEqual(span.start);
    }
  });

  it("withSentry creates no twins either: l0's operation span is the call's span", async () => {
    const result = await withSentry({ hub: Sentry }, () =>
      l0({ stream: mockStreamFactory([["a", "b"]]), monitoring: { enabled: true, model: "gpt-test" } }),
    );
    for await (const event of result.stream) void event;
    const { spans } = await drain();
    expect(spans.map((s) => s.name).sort()).toEqual(["chat gpt-test", "l0.attempt"]);
  });
});
