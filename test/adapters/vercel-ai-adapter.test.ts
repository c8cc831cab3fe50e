import { describe, expect, it } from "vitest";
import { jsonSchema, streamText, tool } from "ai";
import { vercelAIAdapter, isVercelAIStreamResult } from "../../src/adapters/vercel-ai-adapter.js";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { aiSdkParts } from "../../src/testing/chunk-shapes.js";
import { collect, textOf } from "../helpers/drain.js";
import { toolCallMessage, usageOf } from "../helpers/chunk-shapes.js";
import { apiCallError, mockModel, modelUsage } from "../helpers/ai-sdk-model.js";

const usage = modelUsage(4, 3);

describe("vercelAIAdapter with the real ai SDK streamText", () => {
  it("reads fullStream: text deltas only become tokens; finish carries totalUsage and finishReason", async () => {
    const result = streamText({
      model: mockModel([
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", id: "resp-1", modelId: "mock-model" },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Hello" },
        { type: "text-delta", id: "t", delta: " world" },
        { type: "text-end", id: "t" },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
      ]),
      prompt: "hi",
    });
    expect(isVercelAIStreamResult(result)).toBe(true);
    expect(detectAdapter(result)?.name).toBe("vercel-ai");
    const chunks = await collect(vercelAIAdapter.wrap(result));
    expect(chunks).toEqual([
      { type: "token", value: "Hello" },
      { type: "token", value: " world" },
      // finish-step carries the response facts: reported as soon as they show.
      { type: "response", model: "mock-model", responseId: "resp-1" },
      { type: "finish", finishReason: "stop", usage: usageOf(4, 3), model: "mock-model", responseId: "resp-1" },
    ]);
  });

  it("a tool call becomes a message with id, name and JSON arguments", async () => {
    const result = streamText({
      model: mockModel([
        { type: "tool-call", toolCallId: "call-1", toolName: "weather", input: '{"city":"Paris"}' },
        { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
      ]),
      tools: { weather: tool({ inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } } }) }) },
      prompt: "weather?",
    });
    const chunks = await collect(vercelAIAdapter.wrap(result));
    expect(chunks[0]).toEqual(toolCallMessage("call-1", "weather", '{"city":"Paris"}'));
    expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "tool-calls" });
  });

  it("an error part becomes an error chunk carrying the original APICallError", async () => {
    const apiError = apiCallError(429, "Too many requests", { responseHeaders: { "retry-after": "2" }, isRetryable: true });
    const result = streamText({
      model: mockModel([
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Par" },
        { type: "error", error: apiError },
      ]),
      prompt: "hi",
      onError: () => {},
    });
    const chunks = await collect(vercelAIAdapter.wrap(result));
    expect(chunks[0]).toEqual({ type: "token", value: "Par" });
    const errorChunk = chunks.find((c) => c.type === "error") as { error: unknown };
    expect(errorChunk.error).toBe(apiError);
    expect(errorChunk.error).toMatchObject({ statusCode: 429, isRetryable: true, responseHeaders: { "retry-after": "2" } });
  });
});

describe("vercelAIAdapter with hand-built parts", () => {
  it("reads v6 parts from an async-iterable fullStream; framing parts yield nothing", async () => {
    const chunks = await collect(vercelAIAdapter.wrap({ fullStream: aiSdkParts(["a", "b"], { usage: { input: 1, output: 2 } }) as never }));
    expect(chunks).toEqual([
      { type: "token", value: "a" },
      { type: "token", value: "b" },
      { type: "finish", finishReason: "stop", usage: usageOf(1, 2) },
    ]);
  });

  it("returning early cancels the fullStream reader", async () => {
    let cancelled = false;
    const fullStream = new ReadableStream<unknown>({
      start(controller) {
        controller.enqueue({ type: "text-start", id: "t" });
        controller.enqueue({ type: "text-delta", id: "t", text: "first" });
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const chunk of vercelAIAdapter.wrap({ fullStream })) {
      expect(chunk).toEqual({ type: "token", value: "first" });
      break;
    }
    expect(cancelled).toBe(true);
  });

  it("reads v4 parts (textDelta, args, promptTokens)", async () => {
    const fullStream = [
      { type: "step-start" },
      { type: "text-delta", textDelta: "old" },
      { type: "tool-call", toolCallId: "c", toolName: "t", args: { q: 1 } },
      { type: "tool-result", toolCallId: "c", toolName: "t", result: { ok: true } },
      { type: "step-finish" },
      { type: "finish", finishReason: "stop", usage: { promptTokens: 5, completionTokens: 6, totalTokens: 11 } },
    ];
    const chunks = await collect(vercelAIAdapter.wrap({ fullStream: fullStream as never }));
    expect(textOf(chunks)).toBe("old");
    expect(chunks[1]).toMatchObject({
      type: "message",
      value: JSON.stringify({ type: "tool_call", id: "c", name: "t", arguments: '{"q":1}' }),
    });
    expect(chunks[2]).toEqual({
      type: "message",
      role: "tool",
      value: JSON.stringify({ type: "tool_result", id: "c", name: "t", result: { ok: true } }),
    });
    expect(chunks[3]).toEqual({ type: "finish", finishReason: "stop", usage: usageOf(5, 6) });
  });
});

describe("AI SDK response facts", () => {
  it("response-metadata and finish-step give one response chunk per new fact set, naming the provider from providerMetadata", async () => {
    const { asyncIterableAdapter } = await import("../../src/adapters/async-iterable-adapter.js");
    const { aiSdkProviderOf } = await import("../../src/request/provider-names.js");
    const chunks = await collect(
      asyncIterableAdapter.wrap([
        { type: "response-metadata", id: "resp_1", modelId: "gpt-x" },
        { type: "text-delta", id: "t", text: "a" },
        {
          type: "finish-step",
          response: { id: "resp_1", modelId: "gpt-x" },
          providerMetadata: { openai: { responseId: "resp_1" } },
          finishReason: "stop",
        },
        { type: "finish-step", response: { id: "resp_1", modelId: "gpt-x" }, providerMetadata: { openai: {} }, finishReason: "stop" },
      ]),
    );
    expect(chunks.filter((c) => c.type === "response")).toEqual([
      { type: "response", model: "gpt-x", responseId: "resp_1" },
      { type: "response", provider: "openai", model: "gpt-x", responseId: "resp_1" },
    ]);
    // One table for streams and described requests: `google.vertex.chat` is Vertex AI on both paths.
    expect(
      ["openai.responses", "anthropic.messages", "google", "amazon-bedrock", "mistral", "groq", "google.vertex.chat", "google-vertex"].map(
        aiSdkProviderOf,
      ),
    ).toEqual(["openai", "anthropic", "gcp.gemini", "aws.bedrock", "mistral_ai", "groq", "gcp.vertex_ai", "gcp.vertex_ai"]);
  });
});
