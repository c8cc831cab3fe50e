/**
 * `customPatternRule(patterns, options)`: the caller's own forbidden patterns.
 */
import { invalidOption } from "../errors/l0-error.js";
import type { GuardrailRule, GuardrailSeverity } from "../types/guardrails.js";
import { finalOutputRule } from "./final-output-rule.js";
import { isGuardrailSeverity } from "./guardrail-severity.js";

/** Options of {@link customPatternRule}. */
export interface CustomPatternRuleOptions {
  /** Rule and violation name: a stable, low-cardinality identifier (it becomes a metric label). */
  name: string;
  /** Violation message. @default `Output matches a forbidden pattern` */
  message?: string;
  /** @default "error" */
  severity?: GuardrailSeverity;
  /** @default severity !== "fatal" */
  recoverable?: boolean;
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;

/**
 * Final-only: the first of `patterns` (in order) found in the whole output gives one violation
 * with the configured name, message and severity, and the match `position`. Strings match
 * literally, case-insensitively; regular expressions are used as given (their `g`/`y` flags are
 * dropped so no `lastIndex` state leaks between calls). Your regexes run once per attempt on the
 * final output: keep them free of nested unbounded quantifiers. Stateless; throws
 * `INVALID_OPTIONS` naming the field for bad arguments.
 */
export function customPatternRule(patterns: readonly (string | RegExp)[], options: CustomPatternRuleOptions): GuardrailRule {
  if (!Array.isArray(patterns) || patterns.length === 0)
    throw invalidOption("customPatternRule.patterns", patterns, "a non-empty array of strings or RegExps");
  const compiled = patterns.map((p, i) => compile(p, i));
  if (typeof options !== "object" || options === null)
    throw invalidOption("customPatternRule.options", options, "an options object with a name");
  const { name, message = "Output matches a forbidden pattern", severity = "error" } = options;
  if (typeof name !== "string" || !NAME.test(name))
    throw invalidOption("customPatternRule.name", name, "an identifier of letters, digits, '-', '_' or '.' (at most 64)");
  if (typeof message !== "string") throw invalidOption("customPatternRule.message", message, "a string");
  if (!isGuardrailSeverity(severity)) throw invalidOption("customPatternRule.severity", severity, "warning, error or fatal");
  const recoverable = options.recoverable ?? severity !== "fatal";
  if (typeof recoverable !== "boolean") throw invalidOption("customPatternRule.recoverable", recoverable, "a boolean");
  return finalOutputRule({ name, description: message }, (content) => {
    for (const re of compiled) {
      const m = re.exec(content);
      if (m !== null) {
        const excerpt = m[0].length > 60 ? `${m[0].slice(0, 60)}…` : m[0];
        return [{ rule: name, message, excerpt, severity, recoverable, position: m.index }];
      }
    }
    return [];
  });
}

function compile(pattern: unknown, index: number): RegExp {
  if (pattern instanceof RegExp) return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  if (typeof pattern === "string" && pattern.length > 0) return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  throw invalidOption(`customPatternRule.patterns[${index}]`, pattern, "a non-empty string or a RegExp");
}
