import { describe, expect, it, vi } from "vitest";
import { l0 } from "../../src/l0.js";
import type { L0Event } from "../../src/types/events.js";
import type { L0LifecycleEvent } from "../../src/types/lifecycle.js";
import type { L0Options } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";
import { readResult } from "../helpers/drain.js";
import { chunkAdapter, resetOnceThen, scripted } from "../helpers/scripted-source.js";

type AnyEvent = L0Event | L0LifecycleEvent;

describe("events", () => {
  it("complete carries usage and finishReason from the successful attempt's finish chunk", async () => {
    const result = await l0({
      stream: resetOnceThen(["x"], () =>
        scripted({
          tokens: ["Hi"],
          finish: { type: "finish", usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 }, finishReason: "stop", model: "m-1" },
        }),
      ),
      adapter: chunkAdapter,
      retry: { baseDelay: 0 },
    });
    const { events } = await readResult(result);
    expect(events.at(-1)).toMatchObject({
      type: "complete",
      usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
      finishReason: "stop",
      tokenCount: 1,
    });
    expect(result.state.usage).toEqual({ inputTokens: 3, outputTokens: 1, totalTokens: 4 });
    expect(result.state.finishReason).toBe("stop");
  });

  it("passes message, data and progress chunks through as events", async () => {
    const result = await l0({
      stream: async function* () {
        yield { type: "progress" as const, progress: { percent: 50 } };
        yield { type: "message" as const, value: '{"tool":"x"}', role: "assistant" };
        yield { type: "data" as const, data: { image: "..." } };
        yield { type: "token" as const, value: "t" };
      },
      adapter: chunkAdapter,
    });
    const { events } = await readResult(result);
    expect(events.map((e) => e.type)).toEqual(["progress", "message", "data", "token", "complete"]);
    expect(events[1]).toMatchObject({ value: '{"tool":"x"}', role: "assistant" });
  });

  it("onEvent gets stream and lifecycle events in order", async () => {
    const seen: AnyEvent[] = [];
    const result = await l0({
      stream: resetOnceThen(["a"], () => scripted({ tokens: ["b", "c"] })),
      adapter: chunkAdapter,
      retry: { baseDelay: 0 },
      onEvent: (event) => seen.push(event),
    });
    await readResult(result);
    expect(seen.map((e) => e.type)).toEqual([
      "SESSION_START",
      "ATTEMPT_START",
      "FIRST_TOKEN",
      "token",
      "NETWORK_ERROR",
      "RETRY",
      "retry",
      "ATTEMPT_START",
      "FIRST_TOKEN",
      "token",
      "token",
      "complete",
      "COMPLETE",
    ]);
    const sessionIds = new Set(seen.filter((e): e is L0LifecycleEvent => "sessionId" in e).map((e) => e.sessionId));
    expect(sessionIds.size).toBe(1);
    expect([...sessionIds][0]).toMatch(/^l0_\d+_[0-9a-z]+$/);
    expect(seen[1]).toMatchObject({ type: "ATTEMPT_START", attempt: 1, isRetry: false, isFallback: false });
    expect(seen[7]).toMatchObject({ type: "ATTEMPT_START", attempt: 2, isRetry: true, reason: "econnreset" });
    expect(seen[4]).toMatchObject({ type: "NETWORK_ERROR", errorType: "econnreset", willRetry: true, attempt: 1 });
  });

  it("an onEvent that throws never breaks the call", async () => {
    const result = await l0({
      stream: () => scripted({ tokens: ["ok"] }),
      adapter: chunkAdapter,
      onEvent: () => {
        throw new Error("handler bug");
      },
    });
    const { text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(text).toBe("ok");
  });
});

describe("interceptors", () => {
  it("before may replace options; after runs once the stream has finished and sees the final state", async () => {
    const order: string[] = [];
    let afterState: { completed: boolean; content: string } | undefined;
    let replaced: L0Options | undefined;
    let afterOptions: L0Options | undefined;
    const result = await l0({
      stream: () => scripted({ tokens: ["never used"] }),
      adapter: chunkAdapter,
      interceptors: [
        {
          name: "swap",
          before: (options) => {
            order.push("before");
            replaced = { ...options, stream: () => scripted({ tokens: ["from ", "before"] }) };
            return replaced;
          },
          after: (r: L0Result, options: L0Options) => {
            order.push("after");
            afterOptions = options;
            afterState = { completed: r.state.completed, content: r.state.content };
          },
        },
      ],
    });
    expect(order).toEqual(["before"]);
    const iterator = result.stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(order).toEqual(["before"]);
    const rest: L0Event[] = [];
    for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) rest.push(r.value);
    expect(order).toEqual(["before", "after"]);
    expect(afterState).toEqual({ completed: true, content: "from before" });
    expect(afterOptions).toBe(replaced); // the options the call ran with, as onError gets them
    expect(rest.at(-1)?.type).toBe("complete");
  });

  it("onError runs with the final error when the call fails; after does not run", async () => {
    const onError = vi.fn();
    const after = vi.fn();
    const result = await l0({
      stream: () => scripted({ tokens: [], error: Object.assign(new Error("nope"), { status: 400 }) }),
      adapter: chunkAdapter,
      interceptors: [{ onError, after }],
    });
    const { error } = await readResult(result);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBe(error);
    expect(after).not.toHaveBeenCalled();
  });

  it("a throwing after hook does not break the call", async () => {
    const result = await l0({
      stream: () => scripted({ tokens: ["fine"] }),
      adapter: chunkAdapter,
      interceptors: [{ after: () => Promise.reject(new Error("hook bug")) }],
    });
    const { text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(text).toBe("fine");
  });
});

describe("adapters", () => {
  it("auto-detects a plain async iterable of strings", async () => {
    async function* words() {
      yield "auto ";
      yield "detected";
    }
    const { text, error } = await readResult(await l0({ stream: () => words() }));
    expect(error).toBeUndefined();
    expect(text).toBe("auto detected");
  });

  it("an unreadable stream is a typed, non-retried failure", async () => {
    const factory = vi.fn(() => 42);
    const { error } = await readResult(await l0({ stream: factory, retry: { baseDelay: 0 } }));
    expect(factory).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ code: "INVALID_STREAM" });
  });
});

describe("continuation keeps order and fallbacks report themselves", () => {
  it("held-back continuation text is delivered before a following message", async () => {
    const result = await l0({
      stream: resetOnceThen(["alpha beta"], async function* () {
        yield { type: "token" as const, value: "beta" };
        yield { type: "message" as const, value: "tool" };
        yield { type: "token" as const, value: " gamma" };
      }),
      adapter: chunkAdapter,
      continueFromLastKnownGoodToken: true,
      retry: { baseDelay: 0 },
    });
    const { events } = await readResult(result);
    const shown = events.filter((e) => e.type === "token" || e.type === "message").map((e) => ("value" in e ? e.value : ""));
    expect(shown).toEqual(["alpha beta", "tool", " gamma"]);
    expect(result.state.content).toBe("alpha beta gamma");
  });

  it("a fallback emits FALLBACK and an ATTEMPT_START marked isFallback", async () => {
    const seen: AnyEvent[] = [];
    const result = await l0({
      stream: () => scripted({ tokens: [], error: Object.assign(new Error("forbidden"), { status: 403 }) }),
      fallbackStreams: [() => scripted({ tokens: ["b"] })],
      adapter: chunkAdapter,
      onEvent: (e) => seen.push(e),
    });
    await readResult(result);
    expect(seen.find((e) => e.type === "FALLBACK")).toMatchObject({ fromIndex: 0, toIndex: 1, reason: "auth_error" });
    expect(seen.filter((e) => e.type === "ATTEMPT_START").at(-1)).toMatchObject({
      attempt: 2,
      fallbackIndex: 1,
      isRetry: false,
      isFallback: true,
    });
  });
});
