/**
 * `zeroOutputRule()`: the attempt produced nothing meaningful.
 */
import type { GuardrailRule } from "../types/guardrails.js";
import { finalOutputRule } from "./final-output-rule.js";

/** Rule (and violation) name of {@link zeroOutputRule}. */
export const ZERO_OUTPUT_RULE_NAME = "zero-output";

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const REPEATED_LETTER_MIN = 5;

/**
 * Why `text` counts as no output, or `undefined` when it is a real answer.
 *
 * No output: empty or whitespace only; punctuation/symbols only (no letter or digit), unless the
 * text is valid JSON (`{}`, `[]`, `""` are answers); one letter repeated five or more times
 * (`aaaaa`). Not noise: any short answer with a letter or digit (`42`, `0`, `ok`, `11`).
 */
export function zeroOutputReason(text: string): string | undefined {
  const t = text.trim();
  if (t.length === 0) return text.length === 0 ? "Output is empty" : "Output is whitespace only";
  if (!HAS_WORD_CHAR.test(t)) {
    if (isJson(t)) return undefined;
    return "Output contains only punctuation or symbols";
  }
  if (t.length >= REPEATED_LETTER_MIN && LETTER.test(t[0]!) && sameChar(t)) return "Output is a single repeated character";
  return undefined;
}

function sameChar(t: string): boolean {
  const first = t.charCodeAt(0);
  for (let i = 1; i < t.length; i++) if (t.charCodeAt(i) !== first) return false;
  return true;
}

function isJson(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c !== 0x7b && c !== 0x5b && c !== 0x22) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/**
 * Final-only: reports empty or noise-only output (see {@link zeroOutputReason}) with severity
 * `error`, `recoverable: true` (a retry usually produces an answer). Stateless.
 */
export function zeroOutputRule(): GuardrailRule {
  return ZERO_OUTPUT_RULE;
}

const ZERO_OUTPUT_RULE = /* @__PURE__ */ finalOutputRule(
  { name: ZERO_OUTPUT_RULE_NAME, description: "Output must not be empty or noise only" },
  (content) => {
    const reason = zeroOutputReason(content);
    return reason === undefined ? [] : [{ rule: ZERO_OUTPUT_RULE_NAME, message: reason, severity: "error", recoverable: true }];
  },
);
