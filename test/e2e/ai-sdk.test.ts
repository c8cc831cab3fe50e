/**
 * The real `ai` SDK (`streamText` with its mock language model) through `l0`, with faults.
 */
import { describe, expect, it } from "vitest";
import { jsonSchema, simulateReadableStream, streamText, tool } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import type { LanguageModelV3StreamPart, LanguageModelV3StreamResult } from "@ai-sdk/provider";
import { l0 } from "../../src/l0.js";
import type { L0Event } from "../../src/types/events.js";
import { collect } from "../helpers/drain.js";
import { apiCallError, modelUsage } from "../helpers/ai-sdk-model.js";

const usage = modelUsage(12, 4);

function textParts(words: string[], finish = true): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: "resp-1", modelId: "mock-model" },
    { type: "text-start", id: "t" },
    ...words.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "t", delta })),
  ];
  if (finish) parts.push({ type: "text-end", id: "t" }, { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage });
  return parts;
}

function streamOf(parts: LanguageModelV3StreamPart[]): LanguageModelV3StreamResult {
  return { stream: simulateReadableStream({ chunks: parts, chunkDelayInMs: 1 }) };
}

function text(list: L0Event[]): string {
  return list.map((e) => (e.type === "token" ? e.value : "")).join("");
}

const fastRetry = { baseDelay: 1, maxDelay: 2 };

describe("ai SDK streamText through l0", () => {
  it("delivers the exact text; complete carries the provider's usage and finish reason", async () => {
    const model = new MockLanguageModelV3({ doStream: streamOf(textParts(["Hello", ", ", "world", "!"])) });
    const result = await l0({ stream: ({ signal }) => streamText({ model, prompt: "greet", abortSignal: signal }) });
    const list = await collect(result.stream);
    expect(text(list)).toBe("Hello, world!");
    // Framing parts (start, start-step, text-start, text-end, finish-step) produce no events.
    expect(list.map((e) => e.type)).toEqual(["token", "token", "token", "token", "complete"]);
    expect(list.at(-1)).toMatchObject({
      type: "complete",
      tokenCount: 4,
      finishReason: "stop",
      usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
    });
  });

  it("retries a stream that errors mid-way (retryable APICallError) and delivers the second attempt's exact text", async () => {
    const apiError = apiCallError(503, "Service Unavailable", { isRetryable: true });
    const model = new MockLanguageModelV3({
      doStream: [
        streamOf([...textParts(["Partial", " ans"], false), { type: "error", error: apiError }]),
        streamOf(textParts(["Full", " answer"])),
      ],
    });
    const result = await l0({
      stream: ({ signal }) => streamText({ model, prompt: "q", abortSignal: signal, onError: () => {} }),
      retry: fastRetry,
    });
    const list = await collect(result.stream);
    const retry = list.find((e) => e.type === "retry");
    expect(retry).toMatchObject({ type: "retry", attempt: 2, kind: "network", discardsOutput: true });
    const afterRetry = list.slice(list.indexOf(retry as L0Event) + 1);
    expect(text(afterRetry)).toBe("Full answer");
    expect(result.state.content).toBe("Full answer");
    expect(list.at(-1)).toMatchObject({
      type: "complete",
      finishReason: "stop",
      usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
    });
    expect(model.doStreamCalls).toHaveLength(2);
    expect(result.errors[0]).toBeDefined();
  });

  it("retries when the model stream throws (a network error) before any text", async () => {
    let calls = 0;
    const model = new MockLanguageModelV3({
      doStream: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" });
        return streamOf(textParts(["Recovered"]));
      },
    });
    const result = await l0({
      stream: ({ signal }) => streamText({ model, prompt: "q", abortSignal: signal, onError: () => {} }),
      retry: fastRetry,
    });
    const list = await collect(result.stream);
    expect(text(list.slice(list.findIndex((e) => e.type === "retry") + 1))).toBe("Recovered");
    expect(calls).toBe(2);
  });

  it("a tool call appears as a message event", async () => {
    const model = new MockLanguageModelV3({
      doStream: streamOf([
        { type: "stream-start", warnings: [] },
        { type: "tool-call", toolCallId: "call-7", toolName: "weather", input: '{"city":"Paris"}' },
        { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
      ]),
    });
    const result = await l0({
      stream: ({ signal }) =>
        streamText({
          model,
          prompt: "weather in Paris?",
          abortSignal: signal,
          tools: {
            weather: tool({ inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } } }) }),
          },
        }),
      detectZeroTokens: false,
    });
    const list = await collect(result.stream);
    const message = list.find((e) => e.type === "message");
    expect(message).toBeDefined();
    expect(JSON.parse((message as { value: string }).value)).toEqual({
      type: "tool_call",
      id: "call-7",
      name: "weather",
      arguments: '{"city":"Paris"}',
    });
    expect(list.at(-1)).toMatchObject({ type: "complete", finishReason: "tool-calls" });
  });

  it("passes the attempt's abort signal to the model: result.abort() cancels the model request", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: "text-start", id: "t" });
            controller.enqueue({ type: "text-delta", id: "t", delta: "first" });
          },
        }),
      }),
    });
    const result = await l0({ stream: ({ signal }) => streamText({ model, prompt: "q", abortSignal: signal, onError: () => {} }) });
    const iterator = result.stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toMatchObject({ value: { type: "token", value: "first" } });
    const pending = iterator.next().catch((error: unknown) => error);
    result.abort();
    await pending;
    expect(model.doStreamCalls[0]?.abortSignal?.aborted).toBe(true);
  });
});
