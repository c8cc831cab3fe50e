/**
 * The Sentry examples of MONITORING.md, as written (the package entry stands for "l0"; `model`,
 * `prompt` and `stream` are a mock AI SDK model and a prompt), checked against what Sentry receives.
 * With `@sentry/node` 10 `Sentry.init` makes Sentry the global OTel provider, so for monitored calls
 * l0's own spans are the call's Sentry spans and the integration creates no twins.
 */
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSentryIntegration, l0, sentryInterceptor, withSentry } from "../../src/index.js";
import { drain, initSentry, Sentry, SENTRY_IS_OTEL_BY_DEFAULT, type SeenSpan } from "./sentry-harness.js";
import { collect } from "../helpers/drain.js";
import { mockModel, modelUsage } from "../helpers/ai-sdk-model.js";

beforeAll(() => initSentry()); // stands for Sentry.init({ dsn: "your-sentry-dsn" })
afterAll(async () => {
  await Sentry.close(2000);
});

const parts: LanguageModelV3StreamPart[] = [
  { type: "stream-start", warnings: [] },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: "Hello" },
  { type: "text-delta", id: "t", delta: " world" },
  { type: "text-end", id: "t" },
  { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: modelUsage(2, 2) },
];
const model = mockModel(parts);
const prompt = "Say hello";

/**
 * The spans of one monitored call: `l0.execution` > `l0.stream.consume` with the call's data, or,
 * where Sentry is the OTel provider, l0's operation span > `l0.attempt` and no twins.
 */
function expectCallSpans(spans: SeenSpan[], sessionId: string, tokens: number): void {
  if (SENTRY_IS_OTEL_BY_DEFAULT) {
    expect(spans.filter((s) => s.op === "l0.execution" || s.op === "l0.stream.consume")).toEqual([]);
    const operation = spans.find((s) => s.data["l0.session.id"] === sessionId && s.name !== "l0.attempt")!;
    expect(operation.data).toMatchObject({ "l0.tokens": tokens, "l0.outcome": "success" });
    expect(spans.find((s) => s.name === "l0.attempt")!.parentSpanId).toBe(operation.spanId);
    return;
  }
  expect(spans.map((s) => s.op).sort()).toEqual(["l0.execution", "l0.stream.consume"]);
  const execution = spans.find((s) => s.op === "l0.execution")!;
  expect(execution.data).toMatchObject({ tokens, session_id: sessionId });
  expect(spans.find((s) => s.op === "l0.stream.consume")!.data).toMatchObject({ tokens });
}

describe("MONITORING.md Sentry examples", () => {
  it("Quick Start", async () => {
    const result = await l0({
      stream: () => streamText({ model, prompt }),
      monitoring: { enabled: true },
      interceptors: [sentryInterceptor({ hub: Sentry })],
    });
    await collect(result.stream);
    const { spans, events } = await drain();
    expect(events).toEqual([]);
    expectCallSpans(spans, result.telemetry!.sessionId, 2);
  });

  it("Using withSentry Wrapper", async () => {
    const result = await withSentry({ hub: Sentry }, () =>
      l0({
        stream: () => streamText({ model, prompt }),
        monitoring: { enabled: true },
      }),
    );
    await collect(result.stream);
    const { spans } = await drain();
    expectCallSpans(spans, result.telemetry!.sessionId, 2);
  });

  it("Configuration", async () => {
    const interceptor = sentryInterceptor({
      hub: Sentry, // Required: Sentry instance
      captureNetworkErrors: true, // Capture network failures (default: true)
      captureGuardrailViolations: true, // Capture guardrail violations (default: true)
      minGuardrailSeverity: "error", // Min severity to capture (default: 'error')
      breadcrumbsForTokens: false, // Add breadcrumb per token (default: false)
      enableTracing: true, // Enable performance tracing (default: true)
      tags: {
        // Custom tags for all events
        model: "gpt-4",
        environment: "production",
      },
    });
    const result = await l0({ stream: () => streamText({ model, prompt }), interceptors: [interceptor] });
    await collect(result.stream);
    const { spans } = await drain();
    expect(spans.find((s) => s.op === "l0.execution")!.data).toMatchObject({ model: "gpt-4", environment: "production" });
  });

  it("Manual Integration", async () => {
    const sentry = createSentryIntegration({ hub: Sentry });

    // Start tracking
    sentry.startExecution("my-chat-request", { user_id: "123" });
    sentry.startStream();

    const result = await l0({
      stream: () => streamText({ model, prompt }),
      monitoring: { enabled: true },
    });

    let tokenCount = 0;
    for await (const event of result.stream) {
      if (event.type === "token") {
        tokenCount++;
        if (tokenCount === 1) {
          sentry.recordFirstToken(result.telemetry?.metrics.timeToFirstToken ?? 0);
        }
        sentry.recordToken(event.value);
      }
    }

    // Complete tracking
    sentry.completeStream(tokenCount);
    sentry.completeExecution(result.telemetry);

    const { spans } = await drain();
    const execution = spans.find((s) => s.op === "l0.execution")!;
    expect(execution.name).toBe("my-chat-request");
    expect(execution.data).toMatchObject({ user_id: "123", tokens: 2, session_id: result.telemetry!.sessionId });
    expect(spans.find((s) => s.op === "l0.stream.consume")!.data).toMatchObject({ tokens: 2 });
  });

  it("Error Handling", async () => {
    const stream = () => {
      throw Object.assign(new Error("Incorrect API key provided"), { status: 401 });
    };
    const run = async () => {
      const sentry = createSentryIntegration({ hub: Sentry });
      sentry.startExecution();

      let result;
      try {
        result = await l0({ stream, monitoring: { enabled: true } });

        for await (const event of result.stream) {
          // ...
          void event;
        }

        sentry.completeExecution(result.telemetry);
      } catch (error) {
        sentry.recordFailure(error, result?.telemetry);
        throw error;
      }
    };
    await expect(run()).rejects.toThrow();
    const { events, spans } = await drain();
    expect(events).toHaveLength(1);
    expect(events[0]!.tags).toMatchObject({ component: "l0", error_type: "auth_error" });
    expect(spans.find((s) => s.op === "l0.execution")!.failed).toBe(true);
  });
});
