/**
 * The whole attribute map of each span of a clean call whose request l0's provider helpers
 * described (`openaiChat`, `aiSdkStream`, `anthropicMessages`; semconv.md "Identity"; the expected
 * trees in `expected-spans.ts`): provider, model, `server.address` / `server.port` (the client's
 * base URL) and the request parameters are on the operation span, and nothing of them reaches the
 * attempt span. Content is not captured, so no messages are recorded.
 */
import { describe, expect, it } from "vitest";
import { ANSWER, DESCRIBED, monitoredCall, useMonitoredPipeline, type FactoryFor } from "./adapter-calls.js";
import { cleanCallSpans, type CallShape } from "./expected-spans.js";

const h = useMonitoredPipeline();
const usage = { input: 3, output: 8 };

const CASES: [title: string, factory: FactoryFor, shape: Omit<CallShape, "sessionId" | "request">, parameters: Record<string, unknown>][] =
  [
    [
      "openaiChat: provider, model, server and max_tokens / temperature from the request",
      DESCRIBED.openai,
      {
        name: "chat gpt-mock",
        response: { provider: "openai", model: "gpt-mock", ids: { 1: "chatcmpl-mock-1" }, finishReason: "stop", usage },
        adapter: "openai",
      },
      { "gen_ai.request.max_tokens": 64, "gen_ai.request.temperature": 0.2 },
    ],
    [
      "aiSdkStream: the provider from the model's provider id, the server from its base URL, the temperature",
      DESCRIBED.aiSdk,
      {
        name: "chat gpt-mock",
        response: { provider: "openai", model: "gpt-mock", ids: { 1: "resp_mock_1" }, finishReason: "stop", usage },
        adapter: "vercel-ai",
      },
      { "gen_ai.request.temperature": 0.2 },
    ],
    [
      "anthropicMessages: provider anthropic, max_tokens; the raw stream is read by the openai adapter (same SDK class shape)",
      DESCRIBED.anthropic,
      {
        name: "chat claude-mock",
        response: { provider: "anthropic", model: "claude-mock", ids: { 1: "msg_mock_1" }, finishReason: "end_turn", usage },
        adapter: "openai",
      },
      { "gen_ai.request.max_tokens": 256 },
    ],
  ];

describe("span attributes of a described request, per provider helper", () => {
  for (const [title, factory, shape, parameters] of CASES) {
    it(title, async () => {
      const call = await monitoredCall(h, factory);
      expect(call.text).toBe(ANSWER);
      const request = { "server.address": "127.0.0.1", "server.port": call.port, ...parameters };
      expect(call.spans).toEqual(cleanCallSpans({ ...shape, sessionId: call.sessionId, request }));
    });
  }
});
