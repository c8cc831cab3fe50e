import { describe, expect, it } from "vitest";
import { BACKOFF_STRATEGIES, computeBackoff } from "../../src/runtime/backoff.js";

const fixedRandom = (value: number) => () => value;

describe("computeBackoff", () => {
  it("exponential doubles per retry and stops at maxDelay", () => {
    const delays = [0, 1, 2, 3, 4, 5].map((retry) => computeBackoff({ strategy: "exponential", retry, baseDelay: 100, maxDelay: 1000 }));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("linear grows by baseDelay per retry and stops at maxDelay", () => {
    const delays = [0, 1, 2, 3].map((retry) => computeBackoff({ strategy: "linear", retry, baseDelay: 300, maxDelay: 1000 }));
    expect(delays).toEqual([300, 600, 900, 1000]);
  });

  it("fixed is baseDelay, capped by maxDelay", () => {
    expect(computeBackoff({ strategy: "fixed", retry: 7, baseDelay: 250, maxDelay: 1000 })).toBe(250);
    expect(computeBackoff({ strategy: "fixed", retry: 0, baseDelay: 2500, maxDelay: 1000 })).toBe(1000);
  });

  it("full-jitter stays in [0, min(maxDelay, base * 2^retry)) for random in [0, 1)", () => {
    for (const r of [0, 0.25, 0.999999]) {
      for (const retry of [0, 1, 2, 3, 10]) {
        const cap = Math.min(1000, 100 * 2 ** retry);
        const delay = computeBackoff({ strategy: "full-jitter", retry, baseDelay: 100, maxDelay: 1000 }, fixedRandom(r));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(cap);
        expect(delay).toBe(Math.round(r * cap));
      }
    }
  });

  it("fixed-jitter stays in [base, 1.5 * base] and under maxDelay", () => {
    expect(computeBackoff({ strategy: "fixed-jitter", retry: 3, baseDelay: 1000, maxDelay: 10_000 }, fixedRandom(0))).toBe(1000);
    expect(computeBackoff({ strategy: "fixed-jitter", retry: 3, baseDelay: 1000, maxDelay: 10_000 }, fixedRandom(0.5))).toBe(1250);
    expect(computeBackoff({ strategy: "fixed-jitter", retry: 0, baseDelay: 1000, maxDelay: 1100 }, fixedRandom(0.9))).toBe(1100);
    for (let i = 0; i < 200; i++) {
      const delay = computeBackoff({ strategy: "fixed-jitter", retry: i % 5, baseDelay: 200, maxDelay: 10_000 });
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(300);
    }
  });

  it("never exceeds maxDelay for any strategy, even for huge retry counts", () => {
    for (const strategy of BACKOFF_STRATEGIES) {
      for (const retry of [0, 5, 50, 5000]) {
        const delay = computeBackoff({ strategy, retry, baseDelay: 700, maxDelay: 900 });
        expect(delay, `${strategy} retry ${retry}`).toBeLessThanOrEqual(900);
        expect(Number.isFinite(delay)).toBe(true);
      }
    }
  });
});
