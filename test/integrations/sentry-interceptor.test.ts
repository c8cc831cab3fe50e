/**
 * sentryInterceptor against the real @sentry/node SDK with its default trace lifecycle (11: streamed
 * `span` items; 10: `transaction` items), driven the way l0() drives interceptors: `before`, then
 * `onEvent` for every event, stream factories called per attempt, `onError` on failure.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { sentryInterceptor } from "../../src/integrations/sentry-interceptor.js";
import type { L0Event } from "../../src/types/events.js";
import type { L0LifecycleEvent } from "../../src/types/lifecycle.js";
import type { L0Options } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";
import { clearScopes, crumbs, drain, initSentry, ownData, Sentry } from "./sentry-harness.js";

beforeAll(() => initSentry());
// Each test is a fresh "request": l0's breadcrumbs go to the isolation scope, which outlives a test.
beforeEach(() => clearScopes());
afterAll(async () => {
  await Sentry.close(2000);
});

type AnyEvent = L0Event | L0LifecycleEvent;

/**
 * Runs `before`, then emits `events` (a "factory" entry calls the next stream factory), then, after
 * a `COMPLETE`, `after` as l0 does (this simulated call is unmonitored: no `result.telemetry`).
 */
async function drive(options: Partial<L0Options>, script: (AnyEvent | "factory")[], config = {}): Promise<L0Options> {
  const interceptor = sentryInterceptor({ hub: Sentry, tags: { model: "gpt-test" }, ...config });
  const next = (await interceptor.before!({ stream: () => [], ...options })) as L0Options;
  const factories = [next.stream, ...(next.fallbackStreams ?? [])];
  let attempt = 0;
  for (const entry of script) {
    if (entry === "factory") {
      const index = Math.min(attempt++, factories.length - 1);
      factories[index]!({ signal: new AbortController().signal, attempt, fallbackIndex: index });
    } else next.onEvent!(entry);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (script.some((entry) => entry !== "factory" && entry.type === "COMPLETE")) {
    await interceptor.after!({ telemetry: undefined } as L0Result, next);
  }
  return next;
}

const ts = () => Date.now();
const sessionId = "l0_test";
const start: AnyEvent[] = [{ type: "SESSION_START", ts: ts(), sessionId }];
/** A connection reset on `attempt` (retried or not), as l0 reports it. */
function econnreset(attempt: number, willRetry: boolean): AnyEvent {
  const message = "read ECONNRESET";
  return { type: "NETWORK_ERROR", ts: ts(), sessionId, errorType: "econnreset", message, error: new Error(message), willRetry, attempt };
}
/** The first attempt's connection reset, retried after 5 ms by a second attempt from the factory. */
function resetThenRetried(): (AnyEvent | "factory")[] {
  return [
    econnreset(1, true),
    { type: "RETRY", ts: ts(), sessionId, attempt: 2, reason: "econnreset", kind: "network", delayMs: 5 },
    "factory",
  ];
}
function tokens(n: number): AnyEvent[] {
  return Array.from({ length: n }, (_, i) => ({ type: "token" as const, value: `t${i}`, timestamp: Date.now() }));
}

describe("sentryInterceptor", () => {
  it("clean call: l0.execution with a child l0.stream.consume covering the stream, no events", async () => {
    await drive({}, [
      { type: "SESSION_START", ts: ts(), sessionId },
      "factory",
      ...tokens(3),
      { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 3, durationMs: 10 },
    ]);
    const { events, spans } = await drain();
    expect(events).toEqual([]);
    const execution = spans.find((s) => s.op === "l0.execution")!;
    const consume = spans.find((s) => s.op === "l0.stream.consume")!;
    expect(execution.name).toBe("l0.execution");
    expect(consume.name).toBe("l0.stream.consume");
    expect(consume.parentSpanId).toBe(execution.spanId);
    expect(consume.traceId).toBe(execution.traceId);
    expect(ownData(consume)).toEqual({ tokens: 3, ttft_ms: expect.any(Number), duration_ms: expect.any(Number), model: "gpt-test" });
    expect(consume.end - consume.start).toBeGreaterThan(0.005); // covers the real stream (5 steps of 2 ms)
    // No result.telemetry (monitoring off): l0_telemetry from the lifecycle facts, no throughput.
    expect(ownData(execution)).toEqual({
      session_id: sessionId,
      duration_ms: expect.any(Number),
      tokens: 3,
      ttft_ms: expect.any(Number),
      retries: 0,
      network_errors: 0,
      guardrail_violations: 0,
      model: "gpt-test",
    });
    expect(execution.status).toBe("ok");
    expect(spans).toHaveLength(2);
  });

  it("retried network error: breadcrumb only, nothing captured", async () => {
    await drive({}, [
      ...start,
      "factory",
      ...resetThenRetried(),
      ...tokens(2),
      { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 2, durationMs: 10 },
    ]);
    const { events, spans } = await drain();
    expect(events).toEqual([]);
    expect(spans.find((s) => s.op === "l0.execution")!.data).toMatchObject({ retries: 1, network_errors: 1, tokens: 2 });
  });

  it("final failure after retries: one captured exception with network tags, breadcrumbs of the retry", async () => {
    const error = new L0Error("NETWORK_ERROR", "retries exhausted", {
      cause: new Error("read ECONNRESET"),
      details: { errorType: "econnreset" },
    });
    await drive({}, [
      ...start,
      "factory",
      ...resetThenRetried(),
      econnreset(2, false),
      { type: "ERROR", ts: ts(), sessionId, error, errorType: "econnreset", tokenCount: 0 },
    ]);
    const { events, spans } = await drain();
    expect(events).toHaveLength(1);
    const [event] = events;
    // Content-free by default: the code, the error type and what the cause is (not its message, no cause chain).
    expect(event!.exception!.values!.at(-1)).toMatchObject({ type: "L0Error", value: "NETWORK_ERROR (econnreset): Error" });
    expect(event!.exception!.values).toHaveLength(1);
    expect(event!.tags).toMatchObject({ component: "l0.network", error_type: "econnreset", model: "gpt-test" });
    expect(crumbs(event!)).toEqual([
      "l0: L0 execution started",
      "l0.stream: Stream started",
      "l0.network: Network error: econnreset",
      "l0.retry: Retry attempt 2",
      "l0.network: Network error: econnreset",
    ]);
    expect(event!.contexts!["l0_telemetry"]).toMatchObject({ session_id: sessionId, retries: 1, network_errors: 2, tokens: 0 });
    const execution = spans.find((s) => s.op === "l0.execution")!;
    expect(execution.failed).toBe(true);
    expect(spans.find((s) => s.op === "l0.stream.consume")!.failed).toBe(true);
    expect((event!.contexts!["trace"] as { trace_id: string }).trace_id).toBe(execution.traceId);
  });

  it("non-retried network error followed by a fallback is not captured", async () => {
    await drive({ fallbackStreams: [() => []] }, [
      ...start,
      "factory",
      {
        type: "NETWORK_ERROR",
        ts: ts(),
        sessionId,
        errorType: "econnrefused",
        message: "refused",
        error: new Error("refused"),
        willRetry: false,
        attempt: 1,
      },
      { type: "FALLBACK", ts: ts(), sessionId, fromIndex: 0, toIndex: 1, reason: "econnrefused" },
      "factory",
      ...tokens(1),
      { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 1, durationMs: 5 },
    ]);
    const { events } = await drain();
    expect(events).toEqual([]);
  });

  it("guardrail violations: error severity captured, warning only a breadcrumb", async () => {
    const violation = (severity: "warning" | "error") => ({
      rule: "json-structure",
      message: "Unbalanced braces: 2 open, 1 close",
      severity,
      recoverable: true,
    });
    await drive({}, [
      ...start,
      "factory",
      ...tokens(1),
      { type: "GUARDRAIL_VIOLATION", ts: ts(), sessionId, violation: violation("warning"), attempt: 1 },
      { type: "GUARDRAIL_VIOLATION", ts: ts(), sessionId, violation: violation("error"), attempt: 1 },
      { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 1, durationMs: 5 },
    ]);
    const { events } = await drain();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ message: "Guardrail violation: json-structure", level: "error" });
    expect(events[0]!.tags).toMatchObject({
      component: "l0.guardrails",
      guardrail_rule: "json-structure",
      guardrail_severity: "error",
      model: "gpt-test",
    });
    expect(events[0]!.contexts!["guardrail"]).toMatchObject({ message: "Unbalanced braces: 2 open, 1 close" });
    expect(crumbs(events[0]!)).toContain("l0.guardrail: Guardrail violation: json-structure");
  });

  it("a violation repeated by streaming checks is captured once per rule and severity per call", async () => {
    const v = { rule: "json", message: "Unbalanced", severity: "error" as const, recoverable: true };
    await drive({}, [
      ...start,
      ...[1, 2, 3].map((attempt): AnyEvent => ({ type: "GUARDRAIL_VIOLATION", ts: ts(), sessionId, violation: v, attempt })),
      { type: "GUARDRAIL_VIOLATION", ts: ts(), sessionId, violation: { ...v, severity: "fatal" }, attempt: 3 },
      { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 0, durationMs: 1 },
    ]);
    const { events, spans } = await drain();
    expect(events.map((e) => e.level)).toEqual(["error", "fatal"]);
    expect(crumbs(events[1]!).filter((c) => c === "l0.guardrail: Guardrail violation: json")).toHaveLength(4);
    expect(spans.find((s) => s.op === "l0.execution")!.data).toMatchObject({ guardrail_violations: 4 });
  });

  it("drift, fallback and timeout are breadcrumbs on the call's events", async () => {
    await drive({ fallbackStreams: [() => []] }, [
      ...start,
      "factory",
      {
        type: "DRIFT",
        ts: ts(),
        sessionId,
        detections: [
          { type: "repetition", confidence: 0.9 },
          { type: "hedging", confidence: 0.7 },
        ],
        confidence: 0.9,
        attempt: 1,
      },
      { type: "TIMEOUT", ts: ts(), sessionId, timeoutType: "inter", elapsedMs: 50, attempt: 1 },
      { type: "FALLBACK", ts: ts(), sessionId, fromIndex: 0, toIndex: 1, reason: "inter_token_timeout" },
      "factory",
      {
        type: "ERROR",
        ts: ts(),
        sessionId,
        error: new L0Error("INTER_TOKEN_TIMEOUT", "all failed", { details: { errorType: "inter_token_timeout" } }),
        errorType: "inter_token_timeout",
        tokenCount: 0,
      },
    ]);
    const { events } = await drain();
    expect(events).toHaveLength(1);
    const drift = events[0]!.breadcrumbs!.find((b) => b.category === "l0.drift")!;
    expect(drift).toMatchObject({ message: "Drift detected", level: "warning", data: { types: "repetition,hedging", confidence: 0.9 } });
    expect(crumbs(events[0]!)).toEqual(expect.arrayContaining(["l0.timeout: Inter-token timeout", "l0.fallback: Fallback to stream 1"]));
    expect(events[0]!.tags).toMatchObject({ component: "l0.network", error_type: "inter_token_timeout" });
  });

  it("minGuardrailSeverity 'warning' captures warnings at warning level", async () => {
    await drive(
      {},
      [
        ...start,
        {
          type: "GUARDRAIL_VIOLATION",
          ts: ts(),
          sessionId,
          violation: { rule: "r", message: "m", severity: "warning", recoverable: true },
          attempt: 1,
        },
        { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 0, durationMs: 1 },
      ],
      { minGuardrailSeverity: "warning" },
    );
    const { events } = await drain();
    expect(events.map((e) => e.level)).toEqual(["warning"]);
  });

  it("the stream factory runs with l0.stream.consume active, so provider spans nest under it", async () => {
    let providerSpan: ReturnType<typeof Sentry.startInactiveSpan> | undefined;
    await drive(
      {
        stream: () => {
          providerSpan = Sentry.startInactiveSpan({ name: "POST /v1/chat/completions", op: "http.client" });
          providerSpan.end();
          return [];
        },
      },
      [...start, "factory", ...tokens(1), { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 1, durationMs: 2 }],
    );
    const { spans } = await drain();
    const consume = spans.find((s) => s.op === "l0.stream.consume")!;
    expect(spans.find((s) => s.op === "http.client")!.parentSpanId).toBe(consume.spanId);
  });

  it("abort ends both spans (cancelled) and captures nothing; onError after ERROR does not capture twice", async () => {
    await drive({}, [...start, "factory", ...tokens(1), { type: "ABORT", ts: ts(), sessionId, tokenCount: 1 }]);
    const first = await drain();
    let events = first.events;
    const spans = first.spans;
    expect(events).toEqual([]);
    // Both spans ended; streamed spans report `cancelled` as "ok" (Sentry's mapping), transactions as "cancelled".
    expect(spans.map((s) => s.op).sort()).toEqual(["l0.execution", "l0.stream.consume"]);
    expect(spans.map((s) => s.status)).toEqual(spans.map((s) => (s.format === "span" ? "ok" : "cancelled")));

    const interceptor = sentryInterceptor({ hub: Sentry });
    const next = (await interceptor.before!({ stream: () => [] })) as L0Options;
    const error = new L0Error("PROVIDER_ERROR", "once", { details: { errorType: "server_error" } });
    next.onEvent!({ type: "ERROR", ts: ts(), sessionId, error, errorType: "server_error", tokenCount: 0 });
    await interceptor.onError!(error, next);
    ({ events } = await drain());
    expect(events).toHaveLength(1);
  });

  it("onError alone (failure before any event) captures the failure and ends the span", async () => {
    const interceptor = sentryInterceptor({ hub: Sentry });
    const next = (await interceptor.before!({ stream: () => [] })) as L0Options;
    await interceptor.onError!(new L0Error("INVALID_STREAM", "not a stream"), next);
    const { events, spans } = await drain();
    expect(events).toHaveLength(1);
    expect(events[0]!.tags).toMatchObject({ component: "l0", error_type: "unknown" });
    expect(spans.map((s) => s.op)).toEqual(["l0.execution"]);
  });

  it("enableTracing: false records no spans but still captures", async () => {
    await drive(
      {},
      [...start, "factory", { type: "ERROR", ts: ts(), sessionId, error: new Error("x"), errorType: "unknown", tokenCount: 0 }],
      { enableTracing: false },
    );
    const { events, spans } = await drain();
    expect(spans).toEqual([]);
    expect(events).toHaveLength(1);
  });

  it("chains the user's onEvent", async () => {
    const seen: string[] = [];
    await drive({ onEvent: (e) => seen.push(e.type) }, [
      ...start,
      ...tokens(1),
      { type: "COMPLETE", ts: ts(), sessionId, tokenCount: 1, durationMs: 1 },
    ]);
    await drain();
    expect(seen).toEqual(["SESSION_START", "token", "COMPLETE"]);
  });

  it("rejects a bad config with a typed error naming the field", () => {
    expect(() => sentryInterceptor({ hub: {} as never })).toThrow(/Invalid option "hub"/);
    expect(() => sentryInterceptor({ hub: Sentry, minGuardrailSeverity: "bad" as never })).toThrow(/minGuardrailSeverity/);
    expect(() => sentryInterceptor({ hub: Sentry, tags: { x: {} as never } })).toThrow(/tags\.x/);
    expect(() => sentryInterceptor({ hub: Sentry, enableTracing: "yes" as never })).toThrow(/enableTracing/);
  });
});
