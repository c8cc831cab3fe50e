/**
 * Telling a guardrail severity from any other value (options and rule results are checked with it).
 * @packageDocumentation
 */
import { GUARDRAIL_SEVERITIES, type GuardrailSeverity } from "../types/guardrails.js";

/** True for `warning`, `error` or `fatal`: one of {@link GUARDRAIL_SEVERITIES}. */
export function isGuardrailSeverity(value: unknown): value is GuardrailSeverity {
  return (GUARDRAIL_SEVERITIES as readonly unknown[]).includes(value);
}
