import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonRule } from "../../src/guardrails/json-rule.js";
import { runGuardrails } from "../../src/guardrails/guardrail-engine.js";
import { allViolations, chunks, itAcceptsInEveryChunking, streamThrough } from "./stream-through.js";

const ADVERSARIAL_VALID = [
  '{"a": "}{][", "b": [1, 2, {"c": "]"}]}',
  '{"quote": "a\\"}", "back": "\\\\", "end": "\\\\\\""}',
  '{"u": "\\u00e9\\u20AC\\uD83D\\uDE00", "raw": "é€😀 𝄞 中文"}',
  '[true, false, null, -1.5e+10, 0, 2E-3, "x"]',
  '  \n {"nested": {"deep": [[[[{}]]]], "empty": [], "obj": {}}}  \n',
  '{"escapes": "\\b\\f\\n\\r\\t\\/"}',
];

describe("jsonRule", () => {
  itAcceptsInEveryChunking(jsonRule, ADVERSARIAL_VALID, [1, 2, 3, 5, 7, 64], (text) => expect(JSON.parse(text)).toBeDefined());

  it("handles a delta boundary inside an escape and inside a \\u sequence", () => {
    const pieces = ['{"a": "x\\', '"', "}{\\u", "00", 'e9"', "}"];
    expect(JSON.parse(pieces.join(""))).toEqual({ a: 'x"}{é' });
    const out = streamThrough(jsonRule(), pieces);
    expect(out).toEqual({ streaming: [], final: [] });
  });

  it("reports a mismatched closing bracket while streaming, with its position", () => {
    const text = '{"a": [1, 2}';
    const { streaming, final } = streamThrough(jsonRule(), chunks(text, 3));
    expect(streaming).toHaveLength(1);
    expect(streaming[0]).toMatchObject({ rule: "json-structure", severity: "error", recoverable: true, position: text.indexOf("}") });
    expect(streaming[0]!.message).toContain('"}" closes "["');
    expect(final).toEqual([]);
  });

  it("reports text after the top-level value closes while streaming", () => {
    const text = '{"a": 1}\nHope this helps!';
    const { streaming } = streamThrough(jsonRule(), chunks(text, 4));
    expect(streaming).toHaveLength(1);
    expect(streaming[0]!.position).toBe(text.indexOf("H"));
  });

  it.each([
    ['{"a": yes}', "unexpected token"],
    ['{"a": "bad \\q escape"}', "invalid escape"],
    ['{"a": "\\u12G4"}', "invalid \\u escape"],
    ['{"a": "line\nbreak"}', "raw control character"],
    ['{"a": 1x}', "after a value"],
    ["[1, 2]]", "after the top-level JSON value"],
    ["{'a': 1}", "unexpected character"],
  ])("reports the definite error in %j while streaming", (text, message) => {
    const { streaming } = streamThrough(jsonRule(), chunks(text, 1));
    expect(streaming).toHaveLength(1);
    expect(streaming[0]!.message).toContain(message);
  });

  it.each([
    ['{"a": [1, 2', "unclosed structures"],
    ['{"a": "unterminated', "unterminated string"],
    ['{"a": tru', "incomplete literal"],
  ])("reports %j only at completion", (text, message) => {
    const { streaming, final } = streamThrough(jsonRule(), chunks(text, 2));
    expect(streaming).toEqual([]);
    expect(final).toHaveLength(1);
    expect(final[0]!.message).toContain(message);
  });

  it("leaves output that is not JSON alone", () => {
    expect(allViolations(jsonRule(), "Sure. Use {braces} and ] brackets freely.", 3)).toEqual([]);
    expect(allViolations(jsonRule(), "", 3)).toEqual([]);
  });

  it("reports one violation per attempt and starts over after reset()", () => {
    const rule = jsonRule();
    const bad = streamThrough(rule, ["[}", "]]]", "}}}"]);
    expect(bad.streaming).toHaveLength(1);
    rule.reset!();
    expect(streamThrough(rule, ['{"ok"', ": 1}"])).toEqual({ streaming: [], final: [] });
  });

  it("reads only the delta, never the accumulated content, while streaming", () => {
    const rule = jsonRule();
    const text = '{"a": [1, {"b": "}"}], "c": "d"}';
    let seen = 0;
    for (const delta of chunks(text, 3)) {
      seen += delta.length;
      // A content of the right length but wrong characters: only the delta may be read.
      const r = runGuardrails([rule], { content: "#".repeat(seen), delta, tokenCount: 1, completed: false });
      expect(r.violations).toEqual([]);
    }
    expect(runGuardrails([rule], { content: "#".repeat(seen), delta: "", tokenCount: 1, completed: true }).violations).toEqual([]);
  });

  it("falls back to the unseen part of content when the caller skips deltas", () => {
    const rule = jsonRule();
    const text = '{"a": [1, 2]}';
    expect(
      runGuardrails([rule], { content: text.slice(0, 5), delta: text.slice(0, 5), tokenCount: 1, completed: false }).violations,
    ).toEqual([]);
    expect(runGuardrails([rule], { content: text, delta: "", tokenCount: 2, completed: true }).violations).toEqual([]);
  });

  it("instantiate() gives independent state", () => {
    const shared = jsonRule();
    const a = shared.instantiate!();
    const b = shared.instantiate!();
    runGuardrails([a], { content: "[", delta: "[", tokenCount: 1, completed: false });
    expect(runGuardrails([b], { content: "{}", delta: "{}", tokenCount: 1, completed: true }).violations).toEqual([]);
    expect(runGuardrails([a], { content: "[", delta: "", tokenCount: 1, completed: true }).violations).toHaveLength(1);
  });

  it("accepts any serialised JSON object or array at any chunking (property)", () => {
    const top = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()));
    fc.assert(
      fc.property(top, fc.integer({ min: 1, max: 9 }), fc.boolean(), (value, size, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(allViolations(jsonRule(), text, size)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("flags every strict prefix of a nested value at completion (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1 }), fc.nat(), (value, cut) => {
        const text = JSON.stringify(value);
        const prefix = text.slice(0, 1 + (cut % (text.length - 1)));
        expect(allViolations(jsonRule(), prefix, 3).length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
