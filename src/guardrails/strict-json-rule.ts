/**
 * `strictJsonRule()`: the final output must parse as a JSON object or array.
 */
import type { GuardrailRule, GuardrailViolation } from "../types/guardrails.js";
import { finalOutputRule } from "./final-output-rule.js";

/** Rule (and violation) name of {@link strictJsonRule}. */
export const STRICT_JSON_RULE_NAME = "json-strict";

/**
 * Final-only: `JSON.parse` of the whole (trimmed) output must succeed and give an object or an
 * array. Violation: severity `error`, `recoverable: true`. Use it when the caller asked for JSON;
 * unlike {@link jsonRule} it also fails output that is not JSON at all. Stateless.
 */
export function strictJsonRule(): GuardrailRule {
  return STRICT_JSON_RULE;
}

function violation(message: string): GuardrailViolation {
  return { rule: STRICT_JSON_RULE_NAME, message, severity: "error", recoverable: true };
}

function checkJson(content: string): GuardrailViolation[] {
  const text = content.trim();
  if (text.length === 0) return [violation("Output is empty, expected a JSON object or array")];
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null)
      return [violation(`Output is JSON ${value === null ? "null" : typeof value}, expected an object or array`)];
    return [];
  } catch (error) {
    // The parser's message quotes the output: it is the excerpt; the message names only the position.
    const detail = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(detail);
    const found = violation(at === null ? "Output is not valid JSON" : `Output is not valid JSON at position ${at[1]}`);
    found.excerpt = detail;
    if (at !== null) found.position = Number(at[1]) + content.indexOf(text);
    return [found];
  }
}

const STRICT_JSON_RULE = /* @__PURE__ */ finalOutputRule(
  { name: STRICT_JSON_RULE_NAME, description: "The whole output must parse as a JSON object or array" },
  checkJson,
);
