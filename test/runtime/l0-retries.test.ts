import { AuthenticationError, RateLimitError } from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { l0 } from "../../src/l0.js";
import type { L0RetryEvent } from "../../src/types/events.js";
import type { StreamContext } from "../../src/types/options.js";
import { readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter, probe, scripted, type AttemptScript } from "../helpers/scripted-source.js";

/** A factory that plays one script per call, in order (the last one repeats). */
function playbook(scripts: AttemptScript[], p = probe()) {
  const contexts: StreamContext[] = [];
  const factory = vi.fn((context: StreamContext) => {
    contexts.push(context);
    return scripted(scripts[Math.min(contexts.length - 1, scripts.length - 1)] as AttemptScript, p);
  });
  return { factory, contexts, probe: p };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("l0 retries", () => {
  it("retries a dropped connection (ECONNRESET) and delivers exactly the successful attempt's text", async () => {
    const { factory, probe: p } = playbook([
      { tokens: ["Hel", "lo"], error: nodeError("ECONNRESET", "read ECONNRESET") },
      { tokens: ["Hello", ", ", "world"] },
    ]);
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { baseDelay: 1, maxDelay: 2 } });
    const { events, error, text } = await readResult(result);
    expect(error).toBeUndefined();
    expect(text).toBe("Hello, world");
    expect(result.state.content).toBe("Hello, world");
    const retry = events.find((e): e is L0RetryEvent => e.type === "retry");
    expect(retry).toMatchObject({ attempt: 2, reason: "econnreset", kind: "network", discardsOutput: true });
    expect(result.state).toMatchObject({ networkRetryCount: 1, modelRetryCount: 0, attempt: 2, completed: true });
    expect(result.errors).toHaveLength(1);
    expect((result.errors[0] as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect(p).toMatchObject({ started: 2, exhausted: 1, closed: 1 });
  });

  it("honours Retry-After: 1 on a 429 (the next attempt starts after 1000 ms, not before)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    let calls = 0;
    const factory = vi.fn(() => {
      calls++;
      if (calls === 1) throw new RateLimitError(429, { message: "Rate limit reached" }, undefined, new Headers({ "retry-after": "1" }));
      return scripted({ tokens: ["ok"] });
    });
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { baseDelay: 5, maxDelay: 5 } });
    const drained = readResult(result);
    await vi.advanceTimersByTimeAsync(999);
    expect(factory).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    const { events, text, error } = await drained;
    expect(error).toBeUndefined();
    expect(factory).toHaveBeenCalledTimes(2);
    expect(text).toBe("ok");
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "rate_limit", kind: "network", delayMs: 1000 });
  });

  it("network retries do not use up attempts (attempts: 0 still retries network errors)", async () => {
    const { factory } = playbook([
      { tokens: [], error: nodeError("ECONNRESET") },
      { tokens: ["a"], error: nodeError("ETIMEDOUT") },
      { tokens: [], error: Object.assign(new Error("Service Unavailable"), { status: 503 }) },
      { tokens: ["done"] },
    ]);
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { attempts: 0, maxRetries: 5, baseDelay: 0 } });
    const { text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(text).toBe("done");
    expect(result.state).toMatchObject({ networkRetryCount: 3, modelRetryCount: 0 });
  });

  it("model retries use up attempts", async () => {
    const { factory } = playbook([{ tokens: ["  "] }]);
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { attempts: 2, baseDelay: 0 } });
    const { error, events } = await readResult(result);
    expect(factory).toHaveBeenCalledTimes(3);
    expect(L0Error.isL0Error(error) && error.code).toBe("ZERO_OUTPUT");
    expect(events.filter((e) => e.type === "retry").map((e) => e.kind)).toEqual(["model", "model"]);
  });

  it("maxRetries is per stream: the fallback gets its own budget", async () => {
    const primary = playbook([{ tokens: [], error: nodeError("ECONNRESET") }]);
    const fallback = playbook([
      { tokens: [], error: nodeError("ECONNRESET") },
      { tokens: [], error: nodeError("ECONNRESET") },
      { tokens: ["from fallback"] },
    ]);
    const result = await l0({
      stream: primary.factory,
      fallbackStreams: [fallback.factory],
      adapter: chunkAdapter,
      retry: { maxRetries: 2, baseDelay: 0 },
    });
    const { events, text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(text).toBe("from fallback");
    expect(primary.factory).toHaveBeenCalledTimes(3);
    expect(fallback.factory).toHaveBeenCalledTimes(3);
    expect(events.map((e) => e.type)).toEqual(["retry", "retry", "fallback", "retry", "retry", "token", "complete"]);
    expect(fallback.contexts.map((c) => [c.attempt, c.fallbackIndex])).toEqual([
      [4, 1],
      [5, 1],
      [6, 1],
    ]);
  });

  it("a fatal 401 is not retried and goes to the fallback", async () => {
    const primary = vi.fn(() => {
      throw new AuthenticationError(401, { message: "Incorrect API key provided" }, undefined, new Headers());
    });
    const fallback = playbook([{ tokens: ["backup"] }]);
    const result = await l0({ stream: primary, fallbackStreams: [fallback.factory], adapter: chunkAdapter, retry: { baseDelay: 0 } });
    const { events, text } = await readResult(result);
    expect(primary).toHaveBeenCalledTimes(1);
    expect(text).toBe("backup");
    expect(events[0]).toMatchObject({ type: "fallback", index: 0, reason: "auth_error", discardsOutput: true });
    expect(result.state.fallbackIndex).toBe(1);
  });

  it("fails with a typed L0Error (original error as cause) after the error event", async () => {
    const original = nodeError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:443");
    const result = await l0({
      stream: () => scripted({ tokens: [], error: original }),
      adapter: chunkAdapter,
      retry: { maxRetries: 1, baseDelay: 0 },
    });
    const { events, error } = await readResult(result);
    const last = events.at(-1);
    expect(last?.type).toBe("error");
    expect(last).toMatchObject({ errorType: "econnrefused" });
    expect(error).toBe((last as { error: unknown }).error);
    expect(error).toBeInstanceOf(L0Error);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", cause: original, details: { errorType: "econnrefused", attempt: 2 } });
    expect(result.errors).toEqual([original, original]);
  });

  it("an error chunk fails the attempt with that error", async () => {
    let n = 0;
    const result = await l0({
      stream: async function* () {
        if (n++ === 0) {
          yield { type: "token" as const, value: "x" };
          yield { type: "error" as const, error: Object.assign(new Error("overloaded"), { status: 529 }) };
          yield { type: "token" as const, value: "never" };
        } else yield { type: "token" as const, value: "fine" };
      },
      adapter: chunkAdapter,
      retry: { baseDelay: 0 },
    });
    const { text, events } = await readResult(result);
    expect(text).toBe("fine");
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "server_error" });
  });

  it("zero output is retried; '{}', '[]' and '11' are not zero output", async () => {
    for (const output of ["{}", "[]", "11"]) {
      const factory = vi.fn(() => scripted({ tokens: [output] }));
      const { text, error } = await readResult(await l0({ stream: factory, adapter: chunkAdapter }));
      expect(error).toBeUndefined();
      expect(text).toBe(output);
      expect(factory).toHaveBeenCalledTimes(1);
    }
    const { factory } = playbook([{ tokens: [" ", "\n"] }, { tokens: ["real"] }]);
    const { events, text } = await readResult(await l0({ stream: factory, adapter: chunkAdapter, retry: { baseDelay: 0 } }));
    expect(text).toBe("real");
    expect(events[2]).toMatchObject({ type: "retry", reason: "zero_output", kind: "model" });
  });

  it("retryOn limits what is retried; shouldRetry can veto a network retry", async () => {
    const onlyRateLimits = playbook([{ tokens: [], error: nodeError("ECONNRESET") }, { tokens: ["never"] }]);
    const r1 = await readResult(
      await l0({ stream: onlyRateLimits.factory, adapter: chunkAdapter, retry: { retryOn: ["rate_limit"], baseDelay: 0 } }),
    );
    expect(onlyRateLimits.factory).toHaveBeenCalledTimes(1);
    expect(r1.error).toMatchObject({ code: "NETWORK_ERROR", details: { errorType: "econnreset" } });

    const shouldRetry = vi.fn(() => false);
    const vetoed = playbook([{ tokens: [], error: nodeError("ECONNRESET") }, { tokens: ["never"] }]);
    const r2 = await readResult(await l0({ stream: vetoed.factory, adapter: chunkAdapter, retry: { shouldRetry, baseDelay: 0 } }));
    expect(vetoed.factory).toHaveBeenCalledTimes(1);
    expect(shouldRetry).toHaveBeenCalledWith(expect.objectContaining({ code: "ECONNRESET" }), {
      attempt: 1,
      reason: "econnreset",
      kind: "network",
    });
    expect(r2.error).toBeInstanceOf(L0Error);
  });

  it("a promise-returning factory is awaited; continuation hands the checkpoint and removes overlap", async () => {
    const contexts: StreamContext[] = [];
    const result = await l0({
      stream: async (context) => {
        contexts.push(context);
        return contexts.length === 1
          ? scripted({ tokens: ["The quick", " brown"], error: nodeError("ECONNRESET") })
          : scripted({ tokens: ["brown", " fox", " jumps"] });
      },
      adapter: chunkAdapter,
      continueFromLastKnownGoodToken: true,
      retry: { baseDelay: 0 },
    });
    const { events, text } = await readResult(result);
    expect(contexts[0]?.continuation).toBeUndefined();
    expect(contexts[1]?.continuation).toEqual({ checkpoint: "The quick brown" });
    expect(events.find((e) => e.type === "retry")).toMatchObject({ discardsOutput: false, continuedFromLength: 15 });
    expect(text).toBe("The quick brown fox jumps");
    expect(result.state.content).toBe("The quick brown fox jumps");
  });
});
