/**
 * Programming errors (a `TypeError`, `ReferenceError`... from the user's factory) are
 * `programming_error`, fatal, never retried; the `TypeError`s that are really network failures
 * (undici `fetch failed` / `terminated`, and what the OpenAI and Anthropic SDKs wrap around them)
 * keep their network type. The network cases are produced by the real clients against local sockets.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { classifyError } from "../../src/errors/classify-error.js";
import { ERROR_TYPE_CATEGORY } from "../../src/errors/error-types.js";
import { L0Error } from "../../src/errors/l0-error.js";
import { l0 } from "../../src/l0.js";
import { collect, readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter, scripted } from "../helpers/scripted-source.js";
import { freePort, listenOnFreePort } from "../helpers/free-port.js";

const socketError = (): Error => Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" });

describe("classifyError: built-in errors", () => {
  it.each([
    ["TypeError naming a property", new TypeError("Cannot read properties of undefined (reading 'timeout')"), "programming_error"],
    ["TypeError: not a function", new TypeError("client.chat.completions.stream is not a function"), "programming_error"],
    ["ReferenceError", new ReferenceError("prompt is not defined"), "programming_error"],
    [
      "SyntaxError from JSON.parse of an HTML page",
      new SyntaxError("Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"),
      "programming_error",
    ],
    ["RangeError", new RangeError("Maximum call stack size exceeded"), "programming_error"],
    ["URIError", new URIError("URI malformed"), "programming_error"],
    [
      "TypeError with a Node code that is not a network code",
      Object.assign(new TypeError("The URL must be of scheme file"), { code: "ERR_INVALID_URL_SCHEME" }),
      "programming_error",
    ],
    ["SyntaxError: JSON cut short", new SyntaxError("Unexpected end of JSON input"), "partial_chunks"],
    [
      "undici fetch failed, cause ECONNREFUSED",
      new TypeError("fetch failed", { cause: nodeError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1") }),
      "econnrefused",
    ],
    [
      "undici fetch failed, cause ENOTFOUND",
      new TypeError("fetch failed", { cause: nodeError("ENOTFOUND", "getaddrinfo ENOTFOUND api.example") }),
      "dns_error",
    ],
    [
      "undici fetch failed, cause without a code",
      new TypeError("fetch failed", { cause: new Error("getaddrinfo EAI_AGAIN api.example") }),
      "connection_dropped",
    ],
    [
      "undici fetch failed, cause connect timeout",
      new TypeError("fetch failed", { cause: nodeError("UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error") }),
      "timeout",
    ],
    ["undici terminated, cause SocketError", new TypeError("terminated", { cause: socketError() }), "connection_dropped"],
    ["undici fetch failed without a cause", new TypeError("fetch failed"), "connection_dropped"],
    ["Chromium fetch", new TypeError("Failed to fetch"), "connection_dropped"],
    ["WebKit fetch", new TypeError("Load failed"), "connection_dropped"],
    ["Firefox fetch", new TypeError("NetworkError when attempting to fetch resource."), "connection_dropped"],
    ["React Native fetch", new TypeError("Network request failed"), "connection_dropped"],
    ["Deno fetch", new TypeError("error sending request for url (https://api.example/v1): connection closed"), "connection_dropped"],
    [
      "OpenAI APIConnectionError around undici",
      new OpenAI.APIConnectionError({ cause: new TypeError("fetch failed", { cause: nodeError("ECONNRESET") }) }),
      "econnreset",
    ],
    [
      "Anthropic APIConnectionError around terminated",
      new Anthropic.APIConnectionError({ cause: new TypeError("terminated", { cause: socketError() }) }),
      "connection_dropped",
    ],
  ])("%s -> %s", (_label, error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });

  it("a programming error is fatal", () => {
    expect(ERROR_TYPE_CATEGORY.programming_error).toBe("fatal");
  });

  it("only the error itself counts: a TypeError inside another error is that error's business", () => {
    expect(classifyError(new Error("render failed", { cause: new TypeError("x is not a function") }))).toBe("unknown");
  });

  it("the real errors of Node: new URL, fetch of a bad URL", async () => {
    const badUrl = await failureOf(async () => new URL("not a url"));
    expect(classifyError(badUrl)).toBe("programming_error");
    const badFetch = await fetch("not a url").catch((error: unknown) => error);
    expect(badFetch).toBeInstanceOf(TypeError);
    expect(classifyError(badFetch)).toBe("programming_error");
  });
});

/** Local endpoints: a closed port, and an HTTP server that starts an SSE body and drops the socket. */
let closedPort = 0;
let dropServer: HttpServer;
let dropUrl = "";
beforeAll(async () => {
  closedPort = await freePort();
  dropServer = createHttpServer((req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    const anthropic = req.url?.includes("/messages") === true;
    res.write(
      anthropic
        ? 'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"model":"c","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":0}}}\n\n'
        : 'data: {"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n',
      // Drop the connection once the first event is on the wire.
      () => req.socket.destroy(),
    );
  });
  dropUrl = `http://127.0.0.1:${await listenOnFreePort(dropServer)}`;
});
afterAll(() => new Promise<void>((resolve) => dropServer.close(() => resolve())));

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("the TypeErrors of real network failures keep their network type", () => {
  it("fetch: refused connection and a body cut short", async () => {
    const refused = await failureOf(() => fetch(`http://127.0.0.1:${closedPort}/`));
    expect(refused).toBeInstanceOf(TypeError);
    expect(classifyError(refused)).toBe("econnrefused");
    const cut = await failureOf(async () => (await fetch(dropUrl)).text());
    expect(cut).toMatchObject({ name: "TypeError", message: "terminated" });
    expect(classifyError(cut)).toBe("connection_dropped");
  });

  it("openai: refused connection and a stream cut short", async () => {
    const request = { model: "m", messages: [{ role: "user" as const, content: "x" }], stream: true as const };
    const refused = await failureOf(async () => {
      const client = new OpenAI({ apiKey: "k", baseURL: `http://127.0.0.1:${closedPort}/v1`, maxRetries: 0 });
      await collect(await client.chat.completions.create(request));
    });
    expect(classifyError(refused)).toBe("econnrefused");
    const cut = await failureOf(async () => {
      const client = new OpenAI({ apiKey: "k", baseURL: `${dropUrl}/v1`, maxRetries: 0 });
      await collect(await client.chat.completions.create(request));
    });
    expect(cut).toBeInstanceOf(TypeError);
    expect(classifyError(cut)).toBe("connection_dropped");
  });

  it("anthropic: refused connection and a stream cut short", async () => {
    const request = { model: "c", max_tokens: 5, messages: [{ role: "user" as const, content: "x" }], stream: true as const };
    const refused = await failureOf(async () => {
      const client = new Anthropic({ apiKey: "k", baseURL: `http://127.0.0.1:${closedPort}`, maxRetries: 0 });
      await collect(await client.messages.create(request));
    });
    expect(refused).toBeInstanceOf(Anthropic.APIConnectionError);
    expect(classifyError(refused)).toBe("econnrefused");
    const cut = await failureOf(async () => {
      const client = new Anthropic({ apiKey: "k", baseURL: dropUrl, maxRetries: 0 });
      await collect(await client.messages.create(request));
    });
    expect(classifyError(cut)).toBe("connection_dropped");
  });
});

describe("l0() with a programming error", () => {
  it("a factory that throws a TypeError is called once and the call fails with INVALID_STREAM", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'messages')");
    const factory = vi.fn(() => {
      throw bug;
    });
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { baseDelay: 0, maxDelay: 0 } });
    const { events, error } = await readResult(result);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(events.some((e) => e.type === "retry")).toBe(false);
    expect(L0Error.isL0Error(error)).toBe(true);
    expect(error).toMatchObject({ code: "INVALID_STREAM", details: { errorType: "programming_error" }, cause: bug });
  });

  it("a stream that throws a ReferenceError mid-way is not retried, and goes to the fallback", async () => {
    const primary = vi.fn(() => scripted({ tokens: ["a"], error: new ReferenceError("chunk is not defined") }));
    const fallback = vi.fn(() => scripted({ tokens: ["fine"] }));
    const result = await l0({ stream: primary, fallbackStreams: [fallback], adapter: chunkAdapter, retry: { baseDelay: 0, maxDelay: 0 } });
    const { events, error, text } = await readResult(result);
    expect(error).toBeUndefined();
    expect(primary).toHaveBeenCalledTimes(1);
    expect(text).toBe("fine");
    expect(events.find((e) => e.type === "fallback")).toMatchObject({ reason: "programming_error" });
  });

  it("a factory whose fetch is refused (TypeError: fetch failed) is retried as a network error", async () => {
    const factory = vi.fn(async () => {
      await fetch(`http://127.0.0.1:${closedPort}/`);
      return scripted({ tokens: ["never"] });
    });
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { maxRetries: 1, baseDelay: 0, maxDelay: 0 } });
    const { events, error } = await readResult(result);
    expect(factory).toHaveBeenCalledTimes(2);
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "econnrefused", kind: "network" });
    expect(error).toMatchObject({ code: "NETWORK_ERROR", details: { errorType: "econnrefused" } });
  });
});
