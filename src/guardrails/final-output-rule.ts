/**
 * The shape of the stateless final-only rules (strict JSON, zero output, patterns): nothing while
 * the output streams, one look at it once it is complete.
 * @packageDocumentation
 */
import type { GuardrailContext, GuardrailRule, GuardrailViolation } from "../types/guardrails.js";

/** What names a final-only rule: its name, description and, when it reports several, its violation names. */
export type FinalOutputRuleNames = Pick<GuardrailRule, "name" | "description" | "ruleIds">;

/**
 * A frozen, stateless, non-streaming rule: its check returns no violation until the output is
 * complete, then what `checkOutput` finds in the whole output.
 */
export function finalOutputRule(names: FinalOutputRuleNames, checkOutput: (content: string) => GuardrailViolation[]): GuardrailRule {
  return Object.freeze({
    ...names,
    streaming: false,
    check: (context: GuardrailContext): GuardrailViolation[] => (context.completed ? checkOutput(context.content) : []),
  });
}
