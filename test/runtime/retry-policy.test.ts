import { describe, expect, it, vi } from "vitest";
import { ERROR_TYPE_CATEGORY } from "../../src/errors/error-types.js";
import { DEFAULT_RETRY_ON, RetryBudget, createRetryPolicy, decideRetry, retryBlocker } from "../../src/runtime/retry-policy.js";
import { recordUnhandledRejections } from "../helpers/unhandled-rejections.js";

describe("retry policy", () => {
  it("defaults retryOn to every network and model type, never a fatal one", () => {
    for (const type of DEFAULT_RETRY_ON) expect(ERROR_TYPE_CATEGORY[type]).not.toBe("fatal");
    expect(DEFAULT_RETRY_ON).toContain("zero_output");
    expect(DEFAULT_RETRY_ON).toContain("guardrail_violation");
    expect(DEFAULT_RETRY_ON).not.toContain("auth_error");
  });

  it("network retries do not use up attempts; maxRetries caps all", () => {
    const policy = createRetryPolicy({ attempts: 1, maxRetries: 3 });
    const budget = new RetryBudget();
    expect(retryBlocker(policy, budget, "econnreset")).toBeUndefined();
    budget.record("network");
    budget.record("network");
    expect(retryBlocker(policy, budget, "zero_output")).toBeUndefined();
    budget.record("model");
    expect(retryBlocker(policy, budget, "econnreset")).toBe("max_retries");
    const other = new RetryBudget();
    other.record("model");
    expect(retryBlocker(policy, other, "drift")).toBe("attempts_exhausted");
    expect(retryBlocker(policy, other, "rate_limit")).toBeUndefined();
  });

  it("fatal types and types outside retryOn are never retried", () => {
    const policy = createRetryPolicy({ retryOn: ["rate_limit"] });
    const budget = new RetryBudget();
    expect(retryBlocker(policy, budget, "auth_error")).toBe("fatal");
    expect(retryBlocker(policy, budget, "tls_error")).toBe("fatal");
    expect(retryBlocker(policy, budget, "econnreset")).toBe("not_in_retry_on");
    expect(retryBlocker(policy, budget, "rate_limit")).toBeUndefined();
  });

  it("honours Retry-After for rate limits, then calculateDelay may override", async () => {
    const error = { status: 429, headers: { "retry-after": "2" } };
    const budget = new RetryBudget();
    const plain = await decideRetry(createRetryPolicy({ baseDelay: 10 }), budget, { type: "rate_limit", error, attempt: 1 });
    expect(plain).toEqual({ retry: true, kind: "network", delayMs: 2000 });
    const calculateDelay = vi.fn(() => 5);
    const custom = await decideRetry(createRetryPolicy({ calculateDelay }), budget, { type: "rate_limit", error, attempt: 1 });
    expect(custom).toEqual({ retry: true, kind: "network", delayMs: 5 });
    expect(calculateDelay).toHaveBeenCalledWith({ retry: 0, kind: "network", reason: "rate_limit", error, defaultDelay: 2000 });
  });

  it("calculateDelay returning undefined or throwing keeps the default", async () => {
    const policy = createRetryPolicy({ backoff: "fixed", baseDelay: 30, calculateDelay: () => undefined });
    expect(await decideRetry(policy, new RetryBudget(), { type: "timeout", error: null, attempt: 1 })).toMatchObject({ delayMs: 30 });
    const throwing = createRetryPolicy({
      backoff: "fixed",
      baseDelay: 40,
      calculateDelay: () => {
        throw new Error("bad");
      },
    });
    expect(await decideRetry(throwing, new RetryBudget(), { type: "timeout", error: null, attempt: 1 })).toMatchObject({ delayMs: 40 });
  });

  it("shouldRetry can only veto; throwing is a veto", async () => {
    const budget = new RetryBudget();
    const allow = createRetryPolicy({ shouldRetry: async () => true });
    expect((await decideRetry(allow, budget, { type: "econnreset", error: null, attempt: 1 })).retry).toBe(true);
    const veto = createRetryPolicy({ shouldRetry: () => false });
    expect(await decideRetry(veto, budget, { type: "econnreset", error: null, attempt: 1 })).toEqual({
      retry: false,
      kind: "network",
      why: "vetoed",
    });
    const throws = createRetryPolicy({
      shouldRetry: () => {
        throw new Error("nope");
      },
    });
    expect((await decideRetry(throws, budget, { type: "econnreset", error: null, attempt: 1 })).retry).toBe(false);
    const cannotOverride = vi.fn(() => true);
    const fatal = createRetryPolicy({ shouldRetry: cannotOverride });
    expect((await decideRetry(fatal, budget, { type: "auth_error", error: null, attempt: 1 })).retry).toBe(false);
    expect(cannotOverride).not.toHaveBeenCalled();
  });
});

describe("Retry-After bound", () => {
  const rateLimited = (retryAfter: string) =>
    Object.assign(new Error("Rate limit reached"), { status: 429, headers: { "retry-after": retryAfter } });

  it("honours a Retry-After above maxDelay up to 60 s", async () => {
    const policy = createRetryPolicy({ maxDelay: 1000 });
    const decision = await decideRetry(policy, new RetryBudget(), { type: "rate_limit", error: rateLimited("45"), attempt: 1 });
    expect(decision).toMatchObject({ retry: true, delayMs: 45_000 });
  });

  it("cuts retry-after: 86400 to max(maxDelay, 60 s) instead of sleeping for a day", async () => {
    const small = await decideRetry(createRetryPolicy({ maxDelay: 1000 }), new RetryBudget(), {
      type: "rate_limit",
      error: rateLimited("86400"),
      attempt: 1,
    });
    expect(small).toMatchObject({ retry: true, delayMs: 60_000 });
    const large = await decideRetry(createRetryPolicy({ maxDelay: 120_000 }), new RetryBudget(), {
      type: "server_error",
      error: Object.assign(rateLimited("86400"), { status: 503 }),
      attempt: 1,
    });
    expect(large).toMatchObject({ retry: true, delayMs: 120_000 });
  });

  it("calculateDelay still sees the bounded default and may choose a longer delay", async () => {
    const calculateDelay = vi.fn(() => 90_000_000);
    const policy = createRetryPolicy({ calculateDelay });
    const decision = await decideRetry(policy, new RetryBudget(), { type: "rate_limit", error: rateLimited("86400"), attempt: 1 });
    expect(calculateDelay).toHaveBeenCalledWith(expect.objectContaining({ defaultDelay: 60_000 }));
    expect(decision).toMatchObject({ retry: true, delayMs: 90_000_000 });
  });
});

describe("calculateDelay returning a promise", () => {
  it("uses the default delay and never leaves the rejection unhandled", async () => {
    const unhandled = recordUnhandledRejections();
    try {
      const calculateDelay = (() => Promise.reject(new Error("async bug"))) as unknown as () => number;
      const policy = createRetryPolicy({ backoff: "fixed", baseDelay: 25, calculateDelay });
      const decision = await decideRetry(policy, new RetryBudget(), { type: "econnreset", error: new Error("reset"), attempt: 1 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(decision).toMatchObject({ retry: true, delayMs: 25 });
      expect(unhandled.reasons).toEqual([]);
    } finally {
      unhandled.stop();
    }
  });
});
