import { describe, expect, it } from "vitest";
import { patternRule } from "../../src/guardrails/pattern-rule.js";
import type { PatternCategory } from "../../src/guardrails/pattern-catalog.js";
import { streamThrough } from "./stream-through.js";
import { expectInvalidOption } from "../helpers/invalid-option.js";

function finalOf(rule = patternRule(), text: string) {
  const { streaming, final } = streamThrough(rule, [text]);
  expect(streaming).toEqual([]);
  return final;
}

const BAD: [PatternCategory, string][] = [
  ["meta-commentary", "The capital is Paris. As an AI language model, I have no opinion on it."],
  ["meta-commentary", "I am an AI, so I cannot taste food."],
  ["meta-commentary", "My knowledge cutoff prevents me from knowing."],
  ["refusal", "I'm sorry, but I cannot help with that request."],
  ["refusal", "I can\u2019t help with that."],
  ["refusal", "I must decline to answer."],
  ["instruction-leak", "<|im_start|>assistant\nHello"],
  ["instruction-leak", "[INST] summarise [/INST] Here it is."],
  ["instruction-leak", "### System: you answer briefly"],
  ["instruction-leak", "Remember: You are a helpful assistant."],
  ["placeholder", "Best regards,\n[Your Name]"],
  ["placeholder", "Dear {{customer_name}}, thanks."],
  ["placeholder", "The result is <PLACEHOLDER>."],
  ["placeholder", "Call us at [insert phone number]."],
];

const FINE = [
  "To clarify, in other words, let me explain: the cache is warm.",
  "Here is the summary: revenue grew 4%.",
  "The input field shows placeholder text until you type.",
  "See [your dashboard](https://example.com) for details.",
  "```\n<|im_start|>system\nYou are a helpful assistant<|im_end|>\n```\nThat is the ChatML format.",
  "Vue templates use `{{ message }}` for interpolation.",
  "The function prints an error. A user quoting a bot might write that it said something else; nothing here refuses.",
  "Replace <YOUR_API_KEY> with the key from the console.",
];

describe("patternRule", () => {
  it.each(BAD)("flags %s in %j", (category, text) => {
    const v = finalOf(patternRule(), text);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ rule: `pattern-${category}`, severity: "error", recoverable: true });
    expect(text.slice(v[0]!.position)).not.toBe("");
  });

  it.each(FINE)("accepts %j", (text) => {
    expect(finalOf(patternRule(), text)).toEqual([]);
  });

  it("only counts a refusal that opens the answer", () => {
    const late = `${"The parser returns an error when the input is malformed. ".repeat(5)}\nThe bot then says "I can't help with that" to the user.`;
    expect(finalOf(patternRule(), late)).toEqual([]);
  });

  it("runs only the configured categories", () => {
    const text = "As an AI language model, [insert name] here.";
    expect(finalOf(patternRule(), text).map((v) => v.rule)).toEqual(["pattern-meta-commentary", "pattern-placeholder"]);
    expect(finalOf(patternRule({ categories: ["placeholder"] }), text).map((v) => v.rule)).toEqual(["pattern-placeholder"]);
    expect(finalOf(patternRule({ categories: [] }), text)).toEqual([]);
  });

  it("applies severity overrides; fatal is not recoverable", () => {
    const v = finalOf(patternRule({ severity: { refusal: "fatal", "meta-commentary": "warning" } }), "I'm sorry, but as an AI I won't.");
    expect(v.map((x) => [x.rule, x.severity, x.recoverable])).toEqual([
      ["pattern-meta-commentary", "warning", true],
      ["pattern-refusal", "fatal", false],
    ]);
  });

  it("reports one violation per category, at the first match", () => {
    const v = finalOf(patternRule(), "Intro line.\n[insert a] and [insert b]");
    expect(v).toHaveLength(1);
    expect(v[0]!.position).toBe("Intro line.\n".length);
  });

  it("rejects bad options with a typed error naming the field", () => {
    const bad: [unknown, string][] = [
      [{ categories: ["nope"] }, "patternRule.categories"],
      [{ categories: "refusal" }, "patternRule.categories"],
      [{ severity: { refusal: "loud" } }, "patternRule.severity.refusal"],
      [{ severity: { other: "error" } }, "patternRule.severity"],
    ];
    for (const [options, field] of bad) {
      expectInvalidOption(() => patternRule(options as never), field);
    }
  });

  it("stays fast on adversarial input (bounded quantifiers)", () => {
    const text = `[insert ${"a".repeat(200_000)}\n{{${" ".repeat(100_000)}\n${"<INSERT_".repeat(20_000)}`;
    expect(finalOf(patternRule(), text)).toEqual([]);
  });
});
