/**
 * The mock server's Responses API (`/v1/responses`) and Anthropic Messages (`/v1/messages`)
 * protocols, over plain fetch and through the real `openai` and `@anthropic-ai/sdk` clients.
 */
import { afterEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { parseFaultHeader, serverFaults } from "../../src/testing/mock-server-faults.js";

let server: MockOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** SSE events of a response body as `{ event, data }` (data parsed when it is JSON). */
async function sseEvents(response: Response): Promise<Array<{ event: string | undefined; data: unknown }>> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const raw = /^data: (.*)$/m.exec(block)?.[1] ?? "";
      let data: unknown = raw;
      try {
        data = JSON.parse(raw);
      } catch {
        // kept as text
      }
      return { event, data };
    });
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server?.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("POST /v1/responses", () => {
  it("streams the Responses events in order, each named and numbered, with usage on response.completed", async () => {
    server = await startMockOpenAIServer({ answer: "Hi there" });
    const events = await sseEvents(await post("/v1/responses", { model: "gpt-r", input: "two words", stream: true }));
    expect(events.map((e) => e.event)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    for (const [i, e] of events.entries()) expect(e.data).toMatchObject({ type: e.event, sequence_number: i });
    expect(events.slice(4, 6).map((e) => (e.data as { delta: string }).delta)).toEqual(["Hi", " there"]);
    expect(events.at(-1)?.data).toMatchObject({
      response: { id: "resp_mock_1", model: "gpt-r", status: "completed", usage: { input_tokens: 2, output_tokens: 2, total_tokens: 4 } },
    });
    expect(server.requests[0]).toMatchObject({ path: "/v1/responses", outcome: "completed", chunksSent: 2 });
  });

  it("answers JSON without stream, OpenAI-format errors for faults, and 400 without input", async () => {
    server = await startMockOpenAIServer({ answer: "Hi", faults: [serverFaults.rateLimit("0.5")] });
    const limited = await post("/v1/responses", { model: "m", input: "x", stream: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("0.5");
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    const body = (await (
      await post("/v1/responses", { model: "m", input: [{ role: "user", content: [{ type: "input_text", text: "a b c" }] }] })
    ).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ object: "response", status: "completed", usage: { input_tokens: 3, output_tokens: 1 } });
    expect((await post("/v1/responses", { model: "m" })).status).toBe(400);
  });

  it("in-band errors: an error event for 429, response.failed for 5xx", async () => {
    server = await startMockOpenAIServer({
      answer: "one two three",
      faults: [serverFaults.streamError(1, 429), serverFaults.streamError(2, 500)],
    });
    const rate = await sseEvents(await post("/v1/responses", { model: "m", input: "x", stream: true }));
    expect(rate.at(-1)).toMatchObject({ event: "error", data: { type: "error", code: "rate_limit_exceeded" } });
    const failed = await sseEvents(await post("/v1/responses", { model: "m", input: "x", stream: true }));
    expect(failed.at(-1)).toMatchObject({
      event: "response.failed",
      data: { response: { status: "failed", error: { code: "server_error" } } },
    });
    expect(server.requests.map((r) => r.outcome)).toEqual(["error-event", "error-event"]);
  });

  it("the openai SDK reads the stream with responses.create and responses.stream", async () => {
    server = await startMockOpenAIServer({ answer: "Hello from responses" });
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
    let text = "";
    for await (const event of await client.responses.create({ model: "gpt-r", input: "hi", stream: true })) {
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    expect(text).toBe("Hello from responses");
    const final = await client.responses.stream({ model: "gpt-r", input: "hi" }).finalResponse();
    expect(final.output_text).toBe("Hello from responses");
    expect(final.usage).toMatchObject({ input_tokens: 1, output_tokens: 3, total_tokens: 4 });
  });
});

describe("POST /v1/messages", () => {
  const messages = { model: "claude-m", max_tokens: 64, messages: [{ role: "user" as const, content: "two words" }] };

  it("streams the Messages events with input usage on message_start and output usage on message_delta", async () => {
    server = await startMockOpenAIServer({ answer: "Hi there" });
    const events = await sseEvents(await post("/v1/messages", { ...messages, stream: true }));
    expect(events.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0]?.data).toMatchObject({ message: { id: "msg_mock_1", model: "claude-m", usage: { input_tokens: 2 } } });
    expect(events[3]?.data).toMatchObject({ delta: { type: "text_delta", text: "Hi" } });
    expect(events[6]?.data).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { output_tokens: 2 } });
  });

  it("answers errors in Anthropic's format: 429 with retry-after and anthropic-ratelimit headers, 529 overloaded_error", async () => {
    server = await startMockOpenAIServer({ faults: [serverFaults.rateLimit(2), serverFaults.overloaded(), serverFaults.unauthorized()] });
    const limited = await post("/v1/messages", { ...messages, stream: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(Date.parse(limited.headers.get("anthropic-ratelimit-requests-reset") ?? "")).toBeGreaterThan(Date.now());
    expect(limited.headers.get("request-id")).toMatch(/^req_/);
    expect(await limited.json()).toMatchObject({
      type: "error",
      error: { type: "rate_limit_error" },
      request_id: expect.stringMatching(/^req_/),
    });
    const overloaded = await post("/v1/messages", messages);
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(await (await post("/v1/messages", messages)).json()).toMatchObject({ error: { type: "authentication_error" } });
  });

  it("an in-band overloaded_error event after k chunks; the x-mock-fault header selects it too", async () => {
    server = await startMockOpenAIServer({ answer: "one two three" });
    const events = await sseEvents(await post("/v1/messages", { ...messages, stream: true }, { "x-mock-fault": "stream-error:1:529" }));
    expect(events.filter((e) => e.event === "content_block_delta")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ event: "error", data: { type: "error", error: { type: "overloaded_error" } } });
    expect(parseFaultHeader("stream-error:2:429")).toEqual({ type: "stream-error", afterChunks: 2, status: 429 });
  });

  it("the Anthropic SDK streams text and usage, and sees 429 / 529 as its typed errors with the headers", async () => {
    server = await startMockOpenAIServer({
      answer: "Hello from messages",
      faults: [serverFaults.none(), serverFaults.rateLimit(3), serverFaults.overloaded()],
    });
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
    const final = await client.messages.stream(messages).finalMessage();
    expect(final.content).toEqual([{ type: "text", text: "Hello from messages" }]);
    expect(final.usage).toMatchObject({ input_tokens: 2, output_tokens: 3 });
    const limited = await client.messages.create({ ...messages, stream: true }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect((limited as InstanceType<typeof Anthropic.RateLimitError>).headers.get("retry-after")).toBe("3");
    const overloaded = await client.messages.create(messages).catch((error: unknown) => error);
    expect(overloaded).toMatchObject({ status: 529 });
  });

  it("a drop and a malformed event make the Anthropic SDK's iteration throw", async () => {
    server = await startMockOpenAIServer({ answer: "a b c d", faults: [serverFaults.drop(2), serverFaults.malformed(1)] });
    // logLevel "off": the SDK would log the unparsable event before throwing.
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0, logLevel: "off" });
    for (const outcome of ["dropped", "malformed"]) {
      let text = "";
      const failure = await (async () => {
        for await (const event of await client.messages.create({ ...messages, stream: true })) {
          if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
        }
      })().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(text.length).toBeGreaterThan(0);
      expect(server.requests.at(-1)?.outcome).toBe(outcome);
    }
  });
});
