import { describe, expect, it } from "vitest";
import { zeroOutputReason, zeroOutputRule } from "../../src/guardrails/zero-output-rule.js";
import { streamThrough } from "./stream-through.js";

describe("zeroOutputRule", () => {
  it.each(["", "   \n\t ", "...", "!!!???", "—", "**", "aaaaaaa", "\n\n---\n"])("flags %j", (text) => {
    expect(zeroOutputReason(text)).toBeDefined();
    const { streaming, final } = streamThrough(zeroOutputRule(), [text]);
    expect(streaming).toEqual([]);
    expect(final).toEqual([expect.objectContaining({ rule: "zero-output", severity: "error", recoverable: true })]);
  });

  it.each(["{}", "[]", '""', " [ ] ", "42", "0", "11", "ok", "Yes.", "é", "中", "aaaa", "1111111"])("accepts %j", (text) => {
    expect(zeroOutputReason(text)).toBeUndefined();
    expect(streamThrough(zeroOutputRule(), [text]).final).toEqual([]);
  });

  it("is final-only", () => {
    expect(zeroOutputRule().streaming).toBe(false);
  });
});
