import { describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { BUILT_IN_ADAPTERS, detectAdapter, resolveChunks } from "../../src/adapters/resolve-adapter.js";
import type { L0Adapter } from "../../src/types/adapter.js";
import { createMockStream } from "../../src/testing/mock-stream.js";
import { collect, textOf } from "../helpers/drain.js";

describe("detectAdapter", () => {
  it("documents a priority order: specific shapes before generic ones", () => {
    expect(BUILT_IN_ADAPTERS.map((a) => a.name)).toEqual([
      "vercel-ai",
      "text-stream",
      "sse-response",
      "anthropic",
      "openai-responses",
      "openai",
      "langchain",
      "readable-stream",
      "async-iterable",
    ]);
    expect(Object.fromEntries(BUILT_IN_ADAPTERS.map((a) => [a.name, a.provider]))).toMatchObject({
      anthropic: "anthropic",
      "openai-responses": "openai",
      openai: "openai",
      "vercel-ai": undefined,
      langchain: undefined,
    });
  });

  it("picks the AI SDK adapter for a fullStream holder even if it is also iterable, and never reads fullStream", () => {
    let reads = 0;
    const result = {
      get fullStream() {
        reads++;
        return [];
      },
      [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }),
    };
    expect(detectAdapter(result)?.name).toBe("vercel-ai");
    expect(reads).toBe(0);
  });

  it("picks readable-stream over async-iterable for a ReadableStream (which is also async iterable)", () => {
    expect(detectAdapter(new ReadableStream())?.name).toBe("readable-stream");
  });

  it("returns undefined for strings, numbers and plain objects", () => {
    expect(detectAdapter("text")).toBeUndefined();
    expect(detectAdapter(3)).toBeUndefined();
    expect(detectAdapter({ choices: [] })).toBeUndefined();
    expect(detectAdapter(null)).toBeUndefined();
  });
});

describe("resolveChunks", () => {
  it("throws INVALID_STREAM naming what it got", () => {
    let error: unknown;
    try {
      resolveChunks({ foo: 1, bar: 2 });
    } catch (e) {
      error = e;
    }
    expect(L0Error.isL0Error(error)).toBe(true);
    expect((error as L0Error).code).toBe("INVALID_STREAM");
    expect((error as L0Error).message).toContain("an object with keys [foo, bar]");
    expect(() => resolveChunks("hello")).toThrow(/a string \("hello"\)/);
  });

  it("awaits a promise of a stream; an invalid one rejects on the first next()", async () => {
    expect(textOf(await collect(resolveChunks(Promise.resolve(["a", "b"]))))).toBe("ab");
    const iterator = resolveChunks(Promise.resolve(42))[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: "INVALID_STREAM" });
  });

  it("return() on a promised stream closes the source", async () => {
    const source = createMockStream(["a", "b"]);
    for await (const chunk of resolveChunks(Promise.resolve(source))) {
      expect(chunk).toEqual({ type: "token", value: "a" });
      break;
    }
    expect(source.closed).toBe(true);
  });

  it("uses an explicit adapter, passing the signal", async () => {
    let seen: AbortSignal | undefined;
    const custom: L0Adapter<{ words: string[] }> = {
      name: "custom",
      async *wrap(input, options) {
        seen = options?.signal;
        for (const word of input.words) yield { type: "token", value: word };
      },
    };
    const signal = new AbortController().signal;
    const chunks = await collect(resolveChunks({ words: ["x", "y"] }, { adapter: custom, signal }));
    expect(textOf(chunks)).toBe("xy");
    expect(seen).toBe(signal);
  });
});

describe("detection of the OpenAI SDK's stream helpers", () => {
  it("ChatCompletionStream (finalMessage + finalChatCompletion) is openai, not anthropic; ResponseStream is openai-responses", () => {
    const iterable = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true as const, value: undefined }) }) };
    const chatStream = {
      ...iterable,
      abort() {},
      finalMessage: async () => ({}),
      finalChatCompletion: async () => ({}),
      controller: new AbortController(),
      toReadableStream: () => new ReadableStream(),
    };
    const responseStream = {
      ...iterable,
      abort() {},
      finalResponse: async () => ({}),
      controller: new AbortController(),
      toReadableStream: () => new ReadableStream(),
    };
    const messageStream = { ...iterable, abort() {}, finalMessage: async () => ({}) };
    expect(detectAdapter(chatStream)?.name).toBe("openai");
    expect(detectAdapter(responseStream)?.name).toBe("openai-responses");
    expect(detectAdapter(messageStream)?.name).toBe("anthropic");
  });
});
