import { describe, expect, it } from "vitest";
import { anthropicAdapter, isAnthropicMessageStream } from "../../src/adapters/anthropic-adapter.js";
import { asyncIterableAdapter } from "../../src/adapters/async-iterable-adapter.js";
import { ProviderStreamError } from "../../src/adapters/adapter-errors.js";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { createMockStream, step } from "../../src/testing/mock-stream.js";
import { collect, textOf } from "../helpers/drain.js";
import { toolCallMessage, usageOf } from "../helpers/chunk-shapes.js";

/** Events in the documented shapes of Anthropic's Messages streaming API. */
function messageEvents(): unknown[] {
  return [
    {
      type: "message_start",
      message: {
        id: "msg_01",
        type: "message",
        role: "assistant",
        model: "claude-test",
        content: [],
        stop_reason: null,
        usage: { input_tokens: 25, output_tokens: 1 },
      },
    },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    { type: "ping" },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hello" } },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: ", world" } },
    { type: "content_block_stop", index: 0 },
    { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_01", name: "get_weather", input: {} } },
    { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "" } },
    { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"location": "San' } },
    { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: ' Francisco"}' } },
    { type: "content_block_stop", index: 1 },
    { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 89 } },
    { type: "message_stop" },
  ];
}

describe("anthropicAdapter", () => {
  it("translates text deltas, a tool_use block, usage and stop reason", async () => {
    const chunks = await collect(anthropicAdapter.wrap(createMockStream(messageEvents().map((e) => step.chunk(e)))));
    expect(chunks).toEqual([
      { type: "response", provider: "anthropic", model: "claude-test", responseId: "msg_01" },
      { type: "token", value: "Hello" },
      { type: "token", value: ", world" },
      toolCallMessage("toolu_01", "get_weather", '{"location": "San Francisco"}'),
      { type: "finish", finishReason: "tool_use", usage: usageOf(25, 89), model: "claude-test", responseId: "msg_01" },
    ]);
  });

  it("the generic adapter reads the same events identically", async () => {
    const viaGeneric = await collect(asyncIterableAdapter.wrap(messageEvents()));
    const viaAnthropic = await collect(anthropicAdapter.wrap(createMockStream(messageEvents().map((e) => step.chunk(e)))));
    expect(viaGeneric).toEqual(viaAnthropic);
  });

  it("an error event becomes an error chunk with the provider type and an HTTP status", async () => {
    const events = [messageEvents()[0], { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }];
    const chunks = await collect(asyncIterableAdapter.wrap(events));
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatchObject({ type: "response", provider: "anthropic" });
    const error = (chunks[1] as { error: ProviderStreamError }).error;
    expect(error).toBeInstanceOf(ProviderStreamError);
    expect(error).toMatchObject({ type: "overloaded_error", status: 529, message: "Overloaded" });
  });

  it("reports no finish when message_stop never comes", async () => {
    const chunks = await collect(asyncIterableAdapter.wrap(messageEvents().slice(0, 5)));
    expect(textOf(chunks)).toBe("Hello, world");
    expect(chunks.some((c) => c.type === "finish")).toBe(false);
  });

  it("detects a MessageStream-shaped object and aborts it when closed early", async () => {
    const source = createMockStream([step.chunk(messageEvents()[3]), step.stall()]);
    let aborted = 0;
    const messageStream = {
      [Symbol.asyncIterator]: () => source[Symbol.asyncIterator](),
      abort: () => {
        aborted++;
      },
      finalMessage: () => Promise.resolve({}),
    };
    expect(isAnthropicMessageStream(messageStream)).toBe(true);
    expect(detectAdapter(messageStream)?.name).toBe("anthropic");
    for await (const chunk of anthropicAdapter.wrap(messageStream)) {
      expect(chunk).toEqual({ type: "token", value: "Hello" });
      break;
    }
    expect(aborted).toBe(1);
    expect(source.closed).toBe(true);
  });
});
