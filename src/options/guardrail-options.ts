/**
 * Validation of `guardrails` (rule objects) and `checkIntervals`.
 *
 * A guardrail rule is any object with the `GuardrailRule` fields, and the built-in rules are class
 * instances whose own fields hold their incremental state (`input`, `scanner`, `fences`...). So a
 * rule's extra keys are its own business; only a key that misspells a rule field the object lacks
 * (`rest` for `reset`, `instanciate` for `instantiate`, `streamng` for `streaming`) is an error,
 * because it silently changes behaviour (state kept across attempts or shared by concurrent calls).
 * @packageDocumentation
 */
import { invalidOption } from "../errors/l0-error.js";
import type { GuardrailRule } from "../types/guardrails.js";
import type { CheckIntervals } from "../types/options.js";
import { childPath, isObject, optionalFunction, optionalNumber, optionalString, requiredFunction, requiredString } from "./field-checks.js";
import { assertNoMisspelledKeys, optionBag, optionKeys } from "./known-keys.js";

/** Every field of a `GuardrailRule`. */
export const GUARDRAIL_RULE_KEYS = optionKeys<GuardrailRule>()({
  name: true,
  description: true,
  ruleIds: true,
  streaming: true,
  check: true,
  reset: true,
  instantiate: true,
});

/** Every key of `checkIntervals`. */
export const CHECK_INTERVAL_KEYS = optionKeys<CheckIntervals>()({ guardrails: true });

/**
 * Throws `L0Error` `INVALID_OPTIONS` naming the field (`guardrails[2].check`…) unless `rules` is an
 * array of rules: `name` a non-empty string, `check` a function, `streaming` a boolean, `description`
 * a string, `ruleIds` an array of non-empty strings, `reset` / `instantiate` functions, and no misspelled rule field (see the module notes).
 */
export function validateGuardrails(rules: unknown, field = "guardrails"): asserts rules is GuardrailRule[] {
  if (!Array.isArray(rules)) throw invalidOption(field, rules, "an array of guardrail rules");
  rules.forEach((rule: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(rule)) throw invalidOption(at, rule, "a guardrail rule object");
    assertNoMisspelledKeys(rule, GUARDRAIL_RULE_KEYS, at);
    requiredString(rule, "name", childPath(at, "name"));
    requiredFunction(rule, "check", childPath(at, "check"));
    if (typeof rule["streaming"] !== "boolean") throw invalidOption(childPath(at, "streaming"), rule["streaming"], "a boolean");
    optionalString(rule, "description", childPath(at, "description"));
    const ids = rule["ruleIds"];
    if (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id === ""))) {
      throw invalidOption(childPath(at, "ruleIds"), ids, "an array of non-empty strings");
    }
    optionalFunction(rule, "reset", childPath(at, "reset"));
    optionalFunction(rule, "instantiate", childPath(at, "instantiate"));
  });
}

/** Checks `checkIntervals` (at `path`): known keys only; `guardrails` an integer ≥ 1 (token events). */
export function validateCheckIntervals(value: unknown, path = "checkIntervals"): void {
  const intervals = optionBag(value, CHECK_INTERVAL_KEYS, path);
  if (intervals === undefined) return;
  optionalNumber(intervals, "guardrails", childPath(path, "guardrails"), { min: 1, integer: true });
}
