/**
 * The whole attribute map of each span of a call retried after a mid-stream drop, per adapter
 * (semconv.md, "Spans"; the expected trees in `expected-spans.ts`): attempt 1 failed (ERROR
 * status, `error.type`, an `l0.network_error` event, output not kept, what its chunks said),
 * attempt 2 succeeded (`l0.retry.*` says why it ran); the operation span counts both attempts'
 * chunks and discarded tokens, bills the usage once and carries the `l0.retry` event.
 */
import { describe, expect, it } from "vitest";
import { ANSWER, monitoredCall, PLAIN, useMonitoredPipeline, type FactoryFor } from "./adapter-calls.js";
import { retriedCallSpans, type CallShape, type Drop } from "./expected-spans.js";

const h = useMonitoredPipeline();
const usage = { input: 3, output: 8 };

/** A mid-stream drop as undici reports it (`TypeError`), as the client describes it. */
function socketDrop(type: string, prefix: string): Drop {
  return { errorType: "connection_dropped", exception: { type, message: `${prefix}TypeError: SocketError UND_ERR_SOCKET` } };
}

const CASES: [title: string, factory: FactoryFor, shape: Omit<CallShape, "sessionId">, drop: Drop][] = [
  [
    "the openai SDK: the failed attempt keeps the response id and model its chunks carried",
    PLAIN.openai,
    {
      name: "chat gpt-mock",
      response: { provider: "openai", model: "gpt-mock", ids: { 1: "chatcmpl-mock-1", 2: "chatcmpl-mock-2" }, finishReason: "stop", usage },
      adapter: "openai",
    },
    socketDrop("TypeError", ""),
  ],
  [
    "the AI SDK: its stream names the response only when a step finishes, so the failed attempt has none",
    PLAIN.aiSdk,
    {
      name: "chat gpt-mock",
      response: { provider: "openai", model: "gpt-mock", ids: { 2: "resp_mock_2" }, finishReason: "stop", usage },
      adapter: "vercel-ai",
    },
    socketDrop("AI_APICallError", "AI_APICallError (HTTP 200): "),
  ],
  [
    "the Anthropic SDK: the failed attempt keeps the message id and model of its message_start",
    PLAIN.anthropic,
    {
      name: "chat claude-mock",
      response: { provider: "anthropic", model: "claude-mock", ids: { 1: "msg_mock_1", 2: "msg_mock_2" }, finishReason: "end_turn", usage },
      adapter: "anthropic",
    },
    socketDrop("APIConnectionError", "APIConnectionError: "),
  ],
  [
    "a plain async iterable that throws ECONNRESET: no identity, no usage, counted tokens",
    PLAIN.iterable,
    { name: "chat", adapter: "async-iterable" },
    { errorType: "econnreset", exception: { type: "Error", message: "Error ECONNRESET" } },
  ],
];

describe("span attributes of a call retried after a mid-stream drop, per adapter", () => {
  for (const [title, factory, shape, drop] of CASES) {
    it(title, async () => {
      const call = await monitoredCall(h, factory, { drop: true });
      expect(call.text).toBe(ANSWER);
      expect(call.spans).toEqual(retriedCallSpans({ ...shape, sessionId: call.sessionId }, drop));
    });
  }
});
