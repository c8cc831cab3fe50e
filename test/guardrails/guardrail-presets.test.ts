import { describe, expect, it } from "vitest";
import { instantiateGuardrails } from "../../src/guardrails/guardrail-engine.js";
import {
  createRecommendedGuardrails,
  jsonOnlyGuardrails,
  minimalGuardrails,
  recommendedGuardrails,
  strictGuardrails,
} from "../../src/guardrails/guardrail-presets.js";
import { streamThrough } from "./stream-through.js";

describe("guardrail presets", () => {
  it("contain the documented rules", () => {
    expect(minimalGuardrails.map((r) => r.name)).toEqual(["json-structure", "zero-output"]);
    expect(recommendedGuardrails.map((r) => r.name)).toEqual(["json-structure", "markdown-structure", "zero-output", "pattern"]);
    expect(strictGuardrails.map((r) => r.name)).toEqual([
      "json-structure",
      "markdown-structure",
      "latex-environments",
      "pattern",
      "zero-output",
    ]);
    expect(jsonOnlyGuardrails.map((r) => r.name)).toEqual(["json-structure", "json-strict", "zero-output"]);
  });

  it("are frozen, and stateful rules give private state per call", () => {
    expect(Object.isFrozen(recommendedGuardrails)).toBe(true);
    const a = instantiateGuardrails(recommendedGuardrails);
    const b = instantiateGuardrails(recommendedGuardrails);
    expect(a[0]).not.toBe(b[0]);
    expect(a[0]).not.toBe(recommendedGuardrails[0]);
    // Interleaved calls: a broken JSON stream on one does not leak into the other.
    const bad = streamThrough(a, ['{"a": [1', "}"]);
    const good = streamThrough(b, ['{"a": [1', "]}"]);
    expect(bad.streaming.map((v) => v.rule)).toEqual(["json-structure"]);
    expect(good).toEqual({ streaming: [], final: [] });
  });

  it("recommended passes an ordinary markdown answer and catches a leaked template", () => {
    const rules = createRecommendedGuardrails();
    expect(streamThrough(rules, ["## Steps\n\n1. Install\n", "2. Run `npm test`\n\n```sh\nnpm test\n```\n"])).toEqual({
      streaming: [],
      final: [],
    });
    const leaked = streamThrough(createRecommendedGuardrails(), ["Sure.<|im_end|>"]);
    expect(leaked.final.map((v) => v.rule)).toEqual(["pattern-instruction-leak"]);
  });
});
