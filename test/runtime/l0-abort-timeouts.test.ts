import { describe, expect, it, vi } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { l0 } from "../../src/l0.js";
import type { L0Chunk } from "../../src/types/events.js";
import type { StreamContext } from "../../src/types/options.js";
import { readResult } from "../helpers/drain.js";
import { chunkAdapter, probe, scripted } from "../helpers/scripted-source.js";
import { sleep } from "../helpers/sleep.js";

/** Yields `tokens`, then hangs forever, ignoring every signal. Records whether return() ran. */
function hanging(tokens: string[], p = probe()) {
  return scripted({ tokens, hang: true }, p);
}

describe.each([
  ["racing pulls (custom adapter)", { adapter: chunkAdapter }],
  ["direct pulls (built-in adapter)", {}],
])("abort: %s", (_label, adapterOption) => {
  it("signal and result.abort() given together: result.abort() ends a hung stream at once, without a fallback", async () => {
    const controller = new AbortController();
    const contexts: StreamContext[] = [];
    const fallback = vi.fn(() => scripted({ tokens: ["fallback"] }));
    const result = await l0({
      stream: (context) => {
        contexts.push(context);
        return hanging(["a", "b"]);
      },
      fallbackStreams: [fallback],
      signal: controller.signal,
      ...adapterOption,
    });
    const seen: string[] = [];
    const started = Date.now();
    let thrown: unknown;
    try {
      for await (const event of result.stream) {
        seen.push(event.type);
        if (seen.length === 2) setTimeout(() => result.abort(), 20);
      }
    } catch (error) {
      thrown = error;
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(seen).toEqual(["token", "token", "error"]);
    expect(thrown).toMatchObject({ code: "STREAM_ABORTED", details: { errorType: "aborted" } });
    expect(fallback).not.toHaveBeenCalled();
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(result.state.aborted).toBe(true);
    expect(controller.signal.aborted).toBe(false);
  });

  it("the caller's signal aborts a hung stream too, and is never retried", async () => {
    const controller = new AbortController();
    const factory = vi.fn((_context: StreamContext) => hanging(["x"]));
    const result = await l0({ stream: factory, signal: controller.signal, ...adapterOption, retry: { baseDelay: 0 } });
    setTimeout(() => controller.abort(new Error("user left")), 30);
    const { events, error } = await readResult(result);
    expect(events.map((e) => e.type)).toEqual(["token", "error"]);
    expect(L0Error.isL0Error(error) && error.code).toBe("STREAM_ABORTED");
    expect((error as L0Error).cause).toEqual(new Error("user left"));
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory.mock.calls[0]?.[0].signal.aborted).toBe(true);
  });

  it("an abort during the backoff wait ends the call without another attempt", async () => {
    const factory = vi.fn(() => scripted({ tokens: [], error: Object.assign(new Error("down"), { code: "ECONNRESET" }) }));
    const result = await l0({ stream: factory, ...adapterOption, retry: { backoff: "fixed", baseDelay: 5000, maxDelay: 5000 } });
    const started = Date.now();
    const drained = readResult(result);
    await sleep(30);
    result.abort();
    const { events, error } = await drained;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.type)).toEqual(["retry", "error"]);
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
  });

  it("an already-aborted signal fails on the first pull without calling the factory", async () => {
    const factory = vi.fn(() => scripted({ tokens: ["x"] }));
    const result = await l0({ stream: factory, signal: AbortSignal.abort(), ...adapterOption });
    const { events, error } = await readResult(result);
    expect(factory).not.toHaveBeenCalled();
    expect(events.map((e) => e.type)).toEqual(["error"]);
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
  });
});

describe.each([
  ["racing pulls (custom adapter)", { adapter: chunkAdapter }],
  ["direct pulls (built-in adapter)", {}],
])("timeouts race the iterator: %s", (_label, adapterOption) => {
  it("initial-token timeout fires on time against a stream that hangs before its first token", async () => {
    const contexts: StreamContext[] = [];
    const result = await l0({
      stream: (context) => {
        contexts.push(context);
        return hanging([]);
      },
      ...adapterOption,
      timeout: { initialToken: 50 },
      retry: { maxRetries: 0 },
    });
    const started = Date.now();
    const { events, error } = await readResult(result);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(250);
    expect(events.map((e) => e.type)).toEqual(["error"]);
    expect(error).toMatchObject({ code: "INITIAL_TOKEN_TIMEOUT", details: { errorType: "initial_token_timeout" } });
    expect(contexts[0]?.signal.aborted).toBe(true);
  });

  it("initial-token timeout also covers a factory promise that never settles", async () => {
    const result = await l0({
      stream: () => new Promise(() => {}),
      ...adapterOption,
      timeout: { initialToken: 40 },
      retry: { maxRetries: 0 },
    });
    const started = Date.now();
    const { error } = await readResult(result);
    expect(Date.now() - started).toBeLessThan(250);
    expect(error).toMatchObject({ code: "INITIAL_TOKEN_TIMEOUT" });
  });

  it("inter-token timeout fires on time after a stall, then the retry succeeds with exact text", async () => {
    const p = probe();
    let n = 0;
    const result = await l0({
      stream: () => (n++ === 0 ? hanging(["par", "tial"], p) : scripted({ tokens: ["full ", "answer"] }, p)),
      ...adapterOption,
      timeout: { interToken: 50 },
      retry: { baseDelay: 0 },
    });
    const started = Date.now();
    const { events, text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(250);
    expect(text).toBe("full answer");
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "inter_token_timeout", kind: "network", discardsOutput: true });
  });

  it("a slow consumer does not make the provider time out", async () => {
    const result = await l0({
      stream: () => scripted({ tokens: ["a", "b", "c"] }),
      ...adapterOption,
      timeout: { initialToken: 30, interToken: 30 },
      retry: { maxRetries: 0 },
    });
    let text = "";
    for await (const event of result.stream) {
      if (event.type === "token") {
        text += event.value;
        await sleep(70);
      }
    }
    expect(text).toBe("abc");
  });
});

describe("consumer break", () => {
  it("closes the source iterator and aborts the attempt signal", async () => {
    const p = probe();
    const contexts: StreamContext[] = [];
    const result = await l0({
      stream: (context) => {
        contexts.push(context);
        return scripted({ tokens: ["1", "2", "3", "4"] }, p);
      },
      adapter: chunkAdapter,
    });
    for await (const event of result.stream) {
      if (event.type === "token") break;
    }
    await vi.waitFor(() => expect(p.closed).toBe(1));
    expect(p.exhausted).toBe(0);
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(result.state.completed).toBe(false);
  });

  it("result.stream is single-use", async () => {
    const result = await l0({ stream: () => scripted({ tokens: ["x"] }), adapter: chunkAdapter });
    await readResult(result);
    expect(() => result.stream[Symbol.asyncIterator]()).toThrow(L0Error);
  });
});

describe("lazy start", () => {
  it("l0() resolves before any work; the factory runs on the first pull", async () => {
    const factory = vi.fn(async function* (): AsyncGenerator<L0Chunk> {
      yield { type: "token", value: "x" };
    });
    const result = await l0({ stream: factory, adapter: chunkAdapter });
    await sleep(5);
    expect(factory).not.toHaveBeenCalled();
    const iterator = result.stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(factory).toHaveBeenCalledTimes(1);
    await iterator.return?.();
  });
});

describe("abort while deciding", () => {
  it("an abort ends the call even while an async shouldRetry hangs", async () => {
    const factory = vi.fn(() => scripted({ tokens: [], error: Object.assign(new Error("reset"), { code: "ECONNRESET" }) }));
    let asked!: () => void;
    const shouldRetryCalled = new Promise<void>((resolve) => (asked = resolve));
    const shouldRetry = (): Promise<boolean> => {
      asked();
      return new Promise<boolean>(() => {});
    };
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { shouldRetry } });
    const drained = readResult(result);
    // Abort exactly while shouldRetry hangs (no timer racing the call under load).
    await shouldRetryCalled;
    const started = Date.now();
    result.abort();
    const { error } = await drained;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it("an abort after any number of microtasks from the first pull ends the call (no window where it is lost)", async () => {
    for (let ticks = 0; ticks < 40; ticks++) {
      const factory = vi.fn(() => scripted({ tokens: [], error: Object.assign(new Error("reset"), { code: "ECONNRESET" }) }));
      const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { shouldRetry: () => new Promise<boolean>(() => {}) } });
      const drained = readResult(result);
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      result.abort();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([drained, new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 1000)))]);
      clearTimeout(timer);
      expect(outcome === "hung" ? `hung after ${ticks} microtasks` : outcome.error).toMatchObject({ code: "STREAM_ABORTED" });
      expect(factory.mock.calls.length).toBeLessThanOrEqual(1);
    }
  });
});

describe("abort during setup", () => {
  it("an abort while the factory promise hangs ends the call at once and aborts the factory's signal", async () => {
    const contexts: StreamContext[] = [];
    const lifecycle: string[] = [];
    const result = await l0({
      stream: (context) => {
        contexts.push(context);
        return new Promise(() => {});
      },
      adapter: chunkAdapter,
      onEvent: (e) => lifecycle.push(e.type),
    });
    setTimeout(() => result.abort("stop"), 20);
    const started = Date.now();
    const { events, error } = await readResult(result);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(events.map((e) => e.type)).toEqual(["error"]);
    expect(error).toMatchObject({ code: "STREAM_ABORTED", cause: "stop" });
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(lifecycle.slice(-2)).toEqual(["error", "ABORT"]);
  });
});

/** A push source: chunks arrive at fixed times from its start, whether or not anyone pulls. */
function timedSource(chunks: Array<[atMs: number, value: string]>): AsyncIterableIterator<L0Chunk> {
  const arrived: L0Chunk[] = [];
  let waiting: ((result: IteratorResult<L0Chunk>) => void) | undefined;
  for (const [at, value] of chunks) {
    setTimeout(() => {
      const chunk: L0Chunk = { type: "token", value };
      if (waiting === undefined) arrived.push(chunk);
      else {
        const resolve = waiting;
        waiting = undefined;
        resolve({ done: false, value: chunk });
      }
    }, at);
  }
  const iterator: AsyncIterableIterator<L0Chunk> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      const chunk = arrived.shift();
      if (chunk !== undefined) return Promise.resolve({ done: false, value: chunk });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
  return iterator;
}

describe("late chunks: the deadline wins", () => {
  /** A call (no retries) whose source sends "first " at once and "late" `lateAtMs` later, with an inter-token timeout. */
  const lateTokenCall = (lateAtMs: number, interToken: number) =>
    l0({
      stream: () =>
        timedSource([
          [0, "first "],
          [lateAtMs, "late"],
        ]),
      adapter: chunkAdapter,
      timeout: { interToken },
      retry: { maxRetries: 0 },
    });

  it("one token, then the next 1.15 x interToken later: the attempt times out and the late token is never delivered", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "performance", "Date"] });
    try {
      const result = await lateTokenCall(61, 53);
      const drained = readResult(result);
      await vi.advanceTimersByTimeAsync(200);
      const { events, error } = await drained;
      expect(events.filter((e) => e.type === "token").map((e) => (e as { value: string }).value)).toEqual(["first "]);
      expect(error).toMatchObject({ code: "INTER_TOKEN_TIMEOUT" });
      expect(result.state.completed).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the event loop is blocked past the deadline and the next token is due too: the timeout wins, the token is dropped", async () => {
    const result = await lateTokenCall(400, 100);
    const tokens: string[] = [];
    let thrown: unknown;
    try {
      for await (const event of result.stream) {
        if (event.type !== "token") continue;
        tokens.push(event.value);
        // The app blocks the event loop for 500 ms right after the first token (after this pull began).
        setTimeout(() => {
          const until = Date.now() + 500;
          while (Date.now() < until) {
            // busy
          }
        }, 0);
      }
    } catch (error) {
      thrown = error;
    }
    expect(tokens).toEqual(["first "]);
    expect(thrown).toMatchObject({ code: "INTER_TOKEN_TIMEOUT" });
  });
});
