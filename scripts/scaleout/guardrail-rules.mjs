// The scale-out calls' guardrail rules: final-only (they judge the whole answer once its stream has
// ended), one per severity, each tripped by exactly one answer of the fault script.

function finalRule(name, severity, recoverable, test) {
  return {
    name,
    streaming: false,
    check({ content, completed }) {
      if (!completed || !test(content)) return [];
      return [{ rule: name, severity, recoverable, message: `${name}: rule matched` }];
    },
  };
}

/** Rules every scale-out call runs with (warm-up calls too, so their series start at 0). */
export const GUARDRAIL_RULES = Object.freeze([
  finalRule("scaleout-forbidden-word", "error", true, (text) => text.includes("FORBIDDEN")),
  finalRule("scaleout-long-answer", "warning", true, (text) => text.length > 160),
  finalRule("scaleout-halt", "fatal", false, (text) => text.startsWith("HALT:")),
]);

/** Severity of each rule, by name. */
export const RULE_SEVERITY = Object.freeze({
  "scaleout-forbidden-word": "error",
  "scaleout-long-answer": "warning",
  "scaleout-halt": "fatal",
});
