import { describe, expect, it } from "vitest";
import { AIMessageChunk } from "@langchain/core/messages";
import { IterableReadableStream } from "@langchain/core/utils/stream";
import { asyncIterableAdapter } from "../../src/adapters/async-iterable-adapter.js";
import { isLangChainStream, langchainAdapter } from "../../src/adapters/langchain-adapter.js";
import { isLangChainMessageChunk } from "../../src/adapters/langchain-translator.js";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { langchainChunks } from "../../src/testing/event-shapes.js";
import { faults } from "../../src/testing/faults.js";
import { createMockStream, mockStreamFactory, step } from "../../src/testing/mock-stream.js";
import type { MockStep } from "../../src/testing/mock-stream.js";
import { collect, textOf } from "../helpers/drain.js";
import { toolCallMessage, usageOf } from "../helpers/chunk-shapes.js";
import { FAST_RETRY, completeOf, finalText, retryReasons, runL0 } from "./l0-run.js";

const TOKENS = ["Lang", "Chain", " streams"];
const USAGE = { input: 6, output: 3 };

function script(chunks: readonly unknown[]): MockStep[] {
  return chunks.map((chunk) => step.chunk(chunk));
}

/** An `AIMessageChunk` from plain fields (LangChain's field types do not accept them under exactOptionalPropertyTypes). */
function aiChunk(fields: Record<string, unknown>): AIMessageChunk {
  return new AIMessageChunk(fields);
}

/** A LangChain stream (`IterableReadableStream`) of real `AIMessageChunk`s, as `.stream()` returns it. */
function langchainStream(chunks: readonly AIMessageChunk[]): IterableReadableStream<AIMessageChunk> {
  return IterableReadableStream.fromAsyncGenerator(
    (async function* () {
      yield* chunks;
    })(),
  );
}

describe("LangChain message chunks", () => {
  it("string content → tokens; usage_metadata and response_metadata → response and finish chunks", async () => {
    const chunks = await collect(asyncIterableAdapter.wrap(langchainChunks(TOKENS, { usage: USAGE, model: "gpt-lc", id: "chatcmpl-9" })));
    expect(textOf(chunks)).toBe("LangChain streams");
    expect(chunks[0]).toEqual({ type: "response", provider: "openai", responseId: "chatcmpl-9" });
    expect(chunks.filter((c) => c.type === "response").at(-1)).toEqual({
      type: "response",
      provider: "openai",
      model: "gpt-lc",
      responseId: "chatcmpl-9",
    });
    expect(chunks.at(-1)).toEqual({
      type: "finish",
      finishReason: "stop",
      usage: usageOf(6, 3),
      model: "gpt-lc",
      responseId: "chatcmpl-9",
    });
  });

  it("content as a list of parts: text parts are tokens, tool-use and reasoning parts are not", async () => {
    const chunks = await collect(
      asyncIterableAdapter.wrap([
        { content: [{ type: "text", text: "Hi", index: 0 }], tool_call_chunks: [], response_metadata: {} },
        {
          content: [
            { type: "thinking", thinking: "hmm" },
            { type: "text", text: " there" },
          ],
          tool_call_chunks: [],
          response_metadata: {},
        },
        { content: [{ type: "input_json_delta", input: "{}" }], tool_call_chunks: [], response_metadata: {} },
      ]),
    );
    expect(chunks).toEqual([
      { type: "token", value: "Hi" },
      { type: "token", value: " there" },
    ]);
  });

  it("tool_call_chunks are merged by index into one message per call; usage is summed over chunks", async () => {
    const chunks = await collect(
      asyncIterableAdapter.wrap([
        aiChunk({
          content: "",
          tool_call_chunks: [{ index: 0, id: "call_1", name: "get_weather", args: "" }],
          usage_metadata: { input_tokens: 11, output_tokens: 1, total_tokens: 12 },
        }),
        new AIMessageChunk({ content: "", tool_call_chunks: [{ index: 0, args: '{"city":' }] }),
        new AIMessageChunk({ content: "", tool_call_chunks: [{ index: 0, args: '"Oslo"}' }] }),
        aiChunk({
          content: "",
          response_metadata: { stop_reason: "tool_use", model: "claude-lc" },
          usage_metadata: { input_tokens: 0, output_tokens: 8, total_tokens: 8 },
        }),
      ]),
    );
    expect(chunks.filter((c) => c.type === "message")).toEqual([toolCallMessage("call_1", "get_weather", '{"city":"Oslo"}')]);
    expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_use", model: "claude-lc", usage: usageOf(11, 9) });
  });

  it("recognises AIMessageChunk instances and their plain-data form, not other objects", () => {
    expect(isLangChainMessageChunk(new AIMessageChunk({ content: "x" }))).toBe(true);
    expect(isLangChainMessageChunk(langchainChunks(["x"])[0])).toBe(true);
    expect(isLangChainMessageChunk({ content: "x" })).toBe(false);
    expect(isLangChainMessageChunk({ type: "text-delta", text: "x" })).toBe(false);
  });

  it("detects .stream()'s IterableReadableStream; returning early cancels it", async () => {
    let cancelled = false;
    const stream = IterableReadableStream.fromAsyncGenerator(
      (async function* () {
        try {
          yield new AIMessageChunk({ content: "first" });
          yield new AIMessageChunk({ content: "never read" });
        } finally {
          cancelled = true;
        }
      })(),
    );
    expect(isLangChainStream(stream)).toBe(true);
    expect(detectAdapter(stream)).toBe(langchainAdapter);
    expect(detectAdapter(new ReadableStream())?.name).toBe("readable-stream");
    for await (const chunk of langchainAdapter.wrap(stream)) {
      expect(chunk).toEqual({ type: "token", value: "first" });
      break;
    }
    expect(cancelled).toBe(true);
  });

  it("reads a real IterableReadableStream of AIMessageChunks end to end", async () => {
    const source = langchainChunks(TOKENS, { usage: USAGE }).map((data) => aiChunk({ ...data }));
    const chunks = await collect(langchainAdapter.wrap(langchainStream(source)));
    expect(textOf(chunks)).toBe("LangChain streams");
    expect(chunks.at(-1)).toMatchObject({ type: "finish", usage: usageOf(6, 3) });
  });
});

describe("LangChain streams through l0(), with faults", () => {
  const good = (): MockStep[] => script(langchainChunks(TOKENS, { usage: USAGE }));
  const partial = (): MockStep[] => script(langchainChunks(TOKENS).slice(0, 2));

  it("a connection drop mid-stream is retried; the retry's text and usage are delivered", async () => {
    const factory = mockStreamFactory([[...partial(), faults.econnreset()], good()]);
    const { result, events } = await runL0({ stream: factory, retry: FAST_RETRY, monitoring: { enabled: true } });
    expect(retryReasons(events)).toEqual(["econnreset"]);
    expect(finalText(events)).toBe("LangChain streams");
    expect(completeOf(events)).toMatchObject({ usage: usageOf(6, 3), finishReason: "stop" });
    expect(result.telemetry?.network.errorsByType).toEqual({ econnreset: 1 });
  });

  it("a 429 (the SDK's RateLimitError, rethrown by the chat model) is retried after its retry-after", async () => {
    const factory = mockStreamFactory([[faults.rateLimit(0.02)], good()]);
    const { events } = await runL0({ stream: factory, retry: FAST_RETRY });
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "rate_limit", kind: "network", delayMs: 20 });
    expect(finalText(events)).toBe("LangChain streams");
  });

  it("a 5xx is a server_error network retry", async () => {
    const factory = mockStreamFactory([[...partial(), faults.serverError(503)], good()]);
    const { result, events } = await runL0({ stream: factory, retry: FAST_RETRY, monitoring: { enabled: true } });
    expect(retryReasons(events)).toEqual(["server_error"]);
    expect(result.telemetry?.metrics.networkRetries).toBe(1);
  });

  it("abort mid-stream ends the call as aborted and closes the stream; no retry", async () => {
    const factory = mockStreamFactory([[...partial(), step.stall()]]);
    const { events, thrown } = await runL0({ stream: factory, retry: FAST_RETRY }, (event, r) => {
      if (event.type === "token") r.abort();
    });
    expect(events.some((e) => e.type === "retry")).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: "error", errorType: "aborted" });
    expect(thrown).toMatchObject({ code: "STREAM_ABORTED" });
    expect(factory.streams[0]?.closed || factory.streams[0]?.aborted).toBe(true);
  });

  it("the mock stream is what detection sees as a generic async iterable", () => {
    expect(detectAdapter(createMockStream([]))?.name).toBe("async-iterable");
  });
});
