import { afterEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { openaiAdapter, isOpenAIStream } from "../../src/adapters/openai-adapter.js";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { openaiChunk, openaiChunks, openaiUsageChunk } from "../../src/testing/chunk-shapes.js";
import { createMockStream, step } from "../../src/testing/mock-stream.js";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { collect, textOf } from "../helpers/drain.js";
import { toolCallMessage, usageOf } from "../helpers/chunk-shapes.js";
import { streamedChatParams } from "../helpers/openai-chat-request.js";

describe("openaiAdapter with chunk objects", () => {
  it("maps delta.content to tokens and emits one finish after the usage-only chunk", async () => {
    const chunks = await collect(
      openaiAdapter.wrap(createMockStream([], { format: "openai", usage: { input: 7, output: 2 } }) as AsyncIterable<unknown>),
    );
    expect(chunks).toEqual([
      { type: "response", provider: "openai", model: "mock-gpt", responseId: "chatcmpl-mock" },
      { type: "finish", finishReason: "stop", usage: usageOf(7, 2), model: "mock-gpt", responseId: "chatcmpl-mock" },
    ]);
    const withText = await collect(
      openaiAdapter.wrap(openaiChunks(["Hel", "lo"], { usage: { prompt: 3, completion: 2 }, model: "gpt-x", id: "r1" }) as never),
    );
    expect(withText).toEqual([
      { type: "response", provider: "openai", model: "gpt-x", responseId: "r1" },
      { type: "token", value: "Hel" },
      { type: "token", value: "lo" },
      { type: "finish", finishReason: "stop", usage: usageOf(3, 2), model: "gpt-x", responseId: "r1" },
    ]);
  });

  it("keeps usage from the usage-only chunk (choices: []) and emits finish exactly once", async () => {
    const source = [
      ...openaiChunks(["a"]),
      openaiUsageChunk({ prompt: 10, completion: 1 }),
      openaiUsageChunk({ prompt: 10, completion: 1 }),
    ];
    const finishes = (await collect(openaiAdapter.wrap(source as never))).filter((c) => c.type === "finish");
    expect(finishes).toHaveLength(1);
    expect(finishes[0]).toMatchObject({ usage: usageOf(10, 1) });
  });

  it("emits finish at the end of the stream when no usage chunk comes", async () => {
    const chunks = await collect(openaiAdapter.wrap(openaiChunks(["x"], { finishReason: "length" }) as never));
    expect(chunks.at(-1)).toEqual({ type: "finish", finishReason: "length", model: "mock-gpt", responseId: "chatcmpl-mock" });
    expect(chunks.filter((c) => c.type === "finish")).toHaveLength(1);
  });

  it("reports no finish when the stream ends without finish_reason (truncated)", async () => {
    const chunks = await collect(openaiAdapter.wrap([openaiChunk({ content: "part" })] as never));
    expect(chunks).toEqual([
      { type: "response", provider: "openai", model: "mock-gpt", responseId: "chatcmpl-mock" },
      { type: "token", value: "part" },
    ]);
  });

  it("accumulates tool_calls deltas into one message per tool call at finish_reason", async () => {
    const source = [
      openaiChunk({ role: "assistant", content: null }),
      openaiChunk({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } }] }),
      openaiChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      openaiChunk({ tool_calls: [{ index: 1, id: "call_2", type: "function", function: { name: "get_time", arguments: "{}" } }] }),
      openaiChunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      openaiChunk({}, { finishReason: "tool_calls" }),
    ];
    const chunks = (await collect(openaiAdapter.wrap(source as never))).filter((c) => c.type !== "response");
    expect(chunks.slice(0, 2)).toEqual([
      toolCallMessage("call_1", "get_weather", '{"city":"Paris"}'),
      toolCallMessage("call_2", "get_time", "{}"),
    ]);
    expect(chunks[2]).toMatchObject({ type: "finish", finishReason: "tool_calls" });
  });

  it("turns an in-band error object into an error chunk", async () => {
    const chunks = await collect(openaiAdapter.wrap([{ error: { message: "overloaded", type: "server_error", code: "x" } }] as never));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ type: "error", error: { name: "ProviderStreamError", message: "overloaded", type: "server_error" } });
  });

  it("aborts the SDK controller and returns the iterator when closed early", async () => {
    const controller = new AbortController();
    const source = createMockStream(["a", step.stall()], { format: "openai" });
    const sdkLike = Object.assign(Object.create(null) as object, {
      controller,
      toReadableStream: () => new ReadableStream(),
      [Symbol.asyncIterator]: () => source[Symbol.asyncIterator](),
    });
    expect(isOpenAIStream(sdkLike)).toBe(true);
    const iterator = openaiAdapter.wrap(sdkLike as never)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({
      done: false,
      value: { type: "response", provider: "openai", model: "mock-gpt", responseId: "chatcmpl-mock" },
    });
    expect(await iterator.next()).toEqual({ done: false, value: { type: "token", value: "a" } });
    await iterator.return?.();
    expect(controller.signal.aborted).toBe(true);
    expect(source.closed).toBe(true);
  });
});

describe("openaiAdapter with the real openai SDK", () => {
  let server: MockOpenAIServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("detects the SDK's Stream and reads text, usage and finish reason", async () => {
    server = await startMockOpenAIServer({ answer: "Hello there world" });
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
    const stream = await client.chat.completions.create(streamedChatParams("say hello", "gpt-test"));
    expect(detectAdapter(stream)?.name).toBe("openai");
    const chunks = await collect(openaiAdapter.wrap(stream));
    expect(textOf(chunks)).toBe("Hello there world");
    expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", model: "gpt-test", usage: usageOf(2, 3) });
  });

  it("closing early disconnects the HTTP request", async () => {
    server = await startMockOpenAIServer({ answer: "one two three four five", chunkDelayMs: 20 });
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
    for await (const chunk of openaiAdapter.wrap(stream)) {
      if (chunk.type === "response") {
        expect(chunk).toEqual({ type: "response", provider: "openai", model: "m", responseId: "chatcmpl-mock-1" });
        continue;
      }
      expect(chunk).toEqual({ type: "token", value: "one" });
      break;
    }
    const request = server.requests[0];
    expect(await request?.finished).toBe("client-disconnected");
    expect(request?.chunksSent).toBeLessThan(5);
  });
});
