import { describe, expect, it } from "vitest";
import { createSessionId } from "../../src/runtime/session-id.js";

describe("createSessionId", () => {
  it("is l0_<epoch ms>_<random base36> and differs per call", () => {
    const id = createSessionId(1700000000000);
    expect(id).toMatch(/^l0_1700000000000_[0-9a-z]{8}$/);
    const ids = new Set(Array.from({ length: 100 }, () => createSessionId()));
    expect(ids.size).toBe(100);
    for (const other of ids) expect(other).toMatch(/^l0_\d{13}_[0-9a-z]{8}$/);
  });
});
