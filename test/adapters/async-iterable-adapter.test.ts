import { describe, expect, it } from "vitest";
import { asyncIterableAdapter } from "../../src/adapters/async-iterable-adapter.js";
import { UnrecognizedChunkError } from "../../src/adapters/adapter-errors.js";
import { createMockStream, step } from "../../src/testing/mock-stream.js";
import { faults } from "../../src/testing/faults.js";
import { collect, textOf } from "../helpers/drain.js";
import { usageOf } from "../helpers/chunk-shapes.js";
import { sleep } from "../helpers/sleep.js";

describe("asyncIterableAdapter", () => {
  it("detects async iterables and non-string sync iterables, not strings", () => {
    async function* gen(): AsyncGenerator<string> {}
    expect(asyncIterableAdapter.detect?.(gen())).toBe(true);
    expect(asyncIterableAdapter.detect?.(["a"])).toBe(true);
    expect(asyncIterableAdapter.detect?.("abc")).toBe(false);
    expect(asyncIterableAdapter.detect?.({ text: "x" })).toBe(false);
  });

  it("normalises strings and generic object shapes into tokens, skipping empty text", async () => {
    async function* gen(): AsyncGenerator<unknown> {
      yield "a";
      yield "";
      yield { text: "b" };
      yield { content: "c" };
      yield { delta: "d" };
      yield { textDelta: "e" };
      yield { type: "text-delta", text: "f" };
      yield { type: "text-delta", textDelta: "g" };
      yield { type: "token", value: "h" };
      yield { delta: { text: "i" } };
    }
    const chunks = await collect(asyncIterableAdapter.wrap(gen()));
    expect(chunks.every((c) => c.type === "token")).toBe(true);
    expect(textOf(chunks)).toBe("abcdefghi");
  });

  it("reads arrays", async () => {
    expect(textOf(await collect(asyncIterableAdapter.wrap(["x", "y"])))).toBe("xy");
  });

  it("turns an unknown object shape into an error chunk naming its keys", async () => {
    const chunks = await collect(asyncIterableAdapter.wrap(["ok", { foo: 1, bar: 2 }, 42]));
    expect(chunks[0]).toEqual({ type: "token", value: "ok" });
    const first = chunks[1];
    expect(first?.type).toBe("error");
    const error = (first as { error: unknown }).error;
    expect(error).toBeInstanceOf(UnrecognizedChunkError);
    expect((error as Error).message).toContain("foo, bar");
    expect(chunks[2]?.type).toBe("error");
    expect((chunks[2] as { error: Error }).error.message).toContain("a number");
  });

  it("decodes UTF-8 bytes with a multi-byte character split across chunks", async () => {
    const bytes = new TextEncoder().encode("héllo 🌍");
    const pieces = [bytes.subarray(0, 2), bytes.subarray(2, 8), bytes.subarray(8, 9), bytes.subarray(9)];
    expect(textOf(await collect(asyncIterableAdapter.wrap(pieces)))).toBe("héllo 🌍");
  });

  it("passes l0 chunks and AI SDK parts through, framing parts produce nothing", async () => {
    const chunks = await collect(
      asyncIterableAdapter.wrap([
        { type: "start" },
        { type: "text-start", id: "1" },
        { type: "text-delta", id: "1", text: "Hi" },
        { type: "text-end", id: "1" },
        { type: "message", value: "{}", role: "tool" },
        { type: "data", data: { x: 1 } },
        { type: "progress", progress: { percent: 50 } },
        { type: "finish", finishReason: "stop", totalUsage: usageOf(1, 2) },
      ]),
    );
    expect(chunks).toEqual([
      { type: "token", value: "Hi" },
      { type: "message", value: "{}", role: "tool" },
      { type: "data", data: { x: 1 } },
      { type: "progress", progress: { percent: 50 } },
      { type: "finish", finishReason: "stop", usage: usageOf(1, 2) },
    ]);
  });

  it("rethrows an error the source throws, with its original shape", async () => {
    const source = createMockStream(["a", faults.econnreset()]);
    const iterator = asyncIterableAdapter.wrap(source)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { type: "token", value: "a" } });
    await expect(iterator.next()).rejects.toMatchObject({ code: "ECONNRESET", syscall: "read" });
  });

  it("return() closes the source iterator", async () => {
    const source = createMockStream(["a", "b", "c"]);
    for await (const chunk of asyncIterableAdapter.wrap(source)) {
      expect(chunk).toEqual({ type: "token", value: "a" });
      break;
    }
    expect(source.closed).toBe(true);
    expect(source.completed).toBe(false);
    expect(source.pulls).toBe(1);
  });

  it("return() during a stalled next() settles it and closes the source at once", async () => {
    const source = createMockStream(["a", step.stall(), "b"]);
    const iterator = asyncIterableAdapter.wrap(source)[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    await sleep();
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(source.closed).toBe(true);
  });

  it("an aborted signal rejects a pending next() with the reason and closes the source", async () => {
    const controller = new AbortController();
    const source = createMockStream(["a", step.stall()]);
    const iterator = asyncIterableAdapter.wrap(source, { signal: controller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    const reason = new Error("stop now");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(source.closed).toBe(true);
    await expect(iterator.next()).rejects.toBe(reason);
  });

  it("a source that ends quietly after abort is reported as aborted, not complete", async () => {
    const controller = new AbortController();
    // Like the OpenAI SDK's Stream, which returns without throwing when its request is aborted.
    async function* quiet(): AsyncGenerator<string> {
      yield "a";
      await new Promise<void>((resolve) => controller.signal.addEventListener("abort", () => resolve()));
    }
    const iterator = asyncIterableAdapter.wrap(quiet(), { signal: controller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("does not open the source when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const source = createMockStream(["a"]);
    const iterator = asyncIterableAdapter.wrap(source, { signal: controller.signal })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
    expect(source.pulls).toBe(0);
  });

  it("skips many framing items from a sync iterable without deep recursion", async () => {
    const items: unknown[] = Array.from({ length: 50_000 }, () => ({ type: "text-end", id: "1" }));
    items.push("end");
    expect(textOf(await collect(asyncIterableAdapter.wrap(items)))).toBe("end");
  });
});
