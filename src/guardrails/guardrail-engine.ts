/**
 * Runs guardrail rules safely: a rule that throws becomes a reported violation, never a crash.
 */
import type { GuardrailContext, GuardrailRule, GuardrailViolation } from "../types/guardrails.js";

/** Outcome of one guardrail check. */
export interface GuardrailCheckResult {
  violations: GuardrailViolation[];
  /** Some violation is fatal: halt without retry. */
  halt: boolean;
  /** Some violation has severity error and is recoverable: retry through the retry policy. */
  retry: boolean;
}

const EMPTY: GuardrailCheckResult = Object.freeze({ violations: [], halt: false, retry: false }) as GuardrailCheckResult;

/** Runs `rules` on `context`. Streaming checks run only rules with `streaming: true`. */
export function runGuardrails(rules: readonly GuardrailRule[], context: GuardrailContext): GuardrailCheckResult {
  let violations: GuardrailViolation[] | undefined;
  for (const rule of rules) {
    if (!context.completed && !rule.streaming) continue;
    let found: GuardrailViolation[];
    try {
      found = rule.check(context);
    } catch (error) {
      found = [
        {
          rule: rule.name,
          message: `Guardrail rule "${rule.name}" threw: ${error instanceof Error ? error.message : String(error)}`,
          severity: "warning",
          recoverable: true,
        },
      ];
    }
    if (found.length > 0) (violations ??= []).push(...found);
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

/** Calls `reset()` on every rule that keeps per-attempt state. */
export function resetGuardrails(rules: readonly GuardrailRule[]): void {
  for (const rule of rules) rule.reset?.();
}
