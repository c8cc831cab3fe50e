/**
 * `anthropicMessages` with the real `@anthropic-ai/sdk` against the local mock server, through
 * `l0()`: the stream works, the body equals the hand-written factory's, the description matches
 * what the server received, retries resend the same body and abort cancels the request.
 */
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { anthropicMessages, anthropicMessagesRequest } from "../../src/request/anthropic-messages.js";
import { anthropicInputMessages } from "../../src/request/anthropic-messages-input.js";
import { describeRequest, requestOf } from "../../src/request/request-description.js";
import { expectRetryAndAbort, expectSameBodyAsByHand, expectServesAnswer, localServer, receivedBody, useMockServer } from "./helper-env.js";

const server = useMockServer();
const client = (): Anthropic => new Anthropic({ baseURL: server().url, apiKey: "test", maxRetries: 0 });

const PARAMS = {
  model: "claude-mock",
  max_tokens: 512,
  system: [{ type: "text" as const, text: "You are terse." }],
  messages: [
    { role: "user" as const, content: "Weather in Paris?" },
    {
      role: "assistant" as const,
      content: [
        { type: "thinking" as const, thinking: "Use the tool.", signature: "sig" },
        { type: "tool_use" as const, id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
      ],
    },
    { role: "user" as const, content: [{ type: "tool_result" as const, tool_use_id: "toolu_1", content: "rainy" }] },
  ],
  temperature: 0.4,
  top_p: 0.9,
  top_k: 30,
  stop_sequences: ["STOP"],
};

describe("anthropicMessages with @anthropic-ai/sdk", () => {
  it("streams through l0, sending exactly the body of the hand-written factory", async () => {
    const anthropic = client();
    await expectSameBodyAsByHand(
      server(),
      ({ signal }) => anthropic.messages.create({ ...PARAMS, stream: true }, { signal }),
      anthropicMessages(anthropic, PARAMS),
      "/v1/messages",
    );
  });

  it("describes the request the server received", async () => {
    const stream = anthropicMessages(client(), PARAMS);
    const body = await receivedBody(server(), stream);
    expect(requestOf(stream)).toEqual({
      provider: "anthropic",
      model: "claude-mock",
      ...localServer(server()),
      parameters: { maxTokens: 512, temperature: 0.4, topP: 0.9, topK: 30, stopSequences: ["STOP"] },
      inputMessages: anthropicInputMessages(body.messages),
      systemInstructions: [{ type: "text", content: "You are terse." }],
    });
    expect(requestOf(stream)?.inputMessages).toEqual([
      { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", content: "Use the tool." },
          { type: "tool_call", id: "toolu_1", name: "get_weather", arguments: { city: "Paris" } },
        ],
      },
      { role: "user", parts: [{ type: "tool_call_response", id: "toolu_1", response: "rainy" }] },
    ]);
    expect(body).toMatchObject({ max_tokens: 512, temperature: 0.4, top_p: 0.9, top_k: 30, stop_sequences: ["STOP"], stream: true });
    expect(anthropicMessagesRequest(client(), PARAMS)).toEqual(requestOf(stream));
  });

  it("a retried attempt resends the same body; abort cancels the HTTP request", async () => {
    await expectRetryAndAbort(server(), anthropicMessages(client(), PARAMS));
  });

  it("describes a factory of one's own too (messages.stream())", async () => {
    const anthropic = client();
    const stream = describeRequest(
      ({ signal }) => anthropic.messages.stream(PARAMS, { signal }),
      anthropicMessagesRequest(anthropic, PARAMS),
    );
    await expectServesAnswer(server(), stream);
    expect(requestOf(stream)).toMatchObject({ provider: "anthropic", model: "claude-mock", serverPort: server().port });
  });

  it("names Anthropic on Bedrock and Vertex AI by their hosts", () => {
    const bedrockShaped = { messages: client().messages, baseURL: "https://bedrock-runtime.eu-west-1.amazonaws.com" };
    expect(requestOf(anthropicMessages(bedrockShaped, PARAMS))).toMatchObject({
      provider: "aws.bedrock",
      serverAddress: "bedrock-runtime.eu-west-1.amazonaws.com",
      serverPort: 443,
    });
    const vertexShaped = { messages: client().messages, baseURL: "https://us-east5-aiplatform.googleapis.com/v1" };
    expect(requestOf(anthropicMessages(vertexShaped, PARAMS))).toMatchObject({ provider: "gcp.vertex_ai" });
  });

  it("rejects a client without messages.create", () => {
    expect(() => anthropicMessages({ messages: {} } as unknown as Anthropic, PARAMS)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", details: { field: "client" } }),
    );
  });
});
