/**
 * One monitored `l0()` call per adapter, as a user writes it, and the spans it leaves: the real
 * `openai` SDK (chat completions), the AI SDK (`streamText` with `@ai-sdk/openai`, the Responses
 * API), the real `@anthropic-ai/sdk` (`messages.stream()`), and a plain async iterable of strings.
 * The SDKs talk to l0/testing's mock server (8 answer pieces, 1 ms apart, so each arrives in its own
 * event-loop turn); spans go to the in-memory pipeline of `otel-harness.ts`.
 */
import Anthropic from "@anthropic-ai/sdk";
import { createOpenAI } from "@ai-sdk/openai";
import type { Attributes, SpanKind, SpanStatus } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { streamText } from "ai";
import OpenAI from "openai";
import { afterAll, beforeAll, expect } from "vitest";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { anthropicMessages } from "../../src/request/anthropic-messages.js";
import { aiSdkStream } from "../../src/request/ai-sdk-request.js";
import { openaiChat } from "../../src/request/openai-chat.js";
import { startMockOpenAIServer, tokenizeWords, type MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import type { StreamContext } from "../../src/types/options.js";
import { keptText } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { sleep } from "../helpers/sleep.js";
import { createHarness, type Harness } from "./otel-harness.js";
import { streamedChatParams } from "../helpers/openai-chat-request.js";

/** An in-memory pipeline registered for l0 while the calling test file runs. */
export function useMonitoredPipeline(): Harness {
  const h = createHarness();
  let handle: L0InstrumentationHandle | undefined;
  beforeAll(() => {
    handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
  });
  afterAll(() => handle?.shutdown());
  return h;
}

/** What every call streams: 8 pieces. */
export const ANSWER = "Streams fail in many ways, and l0 recovers.";
/** What every call sends: 3 words, so 3 input tokens on the mock server. */
const PROMPT = "Explain stream reliability";

/** A span as the tests assert it: everything but its ids and times (parent links are checked by {@link callSpans}). */
interface SpanView {
  name: string;
  kind: SpanKind;
  status: SpanStatus;
  attributes: Attributes;
  events: { name: string; attributes: Attributes | undefined }[];
}

/** The spans of one call: its operation span and its attempt spans in attempt order. */
interface CallSpans {
  operation: SpanView;
  attempts: SpanView[];
}

function view(span: ReadableSpan): SpanView {
  return {
    name: span.name,
    kind: span.kind,
    status: span.status,
    attributes: span.attributes,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
  };
}

/**
 * Splits the finished spans of one call into its operation span and attempt spans, asserting the
 * links: the operation span is a root (no span was active when `l0()` was called), and every other
 * span is its child in the same trace.
 */
function callSpans(spans: readonly ReadableSpan[]): CallSpans {
  const roots = spans.filter((span) => span.parentSpanContext === undefined);
  expect(
    roots.map((span) => span.name),
    "one root span: the operation span",
  ).toHaveLength(1);
  const operation = roots[0] as ReadableSpan;
  const children = spans.filter((span) => span !== operation);
  for (const child of children) {
    expect({ traceId: child.parentSpanContext?.traceId, spanId: child.parentSpanContext?.spanId }, `parent of ${child.name}`).toEqual({
      traceId: operation.spanContext().traceId,
      spanId: operation.spanContext().spanId,
    });
    expect(child.spanContext().traceId).toBe(operation.spanContext().traceId);
  }
  const attempts = [...children].sort((a, b) => Number(a.attributes["l0.attempt.number"]) - Number(b.attributes["l0.attempt.number"]));
  return { operation: view(operation), attempts: attempts.map(view) };
}

/** A stream factory built for one mock server; `drop` says the call's first attempt is cut off mid-stream. */
export type FactoryFor = (server: MockOpenAIServer, drop: boolean) => (context: StreamContext) => unknown;

/** The four adapters, each as a user writes the stream factory (nothing described to l0). */
export const PLAIN: Record<"openai" | "aiSdk" | "anthropic" | "iterable", FactoryFor> = {
  openai(server) {
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
    const params = streamedChatParams(PROMPT);
    return ({ signal }) => client.chat.completions.create(params, { signal });
  },
  aiSdk(server) {
    const model = createOpenAI({ baseURL: server.baseURL, apiKey: "test" })("gpt-mock");
    // maxRetries: 0 leaves retries to l0; onError keeps the AI SDK from logging a failed attempt.
    return ({ signal }) => streamText({ model, prompt: PROMPT, abortSignal: signal, maxRetries: 0, onError: () => {} });
  },
  anthropic(server) {
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
    return ({ signal }) =>
      client.messages.stream({ model: "claude-mock", max_tokens: 256, messages: [{ role: "user", content: PROMPT }] }, { signal });
  },
  /** The answer's pieces, 1 ms apart (no server); when dropped, attempt 1 throws `ECONNRESET` after 2 pieces. */
  iterable(_server, drop) {
    return async function* ({ attempt }) {
      for (const [index, piece] of tokenizeWords(ANSWER).entries()) {
        if (drop && attempt === 1 && index === 2) throw nodeError("ECONNRESET");
        await sleep(1);
        yield piece;
      }
    };
  },
};

/** The three SDK calls built with l0's provider helpers, so the request is described to l0. */
export const DESCRIBED: Record<"openai" | "aiSdk" | "anthropic", FactoryFor> = {
  openai(server) {
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
    return openaiChat(client, { model: "gpt-mock", messages: [{ role: "user", content: PROMPT }], temperature: 0.2, max_tokens: 64 });
  },
  aiSdk(server) {
    const model = createOpenAI({ baseURL: server.baseURL, apiKey: "test" })("gpt-mock");
    return aiSdkStream(streamText, { model, prompt: PROMPT, temperature: 0.2, maxRetries: 0, onError: () => {} });
  },
  anthropic(server) {
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
    return anthropicMessages(client, { model: "claude-mock", max_tokens: 256, messages: [{ role: "user", content: PROMPT }] });
  },
};

/** What one monitored call left. */
export interface MonitoredCall {
  /** The text the consumer kept. */
  text: string;
  /** `result.telemetry.sessionId`. */
  sessionId: string;
  /** The mock server's port. */
  port: number;
  spans: CallSpans;
}

/**
 * Runs one monitored `l0()` call of `factoryFor` against a fresh mock server (retries after a fixed
 * 1 ms); with `drop`, the first request's connection is dropped after 2 answer pieces (the plain
 * iterable throws `ECONNRESET` there instead) and l0 retries. Reads the spans from `h`.
 */
export async function monitoredCall(h: Harness, factoryFor: FactoryFor, options: { drop?: boolean } = {}): Promise<MonitoredCall> {
  const server = await startMockOpenAIServer({ answer: ANSWER, chunkDelayMs: 1 });
  try {
    const drop = options.drop === true;
    if (drop) server.enqueueFaults(serverFaults.drop(2));
    h.exporter.reset();
    const result = await l0({
      stream: factoryFor(server, drop),
      retry: { backoff: "fixed", baseDelay: 1, maxDelay: 1 },
      monitoring: { enabled: true },
    });
    const text = await keptText(result);
    const sessionId = result.telemetry?.sessionId ?? "";
    expect(sessionId).toMatch(/^l0_\d{13}_[0-9a-z]{8}$/);
    return { text, sessionId, port: server.port, spans: callSpans(h.spans()) };
  } finally {
    await server.close();
  }
}
