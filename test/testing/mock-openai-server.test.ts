import { afterEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startMockOpenAIServer, tokenizeWords } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { parseFaultHeader, serverFaults } from "../../src/testing/mock-server-faults.js";
import { streamedChatParams } from "../helpers/openai-chat-request.js";

let server: MockOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function chatBody(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model: "gpt-test", messages: [{ role: "user", content: "two words" }], ...extra });
}

/** Reads SSE `data:` payloads from a fetch response. */
async function dataLines(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice(6));
}

/** The parts of `chat.completion.chunk` / `chat.completion` / model list bodies the tests read. */
interface ChunkBody {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: Array<{ delta: { role?: string; content?: string }; finish_reason: string | null }>;
  usage?: unknown;
}
interface CompletionBody {
  usage: unknown;
}
interface ModelsBody {
  data: Array<{ id: string; object: string }>;
}

function client(s: MockOpenAIServer): OpenAI {
  return new OpenAI({ baseURL: s.baseURL, apiKey: "test", maxRetries: 0 });
}

describe("tokenizeWords", () => {
  it("splits into words with leading whitespace and loses nothing", () => {
    expect(tokenizeWords("Hello  big world\n")).toEqual(["Hello", " ", " big", " world\n"]);
    for (const text of ["", " lead", "a", "x y z ", "über 日本 👋 ok"]) expect(tokenizeWords(text).join("")).toBe(text);
  });
});

describe("startMockOpenAIServer over plain fetch", () => {
  it("streams chat.completion.chunks with finish_reason, the usage chunk and [DONE]", async () => {
    server = await startMockOpenAIServer({ answer: "Hi there" });
    expect(server.baseURL).toBe(`${server.url}/v1`);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chatBody({ stream: true, stream_options: { include_usage: true } }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const lines = await dataLines(response);
    expect(lines.at(-1)).toBe("[DONE]");
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line) as ChunkBody);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ object: "chat.completion.chunk", model: "gpt-test" });
      expect(chunk.id).toBe(chunks[0]?.id);
      expect(typeof chunk.created).toBe("number");
    }
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: "assistant", content: "" });
    expect(chunks.slice(1, 3).map((c) => c.choices[0]?.delta.content)).toEqual(["Hi", " there"]);
    expect(chunks[3]?.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(chunks[3]?.usage).toBeNull();
    expect(chunks[4]).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 } });
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", outcome: "completed", chunksSent: 2 });
  });

  it("omits usage without include_usage, answers non-streaming requests and GET /v1/models", async () => {
    server = await startMockOpenAIServer({ answer: (request) => `echo ${request.messages.length}` });
    const lines = await dataLines(await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody({ stream: true }) }));
    expect(lines.some((line) => line.includes('"usage"'))).toBe(false);
    const json = (await (await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody() })).json()) as CompletionBody;
    expect(json).toMatchObject({
      object: "chat.completion",
      choices: [{ message: { role: "assistant", content: "echo 1" }, finish_reason: "stop" }],
    });
    expect(json.usage).toEqual({ prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 });
    const models = (await (await fetch(`${server.baseURL}/models`)).json()) as ModelsBody;
    expect(models.data[0]).toMatchObject({ id: "mock-gpt", object: "model" });
  });

  it("answers 429 with retry-after and an OpenAI-format error body, from the queue then normally", async () => {
    server = await startMockOpenAIServer({ answer: "ok", faults: [serverFaults.rateLimit(3)] });
    const first = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody({ stream: true }) });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect(await first.json()).toMatchObject({ error: { type: "requests", code: "rate_limit_exceeded" } });
    const second = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody({ stream: true }) });
    expect(second.status).toBe(200);
    await second.text();
    expect(server.requests.map((r) => r.outcome)).toEqual(["error-status", "completed"]);
  });

  it("selects a fault by the x-mock-fault header", async () => {
    server = await startMockOpenAIServer();
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "x-mock-fault": "500" },
      body: chatBody({ stream: true }),
    });
    expect(response.status).toBe(500);
    await response.text();
  });

  it("drops the connection after k chunks", async () => {
    server = await startMockOpenAIServer({ answer: "a b c d", faults: [serverFaults.drop(2)] });
    const response = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody({ stream: true }) });
    await expect(response.text()).rejects.toThrow();
    expect(server.requests[0]).toMatchObject({ outcome: "dropped", chunksSent: 2 });
  });

  it("sends a malformed data line", async () => {
    server = await startMockOpenAIServer({ answer: "a b", faults: [serverFaults.malformed(1)] });
    const lines = await dataLines(await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody({ stream: true }) }));
    expect(lines).toHaveLength(3);
    expect(() => JSON.parse(lines[2] as string)).toThrow(SyntaxError);
    expect(server.requests[0]?.outcome).toBe("malformed");
  });

  it("a timed stall delays the rest; an open stall ends when the client goes away", async () => {
    server = await startMockOpenAIServer({ answer: "a b", faults: [serverFaults.stall(1, 30), serverFaults.stall(1)] });
    const started = performance.now();
    const lines = await dataLines(await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody({ stream: true }) }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(lines.at(-1)).toBe("[DONE]");

    const controller = new AbortController();
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: "POST",
      body: chatBody({ stream: true }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    expect(await server.requests[1]?.finished).toBe("client-disconnected");
  });

  it("close() ends open streams, destroys sockets and is idempotent", async () => {
    server = await startMockOpenAIServer({ faults: [serverFaults.stall(0)] });
    const response = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: chatBody({ stream: true }) });
    const pendingBody = response.text().catch((error: unknown) => error);
    await server.close();
    await server.close();
    expect(await pendingBody).toBeInstanceOf(Error);
    await expect(fetch(`${server.url}/v1/models`)).rejects.toThrow();
  });

  it("rejects bad requests and unknown routes with OpenAI-format errors", async () => {
    server = await startMockOpenAIServer();
    const bad = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: "not json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("messages");
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});

describe("startMockOpenAIServer with the real openai SDK", () => {
  it("streams text and usage through client.chat.completions.create", async () => {
    server = await startMockOpenAIServer({ answer: "The quick brown fox" });
    const stream = await client(server).chat.completions.create(streamedChatParams("tell me", "gpt-test"));
    let text = "";
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("The quick brown fox");
    expect(usage).toEqual({ prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 });
  });

  it("non-streaming create and models.list work", async () => {
    server = await startMockOpenAIServer({ answer: "Plain answer" });
    const completion = await client(server).chat.completions.create({ model: "gpt-test", messages: [{ role: "user", content: "x" }] });
    expect(completion.choices[0]?.message.content).toBe("Plain answer");
    const models = await client(server).models.list();
    expect(models.data.map((m) => m.id)).toEqual(["mock-gpt"]);
  });

  it("the SDK sees 429 as RateLimitError with the retry-after header, 401 as AuthenticationError", async () => {
    server = await startMockOpenAIServer({ faults: [serverFaults.rateLimit(4), serverFaults.unauthorized(), serverFaults.serverError()] });
    const call = () =>
      client(server as MockOpenAIServer).chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
    const rateLimit = await call().catch((e: unknown) => e);
    expect(rateLimit).toBeInstanceOf(OpenAI.RateLimitError);
    expect((rateLimit as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("4");
    expect(await call().catch((e: unknown) => e)).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(await call().catch((e: unknown) => e)).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("a dropped connection and a malformed chunk make the SDK's iteration throw", async () => {
    server = await startMockOpenAIServer({ answer: "a b c", faults: [serverFaults.drop(1), serverFaults.malformed(1)] });
    for (let i = 0; i < 2; i++) {
      const stream = await client(server).chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
      let text = "";
      const failure = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      })().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(text).toBe("a");
    }
  });

  it("aborting the SDK request is seen by the server as a client disconnect", async () => {
    server = await startMockOpenAIServer({ answer: "a b", faults: [serverFaults.stall(1)] });
    const controller = new AbortController();
    const stream = await client(server).chat.completions.create(
      { model: "m", messages: [{ role: "user", content: "x" }], stream: true },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    const pending = iterator.next();
    controller.abort();
    await pending.catch(() => undefined);
    expect(await server.requests[0]?.finished).toBe("client-disconnected");
  });
});

describe("parseFaultHeader", () => {
  it("parses the documented syntax", () => {
    expect(parseFaultHeader("drop:3")).toEqual({ type: "drop", afterChunks: 3 });
    expect(parseFaultHeader("stall:2:500")).toEqual({ type: "stall", afterChunks: 2, ms: 500 });
    expect(parseFaultHeader("stall")).toEqual({ type: "stall", afterChunks: 0 });
    expect(parseFaultHeader("429")).toEqual({ type: "status", status: 429, retryAfter: 1 });
    expect(parseFaultHeader("429:5")).toEqual({ type: "status", status: 429, retryAfter: "5" });
    expect(parseFaultHeader("401")).toEqual({ type: "status", status: 401 });
    expect(parseFaultHeader("malformed:1")).toEqual({ type: "malformed", afterChunks: 1 });
    expect(parseFaultHeader("none")).toEqual({ type: "none" });
    expect(parseFaultHeader("bogus")).toBeUndefined();
    expect(parseFaultHeader("200")).toBeUndefined();
    expect(parseFaultHeader(undefined)).toBeUndefined();
  });
});
