import { describe, expect, it } from "vitest";
import { L0Error, invalidOption } from "../../src/errors/l0-error.js";

describe("L0Error", () => {
  it("keeps code, details and cause", () => {
    const cause = new Error("boom");
    const error = new L0Error("NETWORK_ERROR", "failed", { cause, details: { errorType: "econnreset", attempt: 2 } });
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.cause).toBe(cause);
    expect(error.errorType).toBe("econnreset");
    expect(error.details.attempt).toBe(2);
    expect(L0Error.isL0Error(error)).toBe(true);
    expect(L0Error.isL0Error(new Error("x"))).toBe(false);
  });

  it("names the field and value of a bad option", () => {
    const error = invalidOption("retry.baseDelay", -5, "a non-negative number");
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.details.field).toBe("retry.baseDelay");
    expect(error.message).toBe('Invalid option "retry.baseDelay": expected a non-negative number, got -5');
  });
});
