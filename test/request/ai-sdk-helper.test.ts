/**
 * `aiSdkStream` / `aiSdkRequest` with the real `ai` SDK (`@ai-sdk/openai` chat and Responses
 * models, `@ai-sdk/anthropic`) against the local mock server, through `l0()`: the stream works,
 * the body equals the hand-written factory's, the description names the provider, model, server
 * and settings the server received.
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";
import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { aiSdkRequest, aiSdkStream } from "../../src/request/ai-sdk-request.js";
import { describeRequest, requestOf } from "../../src/request/request-description.js";
import { expectRetryAndAbort, expectSameBodyAsByHand, expectServesAnswer, localServer, receivedBody, useMockServer } from "./helper-env.js";

const server = useMockServer();
const openai = (): ReturnType<typeof createOpenAI> => createOpenAI({ baseURL: server().baseURL, apiKey: "test" });

const MESSAGES: ModelMessage[] = [
  { role: "user", content: "Weather in Paris?" },
  { role: "assistant", content: "Rainy." },
  { role: "user", content: [{ type: "text", text: "And tomorrow?" }] },
];

/** Sampling settings every OpenAI chat model accepts (so the AI SDK logs no warning); l0 describes them under the same names. */
const SAMPLING = { temperature: 0.3, topP: 0.9, stopSequences: ["END"], seed: 5, frequencyPenalty: 0.1, presencePenalty: 0.2 };
const CHAT_SETTINGS = { maxOutputTokens: 256, ...SAMPLING };
const QUIET = { maxRetries: 0, onError: () => {} };

describe("aiSdkStream with ai + @ai-sdk/openai", () => {
  it("chat model: streams through l0 with exactly the hand-written factory's body", async () => {
    const options = { model: openai().chat("gpt-mock"), system: "You are terse.", messages: MESSAGES, ...CHAT_SETTINGS, ...QUIET };
    await expectSameBodyAsByHand(
      server(),
      ({ signal }) => streamText({ ...options, abortSignal: signal }),
      aiSdkStream(streamText, options),
      "/v1/chat/completions",
    );
  });

  it("chat model: describes provider, model, server and the settings the server received", async () => {
    const stream = aiSdkStream(streamText, {
      model: openai().chat("gpt-mock"),
      system: "You are terse.",
      messages: MESSAGES,
      ...CHAT_SETTINGS,
      ...QUIET,
    });
    expect(await receivedBody(server(), stream)).toMatchObject({
      model: "gpt-mock",
      max_tokens: 256,
      temperature: 0.3,
      top_p: 0.9,
      stop: ["END"],
      seed: 5,
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
    });
    expect(requestOf(stream)).toEqual({
      provider: "openai",
      model: "gpt-mock",
      ...localServer(server()),
      parameters: { maxTokens: 256, ...SAMPLING },
      inputMessages: [
        { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
        { role: "assistant", parts: [{ type: "text", content: "Rainy." }] },
        { role: "user", parts: [{ type: "text", content: "And tomorrow?" }] },
      ],
      systemInstructions: [{ type: "text", content: "You are terse." }],
    });
  });

  it("Responses model (the default): same body as by hand, described, retried with the same body, cancelled by abort", async () => {
    const options = { model: openai()("gpt-mock"), prompt: "Weather in Paris?", temperature: 0.5, maxOutputTokens: 100, ...QUIET };
    const stream = aiSdkStream(streamText, options);
    await expectSameBodyAsByHand(server(), ({ signal }) => streamText({ ...options, abortSignal: signal }), stream, "/v1/responses");
    expect(requestOf(stream)).toEqual({
      provider: "openai",
      model: "gpt-mock",
      ...localServer(server()),
      parameters: { maxTokens: 100, temperature: 0.5 },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] }],
    });
    await expectRetryAndAbort(server(), stream);
  });

  it("aiSdkRequest describes a factory of one's own the same way", async () => {
    const options = { model: openai().chat("gpt-mock"), prompt: "Hi", temperature: 0, ...QUIET };
    const stream = describeRequest(({ signal }) => streamText({ ...options, abortSignal: signal }), aiSdkRequest(options));
    await expectServesAnswer(server(), stream);
    expect(requestOf(stream)).toEqual(requestOf(aiSdkStream(streamText, options)));
    expect(requestOf(stream)).toMatchObject({ provider: "openai", model: "gpt-mock", parameters: { temperature: 0 } });
  });

  it("rejects a stream function that is not one, options that are not an object, and an abortSignal", () => {
    expect(() => aiSdkStream("streamText" as never, {} as never)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", details: expect.objectContaining({ field: "streamFn" }) }),
    );
    expect(() => aiSdkStream(streamText, null as never)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", details: expect.objectContaining({ field: "options" }) }),
    );
    const abortSignal = new AbortController().signal;
    expect(() => aiSdkStream(streamText, { model: openai()("gpt-mock"), prompt: "Hi", abortSignal } as never)).toThrow(
      /options\.abortSignal/,
    );
    expect(() => aiSdkRequest(7 as never)).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));
  });

  it("a model given by id (the AI Gateway) gives only the model", () => {
    expect(aiSdkRequest({ model: "openai/gpt-4o", prompt: "Hi" })).toEqual({
      model: "openai/gpt-4o",
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
    });
  });
});

describe("aiSdkStream with ai + @ai-sdk/anthropic", () => {
  it("streams through l0 and names the anthropic provider and server", async () => {
    const anthropic = createAnthropic({ baseURL: server().baseURL, apiKey: "test" });
    const options = {
      model: anthropic("claude-haiku-4-5"),
      system: "Be brief.",
      prompt: "Hi",
      maxOutputTokens: 64,
      temperature: 0.7,
      topK: 10,
      ...QUIET,
    };
    const stream = aiSdkStream(streamText, options);
    const body = await expectSameBodyAsByHand(
      server(),
      ({ signal }) => streamText({ ...options, abortSignal: signal }),
      stream,
      "/v1/messages",
    );
    expect(body).toMatchObject({ model: "claude-haiku-4-5", max_tokens: 64, temperature: 0.7, top_k: 10 });
    expect(requestOf(stream)).toEqual({
      provider: "anthropic",
      model: "claude-haiku-4-5",
      ...localServer(server()),
      parameters: { maxTokens: 64, temperature: 0.7, topK: 10 },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
      systemInstructions: [{ type: "text", content: "Be brief." }],
    });
  });
});
