/**
 * Runs guardrail rules safely: a rule that throws (or returns something that is not an array of
 * violations) becomes a reported violation, never a crash.
 */
import type { GuardrailContext, GuardrailRule, GuardrailSeverity, GuardrailViolation } from "../types/guardrails.js";
import { isGuardrailSeverity } from "./guardrail-severity.js";

/** Outcome of one guardrail check. */
export interface GuardrailCheckResult {
  violations: GuardrailViolation[];
  /** Some violation is fatal (or an error marked not recoverable): halt without retry. */
  halt: boolean;
  /** Some violation has severity error and is recoverable: retry through the retry policy. */
  retry: boolean;
}

const EMPTY: GuardrailCheckResult = Object.freeze({
  violations: Object.freeze([]),
  halt: false,
  retry: false,
}) as unknown as GuardrailCheckResult;

/**
 * Runs `rules` on `context`. While streaming (`completed: false`) only rules with
 * `streaming: true` run; the final check runs every rule. Violations are normalised: `rule`
 * defaults to the rule's name, an unknown severity becomes `error`, a missing `recoverable`
 * becomes `severity !== "fatal"`, and `timestamp` is set. A rule that throws yields a `warning`
 * naming the rule. Allocates nothing when every rule passes.
 */
export function runGuardrails(rules: readonly GuardrailRule[], context: GuardrailContext): GuardrailCheckResult {
  let violations: GuardrailViolation[] | undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!context.completed && !rule.streaming) continue;
    let found: unknown;
    try {
      found = rule.check(context);
    } catch (error) {
      found = [
        {
          ...thrown(rule, `threw ${error instanceof Error ? error.name : typeof error}`),
          excerpt: error instanceof Error ? error.message : String(error),
        },
      ];
    }
    if (!Array.isArray(found)) found = [thrown(rule, "returned a value that is not an array of violations")];
    const list = found as unknown[];
    if (list.length === 0) continue;
    violations ??= [];
    const now = Date.now();
    for (const v of list) violations.push(normalise(rule, v, now));
  }
  if (violations === undefined) return EMPTY;
  let halt = false;
  let retry = false;
  for (const v of violations) {
    if (v.severity === "fatal" || (v.severity === "error" && !v.recoverable)) halt = true;
    else if (v.severity === "error") retry = true;
  }
  return { violations, halt, retry };
}

/** Calls `reset()` on every rule that keeps per-attempt state (a throwing `reset` is ignored). */
export function resetGuardrails(rules: readonly GuardrailRule[]): void {
  for (const rule of rules) {
    try {
      rule.reset?.();
    } catch {
      // A broken reset must not break the call; the rule's next check reports its own errors.
    }
  }
}

/**
 * Private copies for one call: `instantiate()` for stateful rules, the rule itself otherwise.
 * `l0()` calls it once per call so shared presets are safe under concurrency.
 */
export function instantiateGuardrails(rules: readonly GuardrailRule[]): GuardrailRule[] {
  return rules.map((rule) => (typeof rule.instantiate === "function" ? rule.instantiate() : rule));
}

export { validateGuardrails } from "../options/guardrail-options.js";

function thrown(rule: GuardrailRule, what: string): GuardrailViolation {
  return { rule: rule.name, message: `Guardrail rule "${rule.name}" ${what}`, severity: "warning", recoverable: true };
}

function normalise(rule: GuardrailRule, raw: unknown, now: number): GuardrailViolation {
  if (typeof raw !== "object" || raw === null) return { ...thrown(rule, "returned a violation that is not an object"), timestamp: now };
  const v = raw as Partial<GuardrailViolation>;
  const severity: GuardrailSeverity = isGuardrailSeverity(v.severity) ? v.severity : "error";
  const out: GuardrailViolation = {
    rule: typeof v.rule === "string" && v.rule.length > 0 ? v.rule : rule.name,
    message: typeof v.message === "string" ? v.message : `Guardrail rule "${rule.name}" reported a violation`,
    severity,
    recoverable: typeof v.recoverable === "boolean" ? v.recoverable : severity !== "fatal",
    timestamp: typeof v.timestamp === "number" ? v.timestamp : now,
  };
  if (typeof v.position === "number") out.position = v.position;
  if (typeof v.excerpt === "string") out.excerpt = v.excerpt;
  return out;
}
