/**
 * Guardrail presets. Each preset is a frozen array of rules shared by every call; `l0()` gives
 * each call private copies of the stateful ones through `instantiate()`. The `create…` factories
 * return fresh arrays for callers that run rules themselves.
 */
import type { GuardrailRule } from "../types/guardrails.js";
import { jsonRule } from "./json-rule.js";
import { latexRule } from "./latex-rule.js";
import { markdownRule } from "./markdown-rule.js";
import { patternRule } from "./pattern-rule.js";
import { strictJsonRule } from "./strict-json-rule.js";
import { zeroOutputRule } from "./zero-output-rule.js";

/** Fresh rules of {@link minimalGuardrails}: `jsonRule()`, `zeroOutputRule()`. */
export function createMinimalGuardrails(): GuardrailRule[] {
  return [jsonRule(), zeroOutputRule()];
}

/** Fresh rules of {@link recommendedGuardrails}: `jsonRule()`, `markdownRule()`, `zeroOutputRule()`, `patternRule()`. */
export function createRecommendedGuardrails(): GuardrailRule[] {
  return [jsonRule(), markdownRule(), zeroOutputRule(), patternRule()];
}

/** Fresh rules of {@link strictGuardrails}: `jsonRule()`, `markdownRule()`, `latexRule()`, `patternRule()`, `zeroOutputRule()`. */
export function createStrictGuardrails(): GuardrailRule[] {
  return [jsonRule(), markdownRule(), latexRule(), patternRule(), zeroOutputRule()];
}

/** Fresh rules of {@link jsonOnlyGuardrails}: `jsonRule()`, `strictJsonRule()`, `zeroOutputRule()`. */
export function createJsonOnlyGuardrails(): GuardrailRule[] {
  return [jsonRule(), strictJsonRule(), zeroOutputRule()];
}

/**
 * Cheapest useful set: JSON structure (for output that starts with `{`/`[`) and empty/noise output.
 */
export const minimalGuardrails: GuardrailRule[] = Object.freeze(/* @__PURE__ */ createMinimalGuardrails()) as GuardrailRule[];

/**
 * The default choice for free-form answers: JSON structure (JSON-looking output only), markdown
 * fences and tables, empty/noise output, and every `patternRule()` category (meta commentary,
 * refusals, instruction leaks, placeholders).
 */
export const recommendedGuardrails: GuardrailRule[] = Object.freeze(/* @__PURE__ */ createRecommendedGuardrails()) as GuardrailRule[];

/** Everything in {@link recommendedGuardrails} plus LaTeX environments and math delimiters. */
export const strictGuardrails: GuardrailRule[] = Object.freeze(/* @__PURE__ */ createStrictGuardrails()) as GuardrailRule[];

/** For calls that must return JSON: structure while streaming, a full parse at the end, no empty output. */
export const jsonOnlyGuardrails: GuardrailRule[] = Object.freeze(/* @__PURE__ */ createJsonOnlyGuardrails()) as GuardrailRule[];
