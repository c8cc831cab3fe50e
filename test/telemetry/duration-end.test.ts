/**
 * The call's duration ends when the consumer receives the end: the operation span (and so
 * `telemetry.duration` and the duration histograms) ends within 0.5 ms of the `complete` or `error`
 * event reaching the consumer, even with `after` / `onError` hooks and `onEvent` callbacks that take
 * their time (median over many calls, so a loaded machine's scheduling noise does not decide).
 */
import { hrTimeToMilliseconds } from "@opentelemetry/core";
import { describe, expect, it } from "vitest";
import { createL0 } from "../../src/runtime/create-l0.js";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import type { L0Chunk } from "../../src/types/events.js";
import type { L0Interceptor } from "../../src/types/options.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter } from "../helpers/scripted-source.js";
import { createHarness } from "./otel-harness.js";

const CALLS = 25;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function* tokens(fail: boolean): AsyncGenerator<L0Chunk> {
  yield { type: "token", value: "a" };
  yield { type: "token", value: "b" };
  if (fail) throw Object.assign(nodeError("ECONNRESET"), { status: 401 });
}

/** Blocks for `ms`, like a slow synchronous hook. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

const slowHooks: L0Interceptor = {
  after: async () => {
    busy(3);
    await new Promise((resolve) => setTimeout(resolve, 2));
  },
  onError: async () => {
    busy(3);
    await new Promise((resolve) => setTimeout(resolve, 2));
  },
};

describe("duration ends when the consumer receives the end", () => {
  for (const fail of [false, true]) {
    it(`${fail ? "error" : "complete"}: the operation span ends within 0.5 ms of the consumer's receipt`, async () => {
      const h = createHarness();
      const l0 = createL0((monitoring, sessionId, features) => createCallObserver(monitoring, sessionId, features, h.pipeline));
      const gaps: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const result = await l0({
          stream: () => tokens(fail),
          adapter: chunkAdapter,
          retry: { maxRetries: 0 },
          interceptors: [slowHooks],
          onEvent: (event) => {
            if (event.type === "complete" || event.type === "error") busy(1);
          },
          monitoring: { enabled: true },
        });
        const iterator = result.stream[Symbol.asyncIterator]();
        const firstPull = performance.now();
        let receivedEnd = 0;
        for (;;) {
          let next: IteratorResult<unknown>;
          try {
            next = await iterator.next();
          } catch {
            break;
          }
          if (next.done === true) break;
          const type = (next.value as { type: string }).type;
          if (type === "complete" || type === "error") receivedEnd = performance.now();
        }
        const span = h.spans().at(-1);
        expect(span?.attributes["l0.attempt.number"]).toBeUndefined();
        const spanMs = hrTimeToMilliseconds(span?.duration ?? [0, 0]);
        gaps.push(receivedEnd - firstPull - spanMs);
      }
      expect(median(gaps)).toBeGreaterThanOrEqual(0);
      expect(median(gaps)).toBeLessThanOrEqual(0.5);
    });
  }
});
