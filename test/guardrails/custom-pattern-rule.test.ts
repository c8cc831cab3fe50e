import { describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { customPatternRule } from "../../src/guardrails/custom-pattern-rule.js";
import { streamThrough } from "./stream-through.js";

describe("customPatternRule", () => {
  it("reports the first pattern found with the configured name, message and severity", () => {
    const rule = customPatternRule(["lorem ipsum", /\bTODO\b/], { name: "no-filler", message: "Filler text", severity: "warning" });
    const text = "Intro. TODO later. Lorem Ipsum dolor.";
    const { streaming, final } = streamThrough(rule, [text.slice(0, 10), text.slice(10)]);
    expect(streaming).toEqual([]);
    expect(final).toEqual([
      expect.objectContaining({
        rule: "no-filler",
        severity: "warning",
        recoverable: true,
        position: text.indexOf("Lorem"),
        message: "Filler text",
        excerpt: "Lorem Ipsum",
      }),
    ]);
  });

  it("treats strings literally and ignores g/y flags", () => {
    const rule = customPatternRule(["a.b", /x/g], { name: "lit", severity: "fatal" });
    expect(streamThrough(rule, ["aXb"]).final).toEqual([]);
    expect(streamThrough(rule, ["see A.B"]).final).toEqual([
      expect.objectContaining({ rule: "lit", position: 4, severity: "fatal", recoverable: false }),
    ]);
    for (let i = 0; i < 3; i++) expect(streamThrough(rule, ["one x"]).final).toHaveLength(1);
    expect(streamThrough(rule, ["nothing here"]).final).toEqual([]);
  });

  it("validates its arguments", () => {
    const cases: [() => unknown, string][] = [
      [() => customPatternRule([], { name: "x" }), "customPatternRule.patterns"],
      [() => customPatternRule([""], { name: "x" }), "customPatternRule.patterns[0]"],
      [() => customPatternRule(["a"], { name: "has space" }), "customPatternRule.name"],
      [() => customPatternRule(["a"], { name: "ok", severity: "huge" as never }), "customPatternRule.severity"],
    ];
    for (const [make, field] of cases) {
      expect(make).toThrow(L0Error);
      try {
        make();
      } catch (e) {
        expect((e as L0Error).details.field).toBe(field);
      }
    }
  });
});
