/**
 * Any valid duration works: timeouts and delays longer than one `setTimeout` holds (2^31−1 ms,
 * which Node fires at once) wait their whole length, for every timer l0 schedules: the initial and
 * inter-token timeouts, the retry backoff and a provider's Retry-After.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { l0 } from "../../src/l0.js";
import { sleepFor } from "../../src/runtime/long-timer.js";
import type { L0Chunk, L0Event } from "../../src/types/events.js";
import type { L0Options } from "../../src/types/options.js";
import { chunkAdapter } from "../helpers/scripted-source.js";

const MAX_TIMER_MS = 2 ** 31 - 1;

beforeEach(async () => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "performance", "Date"] });
});
afterEach(() => vi.useRealTimers());

/** Tokens at the given ms after the attempt started (one attempt). */
function timed(times: number[]): AsyncIterableIterator<L0Chunk> {
  let i = 0;
  let last = 0;
  const iterator: AsyncIterableIterator<L0Chunk> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      const at = times[i];
      if (at === undefined) return Promise.resolve({ done: true, value: undefined });
      const wait = at - last;
      last = at;
      const value = `t${i++} `;
      // The provider's own wait may be long too (a plain setTimeout above 2^31-1 ms would fire at once).
      return new Promise((resolve) => sleepFor(wait, () => resolve({ done: false, value: { type: "token", value } })));
    },
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
  return iterator;
}

async function run(options: L0Options, advanceMs: number): Promise<{ events: L0Event[]; error: unknown }> {
  const result = await l0(options);
  const events: L0Event[] = [];
  let error: unknown;
  const done = (async () => {
    try {
      for await (const event of result.stream) events.push(event);
    } catch (thrown) {
      error = thrown;
    }
  })();
  await vi.advanceTimersByTimeAsync(advanceMs);
  await done;
  return { events, error };
}

describe("durations above 2^31-1 ms", () => {
  for (const [name, timeout] of [
    ["initialToken: 3e9", { initialToken: 3e9 }],
    ["initialToken: 2147483648", { initialToken: 2_147_483_648 }],
    ["interToken: 1e10", { interToken: 1e10 }],
  ] as const) {
    it(`${name} does not fire at once: the call completes`, async () => {
      const { events, error } = await run({ stream: () => timed([50, 100]), adapter: chunkAdapter, timeout }, 1000);
      expect(error).toBeUndefined();
      expect(events.map((e) => e.type)).toEqual(["token", "token", "complete"]);
    });
  }

  it("initialToken: 3e9 still fires, at 3e9 ms and not before", async () => {
    const result = await l0({
      stream: () => timed([4e9]),
      adapter: chunkAdapter,
      timeout: { initialToken: 3e9 },
      retry: { maxRetries: 0 },
    });
    let error: unknown;
    let settled = false;
    const done = (async () => {
      try {
        for await (const event of result.stream) void event;
      } catch (thrown) {
        error = thrown;
      }
      settled = true;
    })();
    await vi.advanceTimersByTimeAsync(3e9 - 10);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    await done;
    expect(error).toMatchObject({ code: "INITIAL_TOKEN_TIMEOUT" });
  });

  it("a backoff of 3e9 ms waits 3e9 ms before the retry", async () => {
    let attempts = 0;
    const stream = () => {
      attempts++;
      return attempts === 1 ? Promise.reject(Object.assign(new Error("reset"), { code: "ECONNRESET" })) : timed([1]);
    };
    const result = await l0({ stream, adapter: chunkAdapter, retry: { backoff: "fixed", baseDelay: 3e9, maxDelay: 3e9 } });
    const events: L0Event[] = [];
    const done = (async () => {
      for await (const event of result.stream) events.push(event);
    })();
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 1000);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(3e9 - MAX_TIMER_MS);
    await done;
    expect(attempts).toBe(2);
    expect(events.map((e) => e.type)).toEqual(["retry", "token", "complete"]);
  });

  it("a provider Retry-After of 35 days is honoured up to max(maxDelay, 60 s) and waits that long", async () => {
    let attempts = 0;
    const stream = () => {
      attempts++;
      if (attempts > 1) return timed([1]);
      return Promise.reject(Object.assign(new Error("slow down"), { status: 429, headers: { "retry-after": String(35 * 86_400) } }));
    };
    const result = await l0({ stream, adapter: chunkAdapter, retry: { maxDelay: 3e9 } });
    const events: L0Event[] = [];
    const done = (async () => {
      for await (const event of result.stream) events.push(event);
    })();
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 1000);
    expect(attempts).toBe(1);
    const retry = events.find((e) => e.type === "retry");
    expect(retry).toMatchObject({ delayMs: 3e9 });
    await vi.advanceTimersByTimeAsync(3e9);
    await done;
    expect(attempts).toBe(2);
  });
});
