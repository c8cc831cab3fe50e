/**
 * The known-bad patterns behind `patternRule()`, one precompiled regex per category. Every regex
 * is an alternation of literals with bounded character classes: matching is linear in the input
 * (no nested or overlapping unbounded quantifiers). Input is one line of prose, apostrophes
 * normalised to `'`.
 */
import type { GuardrailSeverity } from "../types/guardrails.js";

/** Categories of {@link patternRule}. */
export type PatternCategory = "meta-commentary" | "refusal" | "instruction-leak" | "placeholder";

/** Every category, in a stable order. */
export const PATTERN_CATEGORIES: readonly PatternCategory[] = Object.freeze([
  "meta-commentary",
  "refusal",
  "instruction-leak",
  "placeholder",
]);

/** One category's definition. */
export interface PatternDefinition {
  /** Violation rule name (a stable metric label). */
  readonly rule: string;
  readonly regex: RegExp;
  readonly message: string;
  readonly severity: GuardrailSeverity;
  /** Only matches starting within this many characters of the output count (refusals open an answer). */
  readonly within?: number;
}

/** Definitions by category. Defaults: every category is `error`, recoverable (a retry or a fallback model can do better). */
export const PATTERN_DEFINITIONS: Readonly<Record<PatternCategory, PatternDefinition>> = Object.freeze({
  "meta-commentary": {
    rule: "pattern-meta-commentary",
    regex:
      /\b(?:as an ai(?: language model| assistant| model)?\b|as a (?:large )?language model\b|i(?:'m| am) (?:just |only )?(?:an ai\b|an artificial intelligence\b|a (?:large )?language model\b)|my (?:knowledge|training) cutoff\b)/i,
    message: "Output contains meta commentary about being an AI",
    severity: "error",
  },
  refusal: {
    rule: "pattern-refusal",
    regex:
      /\b(?:i(?:'m| am) sorry,? but (?:i|as an ai)\b|i (?:can't|cannot|can not|won't|will not|am unable to|'m unable to) (?:help|assist|comply|fulfil|fulfill|provide (?:that|this|help|assistance)|do that|support that)\b|i(?:'m| am) not able to (?:help|assist|comply)\b|i must (?:decline|refuse)\b)/i,
    message: "Output is a refusal",
    severity: "error",
    within: 200,
  },
  "instruction-leak": {
    rule: "pattern-instruction-leak",
    regex:
      /<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_text)\|>|\[\/?INST\]|<<\/?SYS>>|^\s{0,3}#{2,4} ?(?:System|Instruction|Instructions|Human|User|Assistant)\s{0,3}:|\byou are (?:a helpful|an? (?:ai|helpful) assistant)\b|\b(?:my|the) system prompt (?:says|is)\b/i,
    message: "Output leaks prompt instructions or chat-template tokens",
    severity: "error",
  },
  placeholder: {
    rule: "pattern-placeholder",
    regex:
      /\[(?:[Ii]nsert|INSERT|[Yy]our|YOUR|[Ee]nter|[Aa]dd|[Pp]laceholder|PLACEHOLDER)\b[^\]\n]{0,80}\](?!\()|\{\{\s{0,3}[\w.-]{1,60}\s{0,3}\}\}|<(?:PLACEHOLDER|INSERT(?:[ _][A-Z_]{1,40})?)>|\bPLACEHOLDER\b/,
    message: "Output contains an unfilled placeholder",
    severity: "error",
  },
});
