import { afterEach, describe, expect, it, vi } from "vitest";
import { createMockStream, mockStreamFactory, step } from "../../src/testing/mock-stream.js";
import { faults } from "../../src/testing/faults.js";
import { collect } from "../helpers/drain.js";

describe("createMockStream", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("yields the scripted tokens and records pulls and completion", async () => {
    const source = createMockStream(["a", "b"]);
    expect(await collect(source)).toEqual(["a", "b"]);
    expect(source).toMatchObject({ pulls: 3, yielded: 2, completed: true, closed: false, failed: false });
  });

  it("throws a scripted error at its position", async () => {
    const source = createMockStream(["a", faults.econnreset(), "never"]);
    const iterator = source[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: "a" });
    await expect(iterator.next()).rejects.toMatchObject({ code: "ECONNRESET", errno: -104, syscall: "read" });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(source.failed).toBe(true);
    expect(source.yielded).toBe(1);
  });

  it("throws non-Error values with step.throw", async () => {
    const iterator = createMockStream([step.throw("plain string")])[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBe("plain string");
  });

  it("waits scripted delays and the per-chunk delay (fake timers)", async () => {
    vi.useFakeTimers();
    const iterator = createMockStream(["a", step.delay(1000), "b"], { chunkDelayMs: 10 })[Symbol.asyncIterator]();
    // "a" comes after the 10 ms chunk delay, "b" after the scripted 1000 ms plus the chunk delay: pending until the last ms.
    for (const [value, pendingMs, dueMs] of [
      ["a", 9, 1],
      ["b", 1005, 5],
    ] as const) {
      let settled = false;
      const next = iterator.next().then((r) => ((settled = true), r));
      await vi.advanceTimersByTimeAsync(pendingMs);
      expect(settled, value).toBe(false);
      await vi.advanceTimersByTimeAsync(dueMs);
      expect(await next).toEqual({ done: false, value });
    }
  });

  it("a stall never resolves until return(), which settles it and leaves no timer", async () => {
    vi.useFakeTimers();
    const source = createMockStream(["a", step.stall(), "b"]);
    const iterator = source[Symbol.asyncIterator]();
    await iterator.next();
    let settled = false;
    const pending = iterator.next().then((r) => ((settled = true), r));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    await iterator.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(source.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a timed stall resumes after its duration", async () => {
    vi.useFakeTimers();
    const iterator = createMockStream([step.stall(500), "late"])[Symbol.asyncIterator]();
    const pending = iterator.next();
    await vi.advanceTimersByTimeAsync(500);
    expect(await pending).toEqual({ done: false, value: "late" });
  });

  it("aborting the signal rejects a stalled next() with the signal's reason and clears timers", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const source = createMockStream(["a", step.delay(10_000), "b"], { signal: controller.signal });
    const iterator = source[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(source.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an already aborted signal fails the first pull", async () => {
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    const iterator = createMockStream(["a"], { signal: controller.signal })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow("gone");
  });

  it("can be iterated once", async () => {
    const source = createMockStream(["a"]);
    await collect(source);
    expect(() => source[Symbol.asyncIterator]()).toThrow(/once/);
  });

  it("format openai emits chat.completion.chunk objects with finish and usage chunks", async () => {
    const items = (await collect(createMockStream(["Hi"], { format: "openai", usage: { input: 2, output: 1 } }))) as Array<{
      object: string;
      choices: Array<{ delta: unknown; finish_reason: string | null }>;
    }>;
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.object === "chat.completion.chunk")).toBe(true);
    expect(items[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    expect(items[1]?.choices[0]?.delta).toEqual({ content: "Hi" });
    expect(items[2]?.choices[0]?.finish_reason).toBe("stop");
    expect(items[3]).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } });
  });

  it("format ai-sdk emits v6 fullStream parts with framing and finish", async () => {
    const items = (await collect(createMockStream(["Hi"], { format: "ai-sdk", usage: { input: 2, output: 1 } }))) as Array<
      Record<string, unknown>
    >;
    expect(items.map((i) => i.type)).toEqual(["start", "start-step", "text-start", "text-delta", "text-end", "finish-step", "finish"]);
    expect(items[3]).toEqual({ type: "text-delta", id: "t0", text: "Hi" });
    expect(items[6]).toMatchObject({ finishReason: "stop", totalUsage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 } });
  });

  it("a fault in the openai format stops before the finish chunk", async () => {
    const iterator = createMockStream(["a", faults.rateLimit(2)], { format: "openai" })[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    const error = await iterator.next().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, name: "RateLimitError" });
    expect((error as { headers: Headers }).headers.get("retry-after")).toBe("2");
  });
});

describe("mockStreamFactory", () => {
  it("plays one script per call, repeating the last, and passes the call's signal", async () => {
    const factory = mockStreamFactory([["x", faults.econnreset()], ["ok"]]);
    await expect(collect(factory())).rejects.toMatchObject({ code: "ECONNRESET" });
    const controller = new AbortController();
    expect(await collect(factory({ signal: controller.signal }))).toEqual(["ok"]);
    expect(await collect(factory())).toEqual(["ok"]);
    expect(factory.streams).toHaveLength(3);
    expect(factory.streams[0]?.failed).toBe(true);
    controller.abort();
    expect(factory.streams[1]?.completed).toBe(true);
  });

  it("rejects an empty script list", () => {
    expect(() => mockStreamFactory([])).toThrow(TypeError);
  });
});
