/**
 * createSentryIntegration (the spec's manual integration) with the real @sentry/node in the
 * static trace lifecycle, where Sentry sends transactions carrying breadcrumbs, tags and contexts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSentryIntegration } from "../../src/integrations/create-sentry-integration.js";
import type { L0Telemetry } from "../../src/types/telemetry.js";
import { CLEAN_CALL_CRUMBS, crumbs, drain, initSentry, Sentry } from "./sentry-harness.js";
import { sleep } from "../helpers/sleep.js";

beforeAll(() => initSentry({ traceLifecycle: "static" }));
afterAll(async () => {
  await Sentry.close(2000);
});

const telemetry: L0Telemetry = {
  sessionId: "l0_123",
  startTime: 1,
  endTime: 1501,
  duration: 1500,
  metrics: { timeToFirstToken: 280, tokensPerSecond: 166, totalTokens: 250, totalRetries: 1, networkRetries: 1, modelRetries: 0 },
  network: { errorCount: 0, errorsByType: {} },
  guardrails: { violationCount: 0, violationsByRule: {}, violationsBySeverity: { warning: 0, error: 0, fatal: 0 } },
};

describe("createSentryIntegration", () => {
  it("manual flow: l0.execution transaction with l0.stream.consume child, telemetry context, breadcrumbs, scoped tags", async () => {
    const sentry = createSentryIntegration({ hub: Sentry, tags: { model: "gpt-4", environment: "production" } });
    sentry.startExecution("my-chat-request", { user_id: "123", nested: { dropped: true } });
    sentry.startStream();
    await sleep(3);
    sentry.recordFirstToken(280);
    for (const token of ["a", "b", "c"]) sentry.recordToken(token);
    await sleep(3);
    sentry.completeStream(3);
    sentry.completeExecution(telemetry);

    const { transactions, spans, events } = await drain();
    expect(events).toEqual([]);
    expect(transactions).toHaveLength(1);
    const tx = transactions[0]!;
    expect(tx.transaction).toBe("my-chat-request");
    expect(tx.tags).toMatchObject({ model: "gpt-4", environment: "production" });
    expect(tx.contexts!["l0_telemetry"]).toEqual({
      session_id: "l0_123",
      duration_ms: 1500,
      tokens: 250,
      tokens_per_second: 166,
      ttft_ms: 280,
      retries: 1,
      network_errors: 0,
      guardrail_violations: 0,
    });
    expect(crumbs(tx)).toEqual(CLEAN_CALL_CRUMBS);
    const execution = spans.find((s) => s.op === "l0.execution")!;
    const consume = spans.find((s) => s.op === "l0.stream.consume")!;
    expect(execution.data).toMatchObject({ user_id: "123", tokens: 250, ttft_ms: 280 });
    expect(execution.data["nested"]).toBeUndefined();
    expect(consume.parentSpanId).toBe(execution.spanId);
    expect(consume.data).toMatchObject({ tokens: 3, ttft_ms: 280 });
    expect(consume.end - consume.start).toBeGreaterThan(0.004);
    expect(execution.end).toBeGreaterThanOrEqual(consume.end);
    // Tags stayed on the call's scope.
    expect(Sentry.getIsolationScope().getScopeData().tags).toEqual({});
    expect(Sentry.getCurrentScope().getScopeData().contexts["l0_telemetry"]).toBeUndefined();
  });

  it("breadcrumbsForTokens adds one breadcrumb per token: its first 50 characters only with captureContent", async () => {
    for (const captureContent of [true, false]) {
      const sentry = createSentryIntegration({ hub: Sentry, breadcrumbsForTokens: true, captureContent });
      sentry.startExecution();
      sentry.startStream();
      sentry.recordToken("x".repeat(80));
      sentry.recordFailure(new Error("failed"));
      const { events } = await drain();
      expect(crumbs(events[0]!)).toContain(captureContent ? `l0.token: ${"x".repeat(50)}` : "l0.token: token");
      expect(events[0]!.exception!.values![0]!.value).toBe(captureContent ? "failed" : "Error");
    }
  });

  it("error handling flow: recordFailure captures with component l0 and ends the transaction as failed", async () => {
    const sentry = createSentryIntegration({ hub: Sentry });
    sentry.startExecution();
    sentry.startStream();
    sentry.recordFailure(new Error("stream broke"), telemetry);
    const { events, transactions } = await drain();
    expect(events).toHaveLength(1);
    expect(events[0]!.exception!.values![0]).toMatchObject({ type: "Error", value: "Error" });
    expect(events[0]!.tags).toMatchObject({ component: "l0", error_type: "unknown" });
    expect(events[0]!.contexts!["l0_telemetry"]).toMatchObject({ session_id: "l0_123" });
    expect(transactions[0]!.contexts!["trace"]).toMatchObject({ status: "internal_error" });
    expect(transactions[0]!.spans).toHaveLength(1);
  });

  it("abort: transaction status cancelled, nothing captured", async () => {
    const sentry = createSentryIntegration({ hub: Sentry });
    sentry.startExecution();
    sentry.startStream();
    sentry.recordAbort();
    const { events, transactions } = await drain();
    expect(events).toEqual([]);
    expect(transactions[0]!.contexts!["trace"]).toMatchObject({ status: "cancelled" });
  });
});
