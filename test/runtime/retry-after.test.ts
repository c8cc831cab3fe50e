import { apiCallError } from "../helpers/ai-sdk-model.js";
import { RateLimitError } from "openai";
import { describe, expect, it } from "vitest";
import { getRetryAfterMs, parseRetryAfter, readHeader } from "../../src/runtime/retry-after.js";

const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds, including decimals", () => {
    expect(parseRetryAfter("1", NOW)).toBe(1000);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000);
    expect(parseRetryAfter("0.5", NOW)).toBe(500);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", NOW)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", NOW)).toBe(0);
  });

  it("rejects garbage", () => {
    for (const value of ["", "soon", "-1", "1e3", undefined, null, {}]) expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe("readHeader", () => {
  it("reads Headers, Maps and plain objects case-insensitively", () => {
    expect(readHeader(new Headers({ "Retry-After": "3" }), "retry-after")).toBe("3");
    expect(readHeader(new Map([["retry-after", "4"]]), "retry-after")).toBe("4");
    expect(readHeader({ "Retry-After": "5" }, "retry-after")).toBe("5");
    expect(readHeader({ "retry-after": ["6"] }, "retry-after")).toBe("6");
    expect(readHeader(undefined, "retry-after")).toBeUndefined();
  });
});

describe("getRetryAfterMs", () => {
  it("reads the OpenAI SDK error headers (a Headers object), preferring retry-after-ms", () => {
    const error = new RateLimitError(429, { message: "Rate limit reached" }, undefined, new Headers({ "retry-after": "2" }));
    expect(getRetryAfterMs(error, NOW)).toBe(2000);
    const precise = new RateLimitError(429, undefined, "slow down", new Headers({ "retry-after-ms": "1500", "retry-after": "2" }));
    expect(getRetryAfterMs(precise, NOW)).toBe(1500);
  });

  it("reads AI SDK APICallError.responseHeaders", () => {
    const error = apiCallError(429, "Too Many Requests", { responseHeaders: { "retry-after": "7" } });
    expect(getRetryAfterMs(error, NOW)).toBe(7000);
  });

  it("reads error.response.headers and the cause chain", () => {
    expect(
      getRetryAfterMs({ status: 503, response: { headers: new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:10 GMT" }) } }, NOW),
    ).toBe(10_000);
    expect(getRetryAfterMs(new Error("wrapped", { cause: { headers: { "Retry-After": "9" } } }), NOW)).toBe(9000);
  });

  it("is undefined without a header", () => {
    expect(getRetryAfterMs(new Error("nope"), NOW)).toBeUndefined();
    expect(getRetryAfterMs(undefined, NOW)).toBeUndefined();
  });
});
