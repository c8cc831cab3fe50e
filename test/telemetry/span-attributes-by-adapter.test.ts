/**
 * The whole attribute map of each span of one clean monitored call per adapter (semconv.md,
 * "Spans"; the expected trees in `expected-spans.ts`): the operation span is the GenAI inference
 * span, CLIENT, a root here, carrying the identity l0 learned from the stream, the billed usage and
 * l0's numbers; its one `l0.attempt` child is INTERNAL, with no GenAI identity or usage.
 */
import { describe, expect, it } from "vitest";
import { ANSWER, monitoredCall, PLAIN, useMonitoredPipeline, type FactoryFor } from "./adapter-calls.js";
import { cleanCallSpans, type CallShape } from "./expected-spans.js";

const h = useMonitoredPipeline();
const usage = { input: 3, output: 8 };

const CASES: [title: string, factory: FactoryFor, shape: Omit<CallShape, "sessionId">][] = [
  [
    "the openai SDK (chat completions): identity from the response, provider usage",
    PLAIN.openai,
    {
      name: "chat gpt-mock",
      response: { provider: "openai", model: "gpt-mock", ids: { 1: "chatcmpl-mock-1" }, finishReason: "stop", usage },
      adapter: "openai",
    },
  ],
  [
    "the AI SDK (streamText, @ai-sdk/openai Responses API): the provider from the AI SDK's provider id",
    PLAIN.aiSdk,
    {
      name: "chat gpt-mock",
      response: { provider: "openai", model: "gpt-mock", ids: { 1: "resp_mock_1" }, finishReason: "stop", usage },
      adapter: "vercel-ai",
    },
  ],
  [
    "the Anthropic SDK (messages.stream() events): provider anthropic, Anthropic's finish reason",
    PLAIN.anthropic,
    {
      name: "chat claude-mock",
      response: { provider: "anthropic", model: "claude-mock", ids: { 1: "msg_mock_1" }, finishReason: "end_turn", usage },
      adapter: "anthropic",
    },
  ],
  [
    "a plain async iterable of strings: no identity, no usage, counted tokens, the span named by the operation alone",
    PLAIN.iterable,
    { name: "chat", adapter: "async-iterable" },
  ],
];

describe("span attributes of a clean call, per adapter", () => {
  for (const [title, factory, shape] of CASES) {
    it(title, async () => {
      const call = await monitoredCall(h, factory);
      expect(call.text).toBe(ANSWER);
      expect(call.spans).toEqual(cleanCallSpans({ ...shape, sessionId: call.sessionId }));
    });
  }
});
