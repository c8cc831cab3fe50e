import { afterEach, describe, expect, it, vi } from "vitest";
import { contentTimestamp, REFRESH_EVERY } from "../../src/runtime/token-clock.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("contentTimestamp", () => {
  it("reads the clock once every REFRESH_EVERY events within one turn", async () => {
    await nextTurn();
    let now = 1_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => ++now);
    const stamps = Array.from({ length: REFRESH_EVERY * 2 + 1 }, () => contentTimestamp());
    expect(clock).toHaveBeenCalledTimes(3);
    expect(new Set(stamps.slice(0, REFRESH_EVERY))).toEqual(new Set([1_001]));
    expect(new Set(stamps.slice(REFRESH_EVERY, REFRESH_EVERY * 2))).toEqual(new Set([1_002]));
    expect(stamps.at(-1)).toBe(1_003);
  });

  it("reads the clock fresh for the first event of every later turn", async () => {
    await nextTurn();
    let now = 5_000;
    vi.spyOn(Date, "now").mockImplementation(() => (now += 10));
    expect(contentTimestamp()).toBe(5_010);
    expect(contentTimestamp()).toBe(5_010);
    await nextTurn();
    expect(contentTimestamp()).toBe(5_020);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(contentTimestamp()).toBe(5_030);
  });
});
