/**
 * `openaiChat` and `openaiResponses` with the real `openai` SDK against the local mock server,
 * through `l0()`: the stream works; the server receives exactly the body the hand-written factory
 * sends; the description matches that body; the attempt's signal cancels the request; a retry
 * resends the same body; Azure OpenAI clients are named `azure.ai.openai`.
 */
import OpenAI, { AzureOpenAI } from "openai";
import { describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { openaiChat, openaiChatRequest } from "../../src/request/openai-chat.js";
import { chatInputMessages } from "../../src/request/openai-chat-messages.js";
import { openaiResponses, openaiResponsesRequest } from "../../src/request/openai-responses.js";
import { responsesInputMessages } from "../../src/request/openai-responses-input.js";
import { L0_REQUEST, requestOf } from "../../src/request/request-description.js";
import type { StreamContext } from "../../src/types/options.js";
import {
  expectRetryAndAbort,
  expectSameBodyAsByHand,
  expectServesAnswer,
  localServer,
  receivedBody,
  served,
  useMockServer,
} from "./helper-env.js";

const server = useMockServer();
const client = (): OpenAI => new OpenAI({ baseURL: server().baseURL, apiKey: "test", maxRetries: 0 });

const CHAT_PARAMS = {
  model: "gpt-mock",
  messages: [
    { role: "system" as const, content: "You are terse." },
    { role: "user" as const, content: "Weather in Paris?" },
    {
      role: "assistant" as const,
      content: null,
      tool_calls: [{ id: "call_1", type: "function" as const, function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    },
    { role: "tool" as const, tool_call_id: "call_1", content: "rainy" },
  ],
  max_completion_tokens: 200,
  temperature: 0.3,
  top_p: 0.8,
  stop: ["END"],
  seed: 11,
  frequency_penalty: 0.2,
  presence_penalty: 0.1,
  n: 1,
};

describe("openaiChat with the openai SDK", () => {
  it("streams through l0, sending exactly the body of the hand-written factory", async () => {
    const openai = client();
    await expectSameBodyAsByHand(
      server(),
      ({ signal }) => openai.chat.completions.create({ ...CHAT_PARAMS, stream: true, stream_options: { include_usage: true } }, { signal }),
      openaiChat(openai, CHAT_PARAMS),
      "/v1/chat/completions",
    );
  });

  it("describes the request the server received", async () => {
    const stream = openaiChat(client(), CHAT_PARAMS);
    const body = await receivedBody(server(), stream);
    const description = requestOf(stream);
    expect(description).toEqual({
      provider: "openai",
      model: body.model,
      ...localServer(server()),
      parameters: {
        maxTokens: 200,
        temperature: 0.3,
        topP: 0.8,
        stopSequences: ["END"],
        seed: 11,
        frequencyPenalty: 0.2,
        presencePenalty: 0.1,
        choiceCount: 1,
      },
      inputMessages: chatInputMessages(body.messages),
    });
    expect(description?.inputMessages).toEqual([
      { role: "system", parts: [{ type: "text", content: "You are terse." }] },
      { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: "rainy" }] },
    ]);
    const { messages: _messages, ...settings } = CHAT_PARAMS;
    expect(body).toMatchObject(settings);
    expect(openaiChatRequest(client(), CHAT_PARAMS)).toEqual(description);
    expect(stream[L0_REQUEST]).toBe(description);
  });

  it("keeps the caller's stream_options and request options; the attempt's signal is the one sent", async () => {
    const openai = client();
    const { run, requests } = await served(server(), {
      stream: openaiChat(
        openai,
        { ...CHAT_PARAMS, stream_options: { include_obfuscation: false } },
        { headers: { "x-request-tag": "described" }, timeout: 30_000 },
      ),
    });
    expect(run.thrown).toBeUndefined();
    expect(requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true, include_obfuscation: false } });
    expect(requests[0]?.headers["x-request-tag"]).toBe("described");
  });

  it("a retried attempt resends the same body; abort cancels the HTTP request", async () => {
    await expectRetryAndAbort(server(), openaiChat(client(), CHAT_PARAMS));
  });

  it("names Azure OpenAI clients azure.ai.openai, with their endpoint as the server", () => {
    const azure = new AzureOpenAI({ apiKey: "test", endpoint: "https://my-resource.openai.azure.com", apiVersion: "2024-10-21" });
    expect(requestOf(openaiChat(azure, { model: "gpt-4o", messages: [] }))).toEqual({
      provider: "azure.ai.openai",
      model: "gpt-4o",
      serverAddress: "my-resource.openai.azure.com",
      serverPort: 443,
      inputMessages: [],
    });
    const behindGateway = new AzureOpenAI({
      apiKey: "test",
      baseURL: "https://llm-gateway.internal:8443/openai",
      apiVersion: "2024-10-21",
    });
    expect(requestOf(openaiResponses(behindGateway, { model: "gpt-4o", input: "Hi" }))).toMatchObject({
      provider: "azure.ai.openai",
      serverAddress: "llm-gateway.internal",
      serverPort: 8443,
    });
  });

  it("rejects a client without chat.completions.create, params that are not an object, and a signal in requestOptions", () => {
    expect(() => openaiChat({} as unknown as OpenAI, CHAT_PARAMS)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", details: { field: "client" } }),
    );
    expect(() => openaiChat(client(), null as never)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", details: { field: "params", value: null } }),
    );
    const signal = new AbortController().signal;
    expect(() => openaiChat(client(), CHAT_PARAMS, { signal } as never)).toThrow(L0Error);
    expect(() => openaiChat(client(), CHAT_PARAMS, { signal } as never)).toThrow(/requestOptions\.signal/);
  });

  it("a client l0 cannot describe still streams: an exotic baseURL just leaves the server out", async () => {
    const openai = client();
    const shaped = { chat: openai.chat, baseURL: 42 };
    const stream = openaiChat(shaped, CHAT_PARAMS);
    expect(requestOf(stream)).toMatchObject({ provider: "openai", model: "gpt-mock" });
    expect(requestOf(stream)).not.toHaveProperty("serverAddress");
    await expectServesAnswer(server(), stream);
  });

  it("a client whose baseURL cannot be read still streams, without a description", async () => {
    const openai = client();
    const hostile = new Proxy(openai, {
      get(target, key, receiver) {
        if (key === "baseURL") throw new Error("no base URL here");
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const stream = openaiChat(hostile, CHAT_PARAMS);
    expect(requestOf(stream)).toBeUndefined();
    await expectServesAnswer(server(), stream);
  });
});

const RESPONSES_PARAMS = {
  model: "gpt-mock",
  instructions: "Answer in one line.",
  input: [
    { role: "user" as const, content: "Weather in Paris?" },
    { type: "function_call" as const, call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
    { type: "function_call_output" as const, call_id: "call_1", output: "rainy" },
  ],
  max_output_tokens: 300,
  temperature: 0.5,
  top_p: 0.95,
};

describe("openaiResponses with the openai SDK", () => {
  it("streams through l0, sending exactly the body of the hand-written factory", async () => {
    const openai = client();
    await expectSameBodyAsByHand(
      server(),
      ({ signal }: StreamContext) => openai.responses.create({ ...RESPONSES_PARAMS, stream: true }, { signal }),
      openaiResponses(openai, RESPONSES_PARAMS),
      "/v1/responses",
    );
  });

  it("describes the request the server received", async () => {
    const stream = openaiResponses(client(), RESPONSES_PARAMS);
    const body = await receivedBody(server(), stream);
    expect(requestOf(stream)).toEqual({
      provider: "openai",
      model: "gpt-mock",
      ...localServer(server()),
      parameters: { maxTokens: 300, temperature: 0.5, topP: 0.95 },
      inputMessages: responsesInputMessages(body.input),
      systemInstructions: [{ type: "text", content: body.instructions }],
    });
    expect(requestOf(stream)?.inputMessages).toEqual([
      { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: "rainy" }] },
    ]);
    expect(openaiResponsesRequest(client(), RESPONSES_PARAMS)).toEqual(requestOf(stream));
  });

  it("a retried attempt resends the same body; abort cancels the HTTP request", async () => {
    await expectRetryAndAbort(server(), openaiResponses(client(), RESPONSES_PARAMS));
  });

  it("rejects a client without responses.create", () => {
    expect(() => openaiResponses({ chat: {} } as unknown as OpenAI, RESPONSES_PARAMS)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", details: { field: "client" } }),
    );
  });
});
