import { describe, expect, it } from "vitest";
import { faults, MockAPIError } from "../../src/testing/faults.js";

describe("faults", () => {
  it("network errors carry Node's structured fields", () => {
    expect(faults.econnreset()).toMatchObject({ code: "ECONNRESET", errno: -104, syscall: "read", message: "read ECONNRESET" });
    expect(faults.econnrefused()).toMatchObject({ code: "ECONNREFUSED", syscall: "connect" });
    expect(faults.timeout()).toMatchObject({ code: "ETIMEDOUT", errno: -110 });
    expect(faults.dns("x.test")).toMatchObject({ code: "ENOTFOUND", syscall: "getaddrinfo", message: "getaddrinfo ENOTFOUND x.test" });
    expect(faults.tls()).toMatchObject({ code: "CERT_HAS_EXPIRED" });
    expect(faults.tls("UNABLE_TO_VERIFY_LEAF_SIGNATURE")).toMatchObject({ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
  });

  it("HTTP errors are shaped like the OpenAI SDK's APIError subclasses", () => {
    const rateLimit = faults.rateLimit(7);
    expect(rateLimit).toBeInstanceOf(MockAPIError);
    expect(rateLimit).toMatchObject({ name: "RateLimitError", status: 429, code: "rate_limit_exceeded" });
    expect(rateLimit.headers.get("retry-after")).toBe("7");
    expect(faults.rateLimit(null).headers.has("retry-after")).toBe(false);
    expect(faults.serverError()).toMatchObject({ name: "InternalServerError", status: 500 });
    expect(faults.serverError(503).status).toBe(503);
    expect(faults.unauthorized()).toMatchObject({ name: "AuthenticationError", status: 401 });
    expect(faults.abort().name).toBe("AbortError");
  });

  it("returns a fresh object on each call", () => {
    expect(faults.econnreset()).not.toBe(faults.econnreset());
  });
});
