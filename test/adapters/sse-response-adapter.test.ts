import { describe, expect, it } from "vitest";
import { sseResponseAdapter, isFetchResponse } from "../../src/adapters/sse-response-adapter.js";
import { HttpResponseError, MalformedChunkError, ProviderStreamError } from "../../src/adapters/adapter-errors.js";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { openaiChunks } from "../../src/testing/chunk-shapes.js";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import { collect, textOf } from "../helpers/drain.js";
import { usageOf } from "../helpers/chunk-shapes.js";

/** Streams `bytes` in pieces; with `onCancel`, the stream then stays open until it is cancelled. */
function byteStream(bytes: Uint8Array, cut: (i: number) => boolean, onCancel?: () => void): ReadableStream<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (let i = 1; i <= bytes.length; i++) {
    if (i === bytes.length || cut(i)) {
      pieces.push(bytes.subarray(start, i));
      start = i;
    }
  }
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller): Promise<void> | undefined {
      if (index < pieces.length) controller.enqueue(pieces[index++]);
      else if (onCancel === undefined) controller.close();
      else return new Promise<void>(() => {}); // stays open: only a cancel ends it
      return undefined;
    },
    cancel: () => onCancel?.(),
  });
}

function sse(payloads: unknown[]): string {
  return payloads.map((p) => `data: ${typeof p === "string" ? p : JSON.stringify(p)}\n\n`).join("");
}

function sseResponse(body: string | ReadableStream<Uint8Array>, init: ResponseInit = {}): Response {
  return new Response(body, { headers: { "content-type": "text/event-stream" }, ...init });
}

describe("sseResponseAdapter", () => {
  it("is detected for fetch Responses", () => {
    expect(isFetchResponse(new Response("x"))).toBe(true);
    expect(detectAdapter(new Response("x"))?.name).toBe("sse-response");
  });

  it("reads OpenAI SSE with usage and [DONE], however the bytes are split", async () => {
    const text = sse([...openaiChunks(["Grüß ", "dich 👋", "!"], { usage: { prompt: 4, completion: 3 } }), "[DONE]"]);
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 2, 3, 7, 64, bytes.length]) {
      const chunks = await collect(sseResponseAdapter.wrap(sseResponse(byteStream(bytes, (i) => i % size === 0))));
      expect(textOf(chunks)).toBe("Grüß dich 👋!");
      expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", usage: usageOf(4, 3) });
      expect(chunks.filter((c) => c.type === "finish")).toHaveLength(1);
    }
  });

  it("stops at [DONE] and cancels the rest of the body", async () => {
    let cancelled = false;
    const bytes = new TextEncoder().encode(sse(['{"text":"a"}', "[DONE]", '{"text":"never"}']));
    const chunks = await collect(
      sseResponseAdapter.wrap(
        sseResponse(
          byteStream(
            bytes,
            (i) => i === 20,
            () => (cancelled = true),
          ),
        ),
      ),
    );
    expect(textOf(chunks)).toBe("a");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });

  it("reads Anthropic SSE (event: lines, ping, error event)", async () => {
    const body =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"claude","usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
      'event: ping\ndata: {"type": "ping"}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const chunks = await collect(sseResponseAdapter.wrap(sseResponse(body)));
    expect(chunks[0]).toEqual({ type: "response", provider: "anthropic", model: "claude", responseId: "m" });
    expect(chunks[1]).toEqual({ type: "token", value: "Hi" });
    expect((chunks[2] as { error: unknown }).error).toBeInstanceOf(ProviderStreamError);
    expect((chunks[2] as { error: unknown }).error).toMatchObject({ type: "overloaded_error", status: 529 });
  });

  it("a malformed JSON data line becomes a MalformedChunkError chunk; plain text data is a token", async () => {
    const chunks = await collect(sseResponseAdapter.wrap(sseResponse('data: plain words\n\ndata: {"choices":[{"delta":\n\n')));
    expect(chunks[0]).toEqual({ type: "token", value: "plain words" });
    expect((chunks[1] as { error: unknown }).error).toBeInstanceOf(MalformedChunkError);
  });

  it("a non-ok Response yields an error with status, headers and body", async () => {
    const response = new Response(JSON.stringify({ error: { message: "slow down" } }), {
      status: 429,
      statusText: "Too Many Requests",
      headers: { "retry-after": "3", "content-type": "application/json" },
    });
    const chunks = await collect(sseResponseAdapter.wrap(response));
    expect(chunks).toHaveLength(1);
    const error = (chunks[0] as { error: HttpResponseError }).error;
    expect(error).toBeInstanceOf(HttpResponseError);
    expect(error.status).toBe(429);
    expect(error.headers.get("retry-after")).toBe("3");
    expect(error.message).toContain("slow down");
  });

  it("reads a non-SSE body as text", async () => {
    const chunks = await collect(sseResponseAdapter.wrap(new Response("just text", { headers: { "content-type": "text/plain" } })));
    expect(textOf(chunks)).toBe("just text");
  });

  it("cancels the body when returned early", async () => {
    let cancelled = false;
    const bytes = new TextEncoder().encode(sse([{ text: "a" }, { text: "b" }]));
    for await (const chunk of sseResponseAdapter.wrap(
      sseResponse(
        byteStream(
          bytes,
          (i) => i === 18,
          () => (cancelled = true),
        ),
      ),
    )) {
      expect(chunk).toEqual({ type: "token", value: "a" });
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });

  it("reads a real fetch of the mock server: text, usage; a 429 becomes an HttpResponseError with retry-after", async () => {
    const server = await startMockOpenAIServer({ answer: "over the wire", faults: [serverFaults.rateLimit(2)] });
    try {
      const request = (): Promise<Response> =>
        fetch(`${server.baseURL}/chat/completions`, {
          method: "POST",
          body: JSON.stringify({
            model: "m",
            messages: [{ role: "user", content: "hi" }],
            stream: true,
            stream_options: { include_usage: true },
          }),
        });
      const limited = await collect(sseResponseAdapter.wrap(await request()));
      const error = (limited[0] as { error: HttpResponseError }).error;
      expect(error).toMatchObject({ status: 429 });
      expect(error.headers.get("retry-after")).toBe("2");
      const chunks = await collect(sseResponseAdapter.wrap(await request()));
      expect(textOf(chunks)).toBe("over the wire");
      expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", usage: usageOf(1, 3) });
    } finally {
      await server.close();
    }
  });

  it("reads fetch Responses of the Responses API and Anthropic Messages routes, in-band errors classified", async () => {
    const { classifyError } = await import("../../src/errors/classify-error.js");
    const server = await startMockOpenAIServer({
      answer: "over the wire",
      faults: [serverFaults.none(), serverFaults.streamError(1, 429), serverFaults.none(), serverFaults.streamError(1, 529)],
    });
    try {
      const post = (path: string, body: unknown): Promise<Response> =>
        fetch(`${server.url}${path}`, { method: "POST", body: JSON.stringify(body) });
      const responses = (): Promise<Response> => post("/v1/responses", { model: "gpt-r", input: "hi there", stream: true });
      const messages = (): Promise<Response> =>
        post("/v1/messages", { model: "claude-m", max_tokens: 9, messages: [{ role: "user", content: "hi" }], stream: true });
      for (const [request, provider] of [
        [responses, "openai"],
        [messages, "anthropic"],
      ] as const) {
        const chunks = await collect(sseResponseAdapter.wrap(await request()));
        expect(chunks[0]).toMatchObject({ type: "response", provider });
        expect(textOf(chunks)).toBe("over the wire");
        expect(chunks.at(-1)).toMatchObject({ type: "finish", usage: { outputTokens: 3 } });
        const failed = await collect(sseResponseAdapter.wrap(await request()));
        const error = failed.find((c) => c.type === "error")?.error;
        expect(classifyError(error)).toBe(provider === "openai" ? "rate_limit" : "server_error");
      }
    } finally {
      await server.close();
    }
  });
});
