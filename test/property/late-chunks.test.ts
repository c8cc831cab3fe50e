/**
 * Property: with `timeout.interToken` L, over random schedules of chunk delays around the limit
 * (0.5–0.95 × L and 1.05–1.3 × L after the pull), a consumer that blocks the event loop between
 * pulls, and an event loop that is blocked while the attempt waits (so timers and chunks run late),
 * a chunk is delivered only when it came within L of its pull by l0's clock; every chunk that came
 * later ends its attempt with `inter_token_timeout` (retried while the budget lasts); the consumer's
 * blocking is never counted.
 *
 * Time is fake and driven by the test: `performance.now()` is the fake clock plus the time the
 * event loop "was blocked" (added by the test without running timers).
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { l0 } from "../../src/l0.js";
import type { L0Chunk } from "../../src/types/events.js";
import type { StreamContext } from "../../src/types/options.js";
import { chunkAdapter } from "../helpers/scripted-source.js";

const L = 100;

interface ChunkPlan {
  /** ms from the pull to the chunk (even, so pulls fall on even ms). */
  delay: number;
  /** ms the event loop is blocked (timers run late) in the middle of this wait; 0: not blocked. */
  blockedWhileWaiting: number;
  /** ms the consumer blocks the event loop after receiving the chunk. */
  consumerBlocks: number;
}

const even = (min: number, max: number) => fc.integer({ min: Math.ceil(min / 2), max: Math.floor(max / 2) }).map((n) => n * 2);
const chunkArb: fc.Arbitrary<ChunkPlan> = fc.record({
  delay: fc.oneof(even(0.5 * L, 0.95 * L), even(1.06 * L, 1.3 * L)),
  blockedWhileWaiting: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 * L })),
  consumerBlocks: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 * L })),
});
const scheduleArb = fc.array(fc.array(chunkArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });

let blocked = 0;
beforeEach(async () => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "Date"] });
  blocked = 0;
  vi.spyOn(performance, "now").mockImplementation(() => Date.now() + blocked);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

interface Arrival {
  attempt: number;
  index: number;
  /** By l0's clock, from the pull. */
  waited: number;
}

describe("property: late chunks are never delivered", () => {
  it("a chunk reaches the consumer only when it came within interToken of its pull", async () => {
    await fc.assert(
      fc.asyncProperty(scheduleArb, async (schedule) => {
        const arrivals: Arrival[] = [];
        const factory = (context: StreamContext): AsyncIterableIterator<L0Chunk> => {
          const plan = schedule[context.attempt - 1] ?? [{ delay: 2, blockedWhileWaiting: 0, consumerBlocks: 0 }];
          let index = 0;
          const iterator: AsyncIterableIterator<L0Chunk> = {
            [Symbol.asyncIterator]: () => iterator,
            next() {
              const i = index++;
              const step = plan[i];
              if (step === undefined) return Promise.resolve({ done: true, value: undefined });
              const pulledAt = performance.now();
              if (step.blockedWhileWaiting > 0) setTimeout(() => void (blocked += step.blockedWhileWaiting), 1);
              return new Promise((resolve) => {
                setTimeout(() => {
                  arrivals.push({ attempt: context.attempt, index: i, waited: performance.now() - pulledAt });
                  resolve({ done: false, value: { type: "token", value: `a${context.attempt}c${i} ` } });
                }, step.delay);
              });
            },
            return: () => Promise.resolve({ done: true, value: undefined }),
          };
          return iterator;
        };
        const result = await l0({
          stream: factory,
          adapter: chunkAdapter,
          timeout: { interToken: L },
          retry: { maxRetries: schedule.length - 1, baseDelay: 0, maxDelay: 0 },
        });
        const delivered: string[] = [];
        const timeouts: number[] = [];
        const run = (async () => {
          try {
            for await (const event of result.stream) {
              if (event.type === "token") {
                delivered.push(event.value);
                const [, attempt, index] = /^a(\d+)c(\d+) $/.exec(event.value) as RegExpExecArray;
                const step = schedule[Number(attempt) - 1]?.[Number(index)];
                blocked += step?.consumerBlocks ?? 0;
              }
              if (event.type === "retry" && event.reason === "inter_token_timeout") timeouts.push(event.attempt - 1);
            }
          } catch {
            // the last attempt timed out: the call fails with INTER_TOKEN_TIMEOUT
          }
        })();
        await vi.runAllTimersAsync();
        await run;

        for (const arrival of arrivals) {
          const label = `a${arrival.attempt}c${arrival.index} `;
          // The first chunk of an attempt has no inter-token limit (only initialToken would apply).
          const limited = arrival.index > 0;
          if (limited && arrival.waited > L) expect(delivered, `${label} came ${arrival.waited} ms after its pull`).not.toContain(label);
        }
        for (const label of delivered) {
          const [, attempt, index] = /^a(\d+)c(\d+) $/.exec(label) as RegExpExecArray;
          const arrival = arrivals.find((a) => a.attempt === Number(attempt) && a.index === Number(index));
          if (Number(index) > 0) expect(arrival?.waited, label).toBeLessThanOrEqual(L);
        }
        // Every attempt that saw a late chunk ended with the timeout.
        for (const arrival of arrivals) {
          if (arrival.index > 0 && arrival.waited > L && arrival.attempt < result.state.attempt)
            expect(timeouts).toContain(arrival.attempt);
        }
      }),
      { numRuns: 150 },
    );
  });
});
