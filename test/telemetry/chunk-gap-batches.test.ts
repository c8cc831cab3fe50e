/**
 * The per-chunk histogram `gen_ai.client.inference.time_per_output_chunk` is recorded in batches of
 * {@link CHUNK_GAP_BATCH} while a call streams (sooner when the oldest waited
 * {@link CHUNK_GAP_MAX_WAIT_MS}) and with the rest at each attempt's end: every chunk after an
 * attempt's first is counted once, on every path, and a long or slow stream shows before it ends.
 */
import type { Histogram } from "@opentelemetry/sdk-metrics";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHUNK_GAP_BATCH, CHUNK_GAP_MAX_WAIT_MS } from "../../src/telemetry/chunk-gaps.js";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { createHarness, type Harness } from "./otel-harness.js";

const METRIC = "gen_ai.client.inference.time_per_output_chunk";
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function observe(h: Harness) {
  const observer = createCallObserver({ enabled: true, provider: "openai", model: "gpt-4o" }, "s", {}, h.pipeline);
  observer.callStarted();
  return observer;
}

/** Count and sum of the histogram (one identity), 0 / 0 before its first value. */
async function gaps(h: Harness): Promise<{ count: number; sum: number }> {
  const point = (await h.metrics()).get(METRIC)?.dataPoints[0]?.value as Histogram | undefined;
  return { count: point?.count ?? 0, sum: point?.sum ?? 0 };
}

/** `n` chunks, each in its own event-loop turn (its own arrival). */
async function chunks(observer: ReturnType<typeof observe>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await nextTurn();
    observer.chunkReceived();
    observer.tokenDelivered();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("chunk gap batches", () => {
  it("record a long stream's gaps while it streams, and every gap by its end", async () => {
    const h = createHarness();
    const observer = observe(h);
    const started = performance.now();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    await chunks(observer, CHUNK_GAP_BATCH + 1);
    expect((await gaps(h)).count).toBe(CHUNK_GAP_BATCH);
    await chunks(observer, 2 * CHUNK_GAP_BATCH + 3);
    observer.attemptEnded({ outcome: "success" });
    observer.callEnded("success");
    const elapsed = (performance.now() - started) / 1000;
    const { count, sum } = await gaps(h);
    expect(count).toBe(3 * CHUNK_GAP_BATCH + 3);
    // The gaps add up to the time from the first chunk to the last: more than 0, less than the test took.
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(elapsed);
  });

  it("record the gaps of a retried attempt and of one the call's failure ends", async () => {
    const h = createHarness();
    const observer = observe(h);
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    await chunks(observer, 20);
    observer.attemptEnded({ outcome: "retry", errorType: "rate_limit" });
    expect((await gaps(h)).count).toBe(19);
    observer.attemptStarted({ attempt: 2, fallbackIndex: 0, reason: "rate_limit", retryKind: "network" });
    await chunks(observer, 5);
    observer.callEnded("failed", "server_error");
    expect((await gaps(h)).count).toBe(19 + 4);
  });

  it("record the gaps of an attempt a new one replaces without an end of its own", async () => {
    const h = createHarness();
    const observer = observe(h);
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    await chunks(observer, 3);
    observer.attemptStarted({ attempt: 1, fallbackIndex: 1, reason: "server_error" });
    await chunks(observer, 3);
    observer.attemptEnded({ outcome: "success" });
    observer.callEnded("success");
    expect((await gaps(h)).count).toBe(2 + 2);
  });

  it("record a slow stream's pending gaps once the oldest has waited, before the batch is full", async () => {
    let clock = 1_000;
    vi.spyOn(performance, "now").mockImplementation(() => clock);
    const h = createHarness();
    const observer = observe(h);
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    await chunks(observer, 1);
    for (const step of [100, 200]) {
      clock += step;
      await chunks(observer, 1);
    }
    expect((await gaps(h)).count).toBe(0); // 2 gaps pending, the oldest 200 ms old
    clock += CHUNK_GAP_MAX_WAIT_MS - 200;
    await chunks(observer, 1);
    const { count, sum } = await gaps(h);
    expect(count).toBe(3);
    expect(sum).toBeCloseTo((100 + 200 + CHUNK_GAP_MAX_WAIT_MS - 200) / 1000, 9);
    observer.attemptEnded({ outcome: "success" });
    observer.callEnded("success");
  });
});
