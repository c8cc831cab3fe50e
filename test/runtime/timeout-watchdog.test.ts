import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_TIMER_MS } from "../../src/runtime/long-timer.js";
import { TimeoutWatchdog, type TimeoutFiring } from "../../src/runtime/timeout-watchdog.js";

// Time is driven by hand: `performance.now()` reads `now`, timers are fake, and an event-loop turn
// ends when the test awaits a real `setImmediate` (nextTurn). `beginWait()` is a real wait (the
// provider did not answer the pull at once).
let now: number;
let fired: Array<[string, number, number]>;
const record = (firing: TimeoutFiring) => void fired.push([firing.kind, firing.elapsedMs, now]);
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lets `ms` pass, 1 ms at a time, running the timers that fall due. */
function advance(ms: number): void {
  for (let i = 0; i < ms; i++) {
    now += 1;
    vi.advanceTimersByTime(1);
  }
}

/** A watchdog with inter-token limit `interMs` whose first content has arrived, armed for a next wait that began a turn ago. */
async function waitingPastFirstContent(interMs: number): Promise<TimeoutWatchdog> {
  const dog = new TimeoutWatchdog(undefined, interMs, record);
  dog.endWait(true);
  dog.beginWait();
  await nextTurn();
  return dog;
}

beforeEach(async () => {
  await nextTurn();
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  now = 1_000;
  vi.spyOn(performance, "now").mockImplementation(() => now);
  fired = [];
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("TimeoutWatchdog", () => {
  it("fires the initial timeout at initialMs when no content arrives", () => {
    new TimeoutWatchdog(100, 40, record);
    advance(98);
    expect(fired).toEqual([]);
    advance(2);
    expect(fired).toHaveLength(1);
    expect(fired[0]?.[0]).toBe("initial");
    expect(fired[0]?.[2]).toBeGreaterThanOrEqual(1_099);
    expect(fired[0]?.[2]).toBeLessThanOrEqual(1_100);
  });

  it("a first content chunk clears the initial timeout; non-content chunks do not", async () => {
    const dog = new TimeoutWatchdog(100, undefined, record);
    await nextTurn();
    advance(50);
    expect(dog.endWait(false)).toBeUndefined();
    dog.beginWait();
    advance(40);
    expect(dog.endWait(true)).toBeUndefined();
    advance(1000);
    expect(fired).toEqual([]);
  });

  it("fires the inter-token timeout interMs after the wait began, wherever the pull falls", async () => {
    for (const offset of [0, 3, 7, 9, 33]) {
      fired = [];
      const dog = new TimeoutWatchdog(undefined, 40, record);
      dog.endWait(true);
      advance(offset);
      dog.beginWait();
      const began = now;
      await nextTurn();
      let waited = 0;
      while (fired.length === 0 && waited < 200) {
        advance(1);
        waited++;
      }
      expect(fired[0]?.[0], `offset ${offset}`).toBe("inter");
      expect(fired[0]?.[2], `offset ${offset}`).toBe(began + 40);
      dog.stop();
    }
  });

  it("re-arms for the exact remainder when a newer wait began after the timer was set", async () => {
    const dog = await waitingPastFirstContent(40);
    advance(30);
    await nextTurn();
    expect(dog.endWait(true)).toBeUndefined();
    advance(5); // the consumer holds the token
    dog.beginWait();
    const began = now;
    await nextTurn();
    advance(39);
    expect(fired).toEqual([]);
    advance(1);
    expect(fired).toEqual([["inter", 40, began + 40]]);
  });

  it("steady chunks faster than the limit never time out, and a slow consumer is not counted", async () => {
    const dog = new TimeoutWatchdog(undefined, 40, record);
    dog.endWait(true);
    for (let i = 0; i < 50; i++) {
      dog.beginWait();
      await nextTurn();
      advance(30);
      await nextTurn();
      expect(dog.endWait(true)).toBeUndefined();
      advance(500);
    }
    expect(fired).toEqual([]);
    dog.stop();
  });

  it("the deadline wins: an answer after the deadline is refused while the timer could not run", async () => {
    const dog = await waitingPastFirstContent(100);
    now += 160; // the event loop was blocked: no timer ran
    await nextTurn();
    expect(dog.endWait(true)).toEqual({ kind: "inter", elapsedMs: 160 });
    advance(500);
    expect(fired).toEqual([]);
  });

  it("a first chunk after the initial deadline is refused the same way", async () => {
    const dog = new TimeoutWatchdog(100, undefined, record);
    dog.beginWait();
    await nextTurn();
    now += 150;
    expect(dog.endWait(true)).toEqual({ kind: "initial", elapsedMs: 150 });
    advance(500);
    expect(fired).toEqual([]);
  });

  it("an answer within the turn of its pull is never late (a buffered burst)", () => {
    const dog = new TimeoutWatchdog(undefined, 10, record);
    dog.endWait(true);
    dog.beginWait();
    now += 50;
    expect(dog.endWait(true)).toBeUndefined();
    dog.stop();
  });

  it("limits longer than one timer holds (2^31-1 ms) are chained", () => {
    const limit = 3e9;
    new TimeoutWatchdog(limit, undefined, record);
    now += MAX_TIMER_MS;
    vi.advanceTimersByTime(MAX_TIMER_MS);
    expect(fired).toEqual([]);
    const rest = limit - MAX_TIMER_MS;
    now += rest - 2;
    vi.advanceTimersByTime(rest - 2);
    expect(fired).toEqual([]);
    advance(2);
    expect(fired.map((f) => f[0])).toEqual(["initial"]);
    expect(fired[0]?.[1]).toBeGreaterThanOrEqual(limit - 1);
  });

  it("stop() prevents any later firing", () => {
    const dog = new TimeoutWatchdog(20, 20, record);
    dog.stop();
    advance(1000);
    expect(fired).toEqual([]);
  });
});
