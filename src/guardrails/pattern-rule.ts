/**
 * `patternRule(options?)`: known-bad patterns in the final output.
 */
import { invalidOption } from "../errors/l0-error.js";
import type { GuardrailRule, GuardrailSeverity, GuardrailViolation } from "../types/guardrails.js";
import { finalOutputRule } from "./final-output-rule.js";
import { isGuardrailSeverity } from "./guardrail-severity.js";
import { PATTERN_CATEGORIES, PATTERN_DEFINITIONS, type PatternCategory, type PatternDefinition } from "./pattern-catalog.js";
import { forEachProseLine } from "./prose-lines.js";

/** Options of {@link patternRule}. */
export interface PatternRuleOptions {
  /** Categories to check. @default every category */
  categories?: PatternCategory[];
  /**
   * Severity per category (default `error`). `fatal` halts the call without retry; `warning` only
   * records. Violations are recoverable unless the severity is `fatal`.
   */
  severity?: Partial<Record<PatternCategory, GuardrailSeverity>>;
}

const EXCERPT = 60;

/**
 * Final-only check of the output's prose (fenced, indented and inline code are skipped, so code
 * samples that show templates or chat tokens are fine). Categories and violation names:
 * - `meta-commentary` → `pattern-meta-commentary`: "As an AI language model", "I am an AI",
 *   "as a language model", "my knowledge cutoff";
 * - `refusal` → `pattern-refusal`: "I'm sorry, but I…", "I can't help with that", "I must
 *   decline", only when it starts within the first 200 characters (a refusal opens the answer;
 *   quoting one later is not refusing);
 * - `instruction-leak` → `pattern-instruction-leak`: chat-template tokens (`<|im_start|>`,
 *   `[INST]`, `<<SYS>>`, `<|eot_id|>`…), role headers (`### System:`), "You are a helpful
 *   assistant" echoes;
 * - `placeholder` → `pattern-placeholder`: `[insert …]`, `[Your Name]`, `{{name}}`,
 *   `<PLACEHOLDER>`, `<INSERT_…>`. Turn it off when you ask for templates.
 * Every category defaults to severity `error`, recoverable (a retry or a fallback model usually
 * avoids it); set `severity: { refusal: "fatal" }` to stop at a refusal instead. One violation per
 * category at most, with `position`. Stateless; throws `INVALID_OPTIONS` for bad options.
 */
export function patternRule(options: PatternRuleOptions = {}): GuardrailRule {
  const active = resolve(options);
  return finalOutputRule(
    {
      name: "pattern",
      description: `Known-bad patterns: ${active.map((a) => a.category).join(", ")}`,
      ruleIds: Object.freeze(active.map((a) => a.definition.rule)),
    },
    (content) => findPatterns(content, active),
  );
}

interface ActiveCategory {
  category: PatternCategory;
  definition: PatternDefinition;
  severity: GuardrailSeverity;
}

function resolve(options: PatternRuleOptions): ActiveCategory[] {
  if (typeof options !== "object" || options === null) throw invalidOption("patternRule.options", options, "an options object");
  const categories = options.categories ?? PATTERN_CATEGORIES;
  if (!Array.isArray(categories)) throw invalidOption("patternRule.categories", categories, `an array of ${PATTERN_CATEGORIES.join(", ")}`);
  for (const c of categories as readonly unknown[]) {
    if (!(PATTERN_CATEGORIES as readonly unknown[]).includes(c))
      throw invalidOption("patternRule.categories", c, `one of ${PATTERN_CATEGORIES.join(", ")}`);
  }
  const severity = options.severity ?? {};
  if (typeof severity !== "object" || severity === null)
    throw invalidOption("patternRule.severity", severity, "an object of category → severity");
  for (const [key, value] of Object.entries(severity)) {
    if (!PATTERN_CATEGORIES.includes(key as PatternCategory))
      throw invalidOption("patternRule.severity", key, `a key among ${PATTERN_CATEGORIES.join(", ")}`);
    if (!isGuardrailSeverity(value)) throw invalidOption(`patternRule.severity.${key}`, value, "warning, error or fatal");
  }
  return PATTERN_CATEGORIES.filter((c) => categories.includes(c)).map((category) => ({
    category,
    definition: PATTERN_DEFINITIONS[category],
    severity: severity[category] ?? PATTERN_DEFINITIONS[category].severity,
  }));
}

function findPatterns(content: string, active: readonly ActiveCategory[]): GuardrailViolation[] {
  const violations: GuardrailViolation[] = [];
  let pending = active.filter(() => true);
  forEachProseLine(content, (line, offset) => {
    for (let i = 0; i < pending.length; i++) {
      const a = pending[i]!;
      const { within } = a.definition;
      if (within !== undefined && offset >= within) continue;
      const m = a.definition.regex.exec(line);
      if (m === null || (within !== undefined && offset + m.index >= within)) continue;
      const excerpt = m[0].length > EXCERPT ? `${m[0].slice(0, EXCERPT)}…` : m[0];
      violations.push({
        rule: a.definition.rule,
        message: a.definition.message,
        excerpt,
        severity: a.severity,
        recoverable: a.severity !== "fatal",
        position: offset + m.index,
      });
      pending = pending.filter((p) => p !== a);
      i--;
    }
    return pending.length > 0;
  });
  return violations;
}
