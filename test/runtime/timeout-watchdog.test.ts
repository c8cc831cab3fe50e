import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TimeoutWatchdog, type TimeoutKind } from "../../src/runtime/timeout-watchdog.js";

let fired: Array<[TimeoutKind, number]>;
const record = (kind: TimeoutKind, elapsed: number) => void fired.push([kind, elapsed]);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  fired = [];
});
afterEach(() => vi.useRealTimers());

describe("TimeoutWatchdog", () => {
  it("fires the initial timeout exactly at initialMs when no content arrives", () => {
    new TimeoutWatchdog(100, 40, record);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([["initial", 100]]);
  });

  it("a first content chunk cancels the initial timeout; non-content chunks do not", () => {
    const dog = new TimeoutWatchdog(100, undefined, record);
    vi.advanceTimersByTime(50);
    dog.endWait(false);
    dog.beginWait();
    vi.advanceTimersByTime(40);
    dog.endWait(true);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([]);
  });

  it("fires the inter-token timeout between interMs and 1.25 x interMs after the pull", () => {
    for (const offset of [0, 3, 7, 9]) {
      fired = [];
      const dog = new TimeoutWatchdog(undefined, 40, record);
      dog.endWait(true);
      vi.advanceTimersByTime(offset);
      dog.beginWait();
      let waited = 0;
      while (fired.length === 0 && waited < 200) {
        vi.advanceTimersByTime(1);
        waited++;
      }
      expect(waited, `offset ${offset}`).toBeGreaterThanOrEqual(40);
      expect(waited, `offset ${offset}`).toBeLessThanOrEqual(50);
      expect(fired[0]?.[0]).toBe("inter");
      expect(fired[0]?.[1]).toBeGreaterThanOrEqual(40);
      dog.stop();
    }
  });

  it("steady chunks faster than the limit never time out, and a slow consumer is not counted", () => {
    const dog = new TimeoutWatchdog(undefined, 40, record);
    dog.endWait(true);
    for (let i = 0; i < 100; i++) {
      dog.beginWait();
      vi.advanceTimersByTime(30);
      dog.endWait(true);
      vi.advanceTimersByTime(500);
    }
    expect(fired).toEqual([]);
    dog.stop();
  });

  it("stop() prevents any later firing", () => {
    const dog = new TimeoutWatchdog(20, 20, record);
    dog.stop();
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([]);
  });
});
