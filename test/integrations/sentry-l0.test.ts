/**
 * End to end: real l0() calls on mock streams, reported by sentryInterceptor / withSentry to the
 * real @sentry/node (static trace lifecycle: transactions carry breadcrumbs, tags and contexts,
 * which is what a user sees in Sentry's UI).
 *
 * l0 records its OTel spans into a pipeline of its own (`registerL0Instrumentation`), as an app with
 * its own OTel pipeline does: they are not Sentry spans, so the integration makes `l0.execution` >
 * `l0.stream.consume` (on Sentry 10 too, where Sentry is the global OTel provider; see
 * sentry-otel-backend.test.ts for l0's spans as Sentry spans).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sentryInterceptor } from "../../src/integrations/sentry-interceptor.js";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import { withSentry } from "../../src/integrations/with-sentry.js";
import { l0 } from "../../src/l0.js";
import { faults } from "../../src/testing/faults.js";
import { mockStreamFactory, step } from "../../src/testing/mock-stream.js";
import type { GuardrailRule, GuardrailSeverity } from "../../src/types/guardrails.js";
import type { L0Options } from "../../src/types/options.js";
import type { L0Telemetry } from "../../src/types/telemetry.js";
import { CLEAN_CALL_CRUMBS, clearScopes, crumbs, drain, initSentry, ownData, type SeenEvent, Sentry } from "./sentry-harness.js";
import { keptText } from "../helpers/drain.js";

let l0Pipeline: ReturnType<typeof registerL0Instrumentation>;
beforeAll(() => {
  initSentry({ traceLifecycle: "static" });
  l0Pipeline = registerL0Instrumentation({ useGlobal: false });
});
afterAll(async () => {
  await l0Pipeline.shutdown();
  await Sentry.close(2000);
});
beforeEach(() => clearScopes());

const retry = { attempts: 1, maxRetries: 1, baseDelay: 1, maxDelay: 1 };

async function run(
  options: Partial<L0Options> & Pick<L0Options, "stream">,
  tags: Record<string, string> = { model: "mock" },
): Promise<{ text?: string; error?: unknown; telemetry?: L0Telemetry | undefined }> {
  const result = await l0({ monitoring: { enabled: true }, interceptors: [sentryInterceptor({ hub: Sentry, tags })], ...options });
  try {
    return { text: await keptText(result), telemetry: result.telemetry };
  } catch (error) {
    return { error, telemetry: result.telemetry };
  }
}

function rule(severity: GuardrailSeverity): GuardrailRule {
  return {
    name: `flag-${severity}`,
    streaming: false,
    check: ({ completed, content }) =>
      completed && content.includes("secret")
        ? [{ rule: `flag-${severity}`, message: `found a secret (${severity})`, severity, recoverable: false }]
        : [],
  };
}

const txOf = (transactions: SeenEvent[]) => transactions.find((t) => t.transaction === "l0.execution")!;

describe("Sentry with real l0() calls", () => {
  it("clean call: one l0.execution transaction whose l0.stream.consume child covers the real stream", async () => {
    const resolvedAt = { t: 0 };
    const result = await l0({
      stream: mockStreamFactory([["Hello", step.delay(30), " world"]]),
      monitoring: { enabled: true },
      interceptors: [sentryInterceptor({ hub: Sentry, tags: { model: "mock" } })],
    });
    resolvedAt.t = Date.now() / 1000;
    expect(await keptText(result)).toBe("Hello world");
    const { events, transactions, spans } = await drain();
    expect(events).toEqual([]);
    expect(transactions).toHaveLength(1);
    const tx = txOf(transactions);
    expect(tx.tags).toMatchObject({ model: "mock" });
    const telemetry = result.telemetry!;
    const l0Telemetry = {
      session_id: telemetry.sessionId,
      duration_ms: expect.any(Number),
      tokens: 2,
      tokens_per_second: expect.any(Number),
      ttft_ms: expect.any(Number),
      retries: 0,
      network_errors: 0,
      guardrail_violations: 0,
    };
    expect(tx.contexts!["l0_telemetry"]).toEqual(l0Telemetry);
    expect(crumbs(tx)).toEqual(CLEAN_CALL_CRUMBS);
    const execution = spans.find((s) => s.op === "l0.execution")!;
    const consumeSpan = spans.find((s) => s.op === "l0.stream.consume")!;
    expect(consumeSpan.parentSpanId).toBe(execution.spanId);
    // The span data: the l0_telemetry fields and the tags (consume: its own tokens and times).
    expect(ownData(execution)).toEqual({ ...l0Telemetry, model: "mock" });
    expect(ownData(consumeSpan)).toEqual({ tokens: 2, ttft_ms: expect.any(Number), duration_ms: expect.any(Number), model: "mock" });
    // The first token came before the 30 ms pause, so TTFT is at least 20 ms shorter than the stream.
    expect(consumeSpan.data["ttft_ms"]).toBeGreaterThanOrEqual(0);
    expect(consumeSpan.data["ttft_ms"] as number).toBeLessThanOrEqual((consumeSpan.end - consumeSpan.start) * 1000 - 20);
    // Covers the stream, which runs after l0() resolved: not a zero-length span.
    expect(consumeSpan.end - consumeSpan.start).toBeGreaterThanOrEqual(0.025);
    expect(consumeSpan.end).toBeGreaterThan(resolvedAt.t);
    expect(execution.end).toBeGreaterThanOrEqual(consumeSpan.end);
  });

  it("retried network error: breadcrumbs, nothing captured", async () => {
    const outcome = await run({ stream: mockStreamFactory([["Hel", faults.econnreset()], ["Hello"]]), retry });
    expect(outcome.text).toBe("Hello");
    const { events, transactions } = await drain();
    expect(events).toEqual([]);
    const tx = txOf(transactions);
    expect(crumbs(tx)).toContain("l0.network: Network error: econnreset");
    expect(crumbs(tx)).toContain("l0.retry: Retry attempt 2");
    // The context is result.telemetry's: the kept tokens ("Hello"; "Hel" was discarded).
    expect(outcome.telemetry!.metrics.totalTokens).toBe(1);
    expect(outcome.telemetry!.metrics.discardedTokens).toBe(1);
    expect(tx.contexts!["l0_telemetry"]).toMatchObject({
      session_id: outcome.telemetry!.sessionId,
      retries: 1,
      network_errors: 1,
      tokens: outcome.telemetry!.metrics.totalTokens,
      duration_ms: outcome.telemetry!.duration,
    });
    expect(tx.contexts!["trace"]).toMatchObject({ status: "ok" });
  });

  it("a call that finally fails: one captured exception tagged as a network error, transaction failed", async () => {
    const outcome = await run({ stream: mockStreamFactory([[faults.econnreset()]]), retry });
    expect(outcome.error).toBeInstanceOf(Error);
    const { events, transactions } = await drain();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.tags).toMatchObject({ component: "l0.network", error_type: "econnreset", model: "mock" });
    // Content-free by default: the provider's error is described by its type and code, the message stays home.
    expect(event!.exception!.values!.map((v) => v.value)).toEqual(["NETWORK_ERROR (econnreset): Error ECONNRESET"]);
    expect(crumbs(event!).filter((c) => c.startsWith("l0.network"))).toHaveLength(2);
    expect(event!.contexts!["l0_telemetry"]).toMatchObject({ retries: 1, network_errors: 2, tokens: 0 });
    const tx = txOf(transactions);
    expect(tx.contexts!["trace"]).toMatchObject({ status: "internal_error" });
    expect((event!.contexts!["trace"] as { trace_id: string }).trace_id).toBe((tx.contexts!["trace"] as { trace_id: string }).trace_id);
  });

  it("error-severity guardrail violation is captured; a warning one is not", async () => {
    await run({ stream: mockStreamFactory([["a secret"]]), guardrails: [rule("warning")], retry });
    let { events } = await drain();
    expect(events).toEqual([]);

    await run({ stream: mockStreamFactory([["a secret"]]), guardrails: [rule("error")], retry });
    ({ events } = await drain());
    const violation = events.find((e) => e.message === "Guardrail violation: flag-error")!;
    expect(violation.level).toBe("error");
    expect(violation.tags).toMatchObject({
      component: "l0.guardrails",
      guardrail_rule: "flag-error",
      guardrail_severity: "error",
      model: "mock",
    });
    expect(violation.contexts!["guardrail"]).toMatchObject({ message: "found a secret (error)" });
  });

  it("concurrent calls in one scope do not mix tags, telemetry or spans; their breadcrumbs carry their session", async () => {
    const [outA, outB] = await Promise.all([
      run({ stream: mockStreamFactory([["a", step.delay(5), "a"]]) }, { call: "a" }),
      run(
        {
          stream: mockStreamFactory([
            ["b", faults.econnreset()],
            ["b", step.delay(5), "b"],
          ]),
          retry,
        },
        { call: "b" },
      ),
    ]);
    const { transactions } = await drain();
    const a = transactions.find((t) => t.tags!["call"] === "a")!;
    const b = transactions.find((t) => t.tags!["call"] === "b")!;
    // One isolation scope, one trail: b's retry shows on a's transaction too, labelled with b's session.
    const retries = (tx: SeenEvent) => tx.breadcrumbs!.filter((c) => c.category === "l0.retry").map((c) => c.data!["session_id"]);
    expect(retries(b)).toEqual([outB.telemetry!.sessionId]);
    expect(retries(a).every((id) => id === outB.telemetry!.sessionId)).toBe(true);
    expect(a.contexts!["l0_telemetry"]).toMatchObject({ session_id: outA.telemetry!.sessionId, retries: 0, tokens: 2 });
    // b's tokens are the kept ones ("b", "b"; the first attempt's "b" was discarded), as its result.telemetry says.
    expect(outB.telemetry!.metrics.totalTokens).toBe(2);
    expect(outB.telemetry!.metrics.discardedTokens).toBe(1);
    expect(b.contexts!["l0_telemetry"]).toMatchObject({ session_id: outB.telemetry!.sessionId, retries: 1, tokens: 2 });
    expect(a.spans).toHaveLength(1);
    expect(b.spans).toHaveLength(1);
  });

  it("abort: spans end as cancelled, nothing captured", async () => {
    const result = await l0({ stream: mockStreamFactory([["a", step.stall()]]), interceptors: [sentryInterceptor({ hub: Sentry })] });
    const iterator = result.stream[Symbol.asyncIterator]();
    await iterator.next();
    result.abort();
    await expect(iterator.next()).resolves.toBeDefined();
    await iterator.next().catch(() => undefined);
    const { events, transactions } = await drain();
    expect(events).toEqual([]);
    expect(txOf(transactions).contexts!["trace"]).toMatchObject({ status: "cancelled" });
  });

  it("a consumer that stops early (break) still ends both spans", async () => {
    const result = await l0({ stream: mockStreamFactory([["x", "y", step.stall()]]), interceptors: [sentryInterceptor({ hub: Sentry })] });
    for await (const event of result.stream) if (event.type === "token") break;
    const { events, transactions } = await drain();
    expect(events).toEqual([]);
    const tx = txOf(transactions);
    expect(tx.contexts!["trace"]).toMatchObject({ status: "cancelled" });
    expect(tx.spans).toHaveLength(1);
    expect(crumbs(tx)).toContain("l0: L0 execution aborted");
  });

  it("withSentry: the span ends when the stream ends, not when l0() resolves", async () => {
    const result = await withSentry({ hub: Sentry, tags: { via: "withSentry" } }, () =>
      l0({ stream: mockStreamFactory([["x", step.delay(30), "y"]]), monitoring: { enabled: true } }),
    );
    const resolvedAt = Date.now() / 1000;
    expect(await keptText(result)).toBe("xy");
    expect(result.telemetry?.metrics.totalTokens).toBe(2);
    const { transactions, spans } = await drain();
    const tx = txOf(transactions);
    expect(tx.tags).toMatchObject({ via: "withSentry" });
    expect(tx.contexts!["l0_telemetry"]).toMatchObject({ session_id: result.telemetry!.sessionId, tokens: 2 });
    const consumeSpan = spans.find((s) => s.op === "l0.stream.consume")!;
    expect(consumeSpan.end).toBeGreaterThan(resolvedAt + 0.02);
    expect(consumeSpan.parentSpanId).toBe(spans.find((s) => s.op === "l0.execution")!.spanId);
  });

  it("withSentry: a consumer that stops early still ends the spans", async () => {
    const result = await withSentry({ hub: Sentry }, () => l0({ stream: mockStreamFactory([["x", "y", "z"]]) }));
    for await (const event of result.stream) if (event.type === "token") break;
    const { transactions } = await drain();
    expect(txOf(transactions).contexts!["trace"]).toMatchObject({ status: "cancelled" });
  });

  it("withSentry: a failing call is captured once", async () => {
    const result = await withSentry({ hub: Sentry }, () => l0({ stream: mockStreamFactory([[faults.unauthorized()]]), retry }));
    await expect(keptText(result)).rejects.toThrow();
    const { events } = await drain();
    expect(events).toHaveLength(1);
    expect(events[0]!.tags).toMatchObject({ component: "l0", error_type: "auth_error" });
  });
});
