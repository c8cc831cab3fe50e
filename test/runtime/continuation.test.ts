import { describe, expect, it } from "vitest";
import { MAX_OVERLAP, OverlapFilter, findOverlap, removeOverlap } from "../../src/runtime/continuation.js";

function streamThrough(checkpoint: string, tokens: string[]): string {
  const filter = new OverlapFilter(checkpoint);
  let out = "";
  for (const token of tokens) out += filter.push(token);
  return out + filter.flush();
}

describe("overlap removal", () => {
  it("drops the longest suffix of the checkpoint that the continuation repeats", () => {
    expect(findOverlap("The quick brown", "brown fox")).toBe(5);
    expect(removeOverlap("The quick brown", "brown fox")).toBe(" fox");
    expect(removeOverlap("Hello wor", "Hello world!")).toBe("ld!");
    expect(removeOverlap("abc", "abcdef")).toBe("def");
  });

  it("keeps text without overlap, and ignores single-character coincidences", () => {
    expect(removeOverlap("The quick brown", " fox")).toBe(" fox");
    expect(removeOverlap("a cat", "t is here")).toBe("t is here");
  });

  it("looks back at most MAX_OVERLAP characters", () => {
    const long = "x".repeat(MAX_OVERLAP + 50);
    expect(findOverlap(long, long)).toBe(MAX_OVERLAP);
  });

  it("streaming filter gives the same text as removeOverlap, whatever the token split", () => {
    const cases: Array<[string, string]> = [
      ["The quick brown", "brown fox jumps"],
      ["Hello wor", "Hello world!"],
      ["one two three", " four five"],
      ["aaaa", "aaaab"],
      ["end.", "end. Next sentence"],
    ];
    for (const [checkpoint, continuation] of cases) {
      const expected = removeOverlap(checkpoint, continuation);
      for (const size of [1, 2, 3, 5, 100]) {
        const tokens = continuation.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [];
        expect(streamThrough(checkpoint, tokens), `${checkpoint} | ${continuation} / ${size}`).toBe(expected);
      }
    }
  });

  it("holds text back only while it could still be a repetition", () => {
    const filter = new OverlapFilter("The quick brown");
    expect(filter.push("The")).toBe("");
    expect(filter.pending).toBe(true);
    expect(filter.push(" quick brown")).toBe("");
    expect(filter.push(" fox")).toBe(" fox");
    expect(filter.pending).toBe(false);
    expect(filter.push(" jumps")).toBe(" jumps");
  });
});
