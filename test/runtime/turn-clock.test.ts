import { afterEach, describe, expect, it, vi } from "vitest";
import { currentTurn, REFRESH_EVERY, turnNow } from "../../src/runtime/turn-clock.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("turnNow", () => {
  it("reads the clock once every REFRESH_EVERY reads within one turn", async () => {
    await nextTurn();
    let now = 1_000;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => ++now);
    const readings = Array.from({ length: REFRESH_EVERY * 2 + 1 }, () => turnNow());
    expect(clock).toHaveBeenCalledTimes(3);
    expect(new Set(readings.slice(0, REFRESH_EVERY))).toEqual(new Set([1_001]));
    expect(new Set(readings.slice(REFRESH_EVERY, REFRESH_EVERY * 2))).toEqual(new Set([1_002]));
    expect(readings.at(-1)).toBe(1_003);
  });

  it("reads the clock fresh for the first read of every later turn", async () => {
    await nextTurn();
    let now = 5_000;
    vi.spyOn(performance, "now").mockImplementation(() => (now += 10));
    expect(turnNow()).toBe(5_010);
    expect(turnNow()).toBe(5_010);
    await nextTurn();
    expect(turnNow()).toBe(5_020);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(turnNow()).toBe(5_030);
  });
});

describe("turns", () => {
  it("counts event-loop turns: the number changes once the check phase has run", async () => {
    await nextTurn();
    const turn = currentTurn();
    expect(currentTurn()).toBe(turn);
    await Promise.resolve();
    expect(currentTurn()).toBe(turn);
    await nextTurn();
    expect(currentTurn()).toBe(turn + 1);
  });
});
