/**
 * Timeouts fire with the precision of a plain `setTimeout` of the same length, idle and while the
 * event loop is busy (blocked 15 ms in every 20 ms, as a CPU-heavy app would be). Measured against
 * the median of a plain `setTimeout` started at the same point, in the same process, interleaved
 * (a ratio, with a few ms for the scheduling noise of a loaded machine); never as absolute times.
 */
import { afterEach, describe, expect, it } from "vitest";
import { l0 } from "../../src/l0.js";
import type { L0Chunk } from "../../src/types/events.js";
import { chunkAdapter } from "../helpers/scripted-source.js";

const RUNS = 9;
/** Scheduling noise of a loaded machine, ms: a timer can be this much later for either side. */
const NOISE_MS = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** One token, then a stall that ignores every signal. */
function stallAfterOneToken(): AsyncIterableIterator<L0Chunk> {
  let sent = false;
  const iterator: AsyncIterableIterator<L0Chunk> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      if (sent) return new Promise(() => {});
      sent = true;
      return Promise.resolve({ done: false, value: { type: "token", value: "x" } });
    },
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
  return iterator;
}

/** ms from the token's delivery to the inter-token timeout. */
async function l0InterToken(limit: number): Promise<number> {
  let tokenAt = 0;
  let timeoutAt = 0;
  const result = await l0({
    stream: stallAfterOneToken,
    adapter: chunkAdapter,
    timeout: { interToken: limit },
    retry: { maxRetries: 0 },
    onEvent: (event) => {
      if (event.type === "TIMEOUT") timeoutAt = performance.now();
    },
  });
  try {
    for await (const event of result.stream) if (event.type === "token") tokenAt = performance.now();
  } catch {
    // INTER_TOKEN_TIMEOUT
  }
  expect(result.state.completed).toBe(false);
  return timeoutAt - tokenAt;
}

/** ms a plain `setTimeout(limit)` takes, started the way the consumer pulls after a token. */
async function plainTimeout(limit: number): Promise<number> {
  await Promise.resolve();
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, limit));
  return performance.now() - start;
}

/** Blocks the event loop `busyMs` in every `periodMs` until stopped. */
function busyLoop(busyMs: number, periodMs: number): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + busyMs;
    while (performance.now() < until) {
      // busy
    }
  }, periodMs);
  return () => clearInterval(timer);
}

let stopBusy: (() => void) | undefined;
afterEach(() => {
  stopBusy?.();
  stopBusy = undefined;
});

async function ratio(limit: number): Promise<{ l0: number; plain: number }> {
  const ours: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await l0InterToken(limit));
    plain.push(await plainTimeout(limit));
  }
  return { l0: median(ours), plain: median(plain) };
}

describe("timer precision against a plain setTimeout", () => {
  for (const limit of [20, 100]) {
    it(`interToken ${limit} ms, idle: l0 fires as precisely as setTimeout`, async () => {
      const { l0: ours, plain } = await ratio(limit);
      expect(ours).toBeGreaterThanOrEqual(limit - 1);
      expect(ours, `l0 ${ours.toFixed(1)} ms vs plain ${plain.toFixed(1)} ms`).toBeLessThanOrEqual(plain * 1.1 + NOISE_MS);
    });

    it(`interToken ${limit} ms, event loop busy 15 ms in every 20 ms: still as precise as setTimeout`, async () => {
      stopBusy = busyLoop(15, 20);
      const { l0: ours, plain } = await ratio(limit);
      expect(ours).toBeGreaterThanOrEqual(limit - 1);
      expect(ours, `l0 ${ours.toFixed(1)} ms vs plain ${plain.toFixed(1)} ms`).toBeLessThanOrEqual(plain * 1.2 + 1.5 * NOISE_MS);
    });
  }
});
