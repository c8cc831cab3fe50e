import { afterEach, describe, expect, it, vi } from "vitest";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { createHarness } from "./otel-harness.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Drives `performance.now()` by hand; counts the readings taken. */
function scriptedClock(start: number): { reads: () => number; advance: (ms: number) => void } {
  let now = start;
  let reads = 0;
  vi.spyOn(performance, "now").mockImplementation(() => {
    reads++;
    return now;
  });
  return { reads: () => reads, advance: (ms) => void (now += ms) };
}

describe("CallRecorder chunk timing", () => {
  it("reads the clock once per chunk arrival (a new event-loop turn), not per token (unsampled: no span reads it)", async () => {
    const clock = scriptedClock(1000);
    const observer = createCallObserver({ enabled: true, sampleRate: 0 }, "l0_clock_0", {}, createHarness().pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    const before = clock.reads();
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      clock.advance(10);
      observer.chunkReceived();
      observer.tokenDelivered();
    }
    expect(clock.reads() - before).toBe(3);
  });

  it("chunks handed over in one turn (a buffered burst) arrive together: one reading for all", async () => {
    const clock = scriptedClock(1000);
    const observer = createCallObserver({ enabled: true, sampleRate: 0 }, "l0_clock_burst", {}, createHarness().pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    await nextTurn();
    const before = clock.reads();
    for (let i = 0; i < 50; i++) {
      observer.chunkReceived();
      observer.tokenDelivered();
    }
    expect(clock.reads() - before).toBe(1);
  });

  it("times a token delivered with its chunk by the chunk's arrival", async () => {
    const clock = scriptedClock(1000);
    const observer = createCallObserver({ enabled: true }, "l0_clock_1", {}, createHarness().pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      clock.advance(10);
      observer.chunkReceived();
      observer.tokenDelivered();
    }
    observer.attemptEnded({ outcome: "success" });
    observer.callEnded("success");
    const t = observer.telemetry();
    expect(t?.metrics.timeToFirstToken).toBeCloseTo(10, 6);
    expect(t?.metrics.avgInterTokenTime).toBeCloseTo(10, 6);
    // Generation time: first to last arrival of the kept attempt (20 ms for three arrivals 10 ms apart).
    expect(t?.metrics.generationTime).toBeCloseTo(20, 6);
    expect(t?.metrics.tokensPerSecond).toBeCloseTo(3 / 0.02, 6);
  });

  it("reads the clock for a token delivered without a chunk of its own, and after a new attempt", async () => {
    const clock = scriptedClock(0);
    const observer = createCallObserver({ enabled: true }, "l0_clock_2", {}, createHarness().pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    await nextTurn();
    clock.advance(5);
    observer.chunkReceived(); // held back: no token for this chunk in this attempt
    observer.attemptStarted({ attempt: 2, fallbackIndex: 0, reason: "econnreset", retryKind: "network" });
    clock.advance(20);
    observer.tokenDelivered();
    observer.attemptEnded({ outcome: "success" });
    observer.callEnded("success");
    expect(observer.telemetry()?.metrics.timeToFirstToken).toBeCloseTo(25, 6);
  });
});
