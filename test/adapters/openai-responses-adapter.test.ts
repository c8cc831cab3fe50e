import { describe, expect, it } from "vitest";
import { ProviderStreamError } from "../../src/adapters/adapter-errors.js";
import { asyncIterableAdapter } from "../../src/adapters/async-iterable-adapter.js";
import { isOpenAIResponseStream, openaiResponsesAdapter } from "../../src/adapters/openai-responses-adapter.js";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { isResponsesEvent } from "../../src/adapters/responses-translator.js";
import { classifyError } from "../../src/errors/classify-error.js";
import { responsesEvents } from "../../src/testing/event-shapes.js";
import { faults } from "../../src/testing/faults.js";
import { createMockStream, mockStreamFactory, step } from "../../src/testing/mock-stream.js";
import type { MockStep } from "../../src/testing/mock-stream.js";
import { collect, textOf } from "../helpers/drain.js";
import { toolCallMessage, usageOf } from "../helpers/chunk-shapes.js";
import { FAST_RETRY, completeOf, finalText, retryReasons, runL0 } from "./l0-run.js";

const TOKENS = ["Responses", " stream", " well"];
const USAGE = { input: 9, output: 3 };

function script(events: readonly unknown[]): MockStep[] {
  return events.map((event) => step.chunk(event));
}

function functionCallEvents(): unknown[] {
  const item = { id: "fc_1", type: "function_call", call_id: "call_42", name: "get_weather", arguments: "", status: "in_progress" };
  return [
    { type: "response.created", sequence_number: 0, response: { id: "resp_t", model: "gpt-t", status: "in_progress" } },
    { type: "response.output_item.added", sequence_number: 1, output_index: 0, item },
    { type: "response.function_call_arguments.delta", sequence_number: 2, item_id: "fc_1", output_index: 0, delta: '{"city":' },
    { type: "response.function_call_arguments.delta", sequence_number: 3, item_id: "fc_1", output_index: 0, delta: '"Paris"}' },
    { type: "response.function_call_arguments.done", sequence_number: 4, item_id: "fc_1", output_index: 0, arguments: '{"city":"Paris"}' },
    {
      type: "response.output_item.done",
      sequence_number: 5,
      output_index: 0,
      item: { ...item, arguments: '{"city":"Paris"}', status: "completed" },
    },
    {
      type: "response.completed",
      sequence_number: 6,
      response: { id: "resp_t", model: "gpt-t", status: "completed", usage: { input_tokens: 20, output_tokens: 7, total_tokens: 27 } },
    },
  ];
}

describe("Responses API events", () => {
  it("response.created → response chunk, text deltas → tokens, response.completed → finish with usage", async () => {
    const chunks = await collect(asyncIterableAdapter.wrap(responsesEvents(TOKENS, { id: "resp_1", model: "gpt-r", usage: USAGE })));
    expect(chunks).toEqual([
      { type: "response", provider: "openai", model: "gpt-r", responseId: "resp_1" },
      { type: "token", value: "Responses" },
      { type: "token", value: " stream" },
      { type: "token", value: " well" },
      { type: "finish", finishReason: "stop", usage: usageOf(9, 3), model: "gpt-r", responseId: "resp_1" },
    ]);
  });

  it("function-call argument deltas become one tool-call message, in the chat adapter's shape", async () => {
    const chunks = await collect(asyncIterableAdapter.wrap(functionCallEvents()));
    expect(chunks.filter((c) => c.type === "message")).toEqual([toolCallMessage("call_42", "get_weather", '{"city":"Paris"}')]);
    expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls", usage: usageOf(20, 7) });
  });

  it("response.incomplete is a finish with the truncation reason; a stream without a terminal event has no finish", async () => {
    const events = responsesEvents(["cut"]);
    events[events.length - 1] = {
      type: "response.incomplete",
      sequence_number: 9,
      response: {
        id: "resp_i",
        model: "m",
        status: "incomplete",
        incomplete_details: { reason: "max_output_tokens" },
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    };
    expect((await collect(asyncIterableAdapter.wrap(events))).at(-1)).toMatchObject({
      type: "finish",
      finishReason: "length",
      usage: { totalTokens: 2 },
    });
    const truncated = await collect(asyncIterableAdapter.wrap(responsesEvents(["a", "b"]).slice(0, -1)));
    expect(textOf(truncated)).toBe("ab");
    expect(truncated.some((c) => c.type === "finish")).toBe(false);
  });

  it("error and response.failed events carry the code and its HTTP status, classified as l0 error types", async () => {
    const cases: Array<[unknown, string, number | undefined]> = [
      [{ type: "error", sequence_number: 3, code: "rate_limit_exceeded", message: "Rate limit reached", param: null }, "rate_limit", 429],
      [
        {
          type: "response.failed",
          sequence_number: 3,
          response: { id: "r", status: "failed", error: { code: "server_error", message: "boom" } },
        },
        "server_error",
        500,
      ],
      [
        {
          type: "response.failed",
          sequence_number: 3,
          response: { id: "r", status: "failed", error: { code: "invalid_prompt", message: "no" } },
        },
        "client_error",
        400,
      ],
      [{ type: "error", sequence_number: 3, code: "vector_store_timeout", message: "slow" }, "timeout", 408],
    ];
    for (const [event, type, status] of cases) {
      const chunks = await collect(asyncIterableAdapter.wrap([responsesEvents([])[0], event]));
      const error = chunks.find((c) => c.type === "error")?.error;
      expect(error).toBeInstanceOf(ProviderStreamError);
      expect(error).toMatchObject({ status });
      expect(classifyError(error)).toBe(type);
    }
  });

  it("isResponsesEvent tells Responses events from AI SDK parts and chat chunks", () => {
    expect(isResponsesEvent({ type: "response.output_text.delta", delta: "x" })).toBe(true);
    expect(isResponsesEvent({ type: "error", sequence_number: 1, code: "x", message: "m" })).toBe(true);
    expect(isResponsesEvent({ type: "response-metadata", id: "x" })).toBe(false);
    expect(isResponsesEvent({ type: "error", error: new Error("ai sdk part") })).toBe(false);
    expect(isResponsesEvent({ object: "chat.completion.chunk", choices: [] })).toBe(false);
  });

  it("detects the SDK's ResponseStream helper and aborts it when closed early", async () => {
    const source = createMockStream([...script(responsesEvents(["one"]).slice(0, 2)), step.stall()]);
    let aborted = 0;
    const responseStream = {
      [Symbol.asyncIterator]: () => source[Symbol.asyncIterator](),
      abort: () => aborted++,
      finalResponse: () => Promise.resolve({}),
    };
    expect(isOpenAIResponseStream(responseStream)).toBe(true);
    expect(detectAdapter(responseStream)).toBe(openaiResponsesAdapter);
    for await (const chunk of openaiResponsesAdapter.wrap(responseStream)) if (chunk.type === "token") break;
    expect(aborted).toBe(1);
    expect(source.closed).toBe(true);
  });
});

describe("Responses streams through l0(), with faults", () => {
  const good = (): MockStep[] => script(responsesEvents(TOKENS, { usage: USAGE }));
  const partial = (): MockStep[] => script(responsesEvents(TOKENS).slice(0, 3));

  it("a connection drop mid-stream is retried; the retry's text and usage are delivered", async () => {
    const factory = mockStreamFactory([[...partial(), faults.econnreset()], good()]);
    const { result, events } = await runL0({ stream: factory, retry: FAST_RETRY, monitoring: { enabled: true } });
    expect(retryReasons(events)).toEqual(["econnreset"]);
    expect(finalText(events)).toBe(TOKENS.join(""));
    expect(completeOf(events)).toMatchObject({ usage: usageOf(9, 3), finishReason: "stop" });
    expect(factory.streams[0]?.closed || factory.streams[0]?.failed).toBe(true);
    expect(result.telemetry?.network.errorsByType).toEqual({ econnreset: 1 });
    expect(result.telemetry?.metrics.networkRetries).toBe(1);
  });

  it("an in-band 429 (error event, rate_limit_exceeded) is a rate_limit network retry", async () => {
    const rateLimited = { type: "error", sequence_number: 2, code: "rate_limit_exceeded", message: "Rate limit reached", param: null };
    const factory = mockStreamFactory([[...partial(), step.chunk(rateLimited)], good()]);
    const { result, events } = await runL0({ stream: factory, retry: FAST_RETRY, monitoring: { enabled: true } });
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "rate_limit", kind: "network", discardsOutput: true });
    expect(finalText(events)).toBe(TOKENS.join(""));
    expect(result.errors[0]).toBeInstanceOf(ProviderStreamError);
    expect(result.telemetry?.network.errorsByType).toEqual({ rate_limit: 1 });
  });

  it("response.failed with server_error is a server_error network retry", async () => {
    const failed = {
      type: "response.failed",
      sequence_number: 2,
      response: { id: "r", status: "failed", error: { code: "server_error", message: "The server had an error" } },
    };
    const factory = mockStreamFactory([[...partial(), step.chunk(failed)], good()]);
    const { events } = await runL0({ stream: factory, retry: FAST_RETRY });
    expect(retryReasons(events)).toEqual(["server_error"]);
    expect(completeOf(events)?.usage).toEqual(usageOf(9, 3));
  });

  it("abort mid-stream ends the call as aborted and closes the provider stream; no retry", async () => {
    const factory = mockStreamFactory([[...partial(), step.stall()]]);
    const { result, events, thrown } = await runL0({ stream: factory, retry: FAST_RETRY, monitoring: { enabled: true } }, (event, r) => {
      if (event.type === "token") r.abort();
    });
    expect(events.some((e) => e.type === "retry")).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: "error", errorType: "aborted" });
    expect(thrown).toMatchObject({ code: "STREAM_ABORTED" });
    expect(factory.streams).toHaveLength(1);
    expect(factory.streams[0]?.closed || factory.streams[0]?.aborted).toBe(true);
    expect(result.telemetry?.metrics.totalRetries).toBe(0);
  });
});
