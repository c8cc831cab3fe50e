/**
 * `jsonRule()`: incremental JSON structure check for output that is JSON (its first non-blank
 * character is `{` or `[`; other output is left alone).
 */
import type { GuardrailContext, GuardrailRule, GuardrailViolation } from "../types/guardrails.js";
import { IncrementalInput, unseenText } from "./incremental-input.js";
import { JsonScanner } from "./json-scanner.js";

/** Rule (and violation) name of {@link jsonRule}. */
export const JSON_RULE_NAME = "json-structure";

const NONE: GuardrailViolation[] = [];

/**
 * JSON structure, checked incrementally: each check consumes only the new text (`context.delta`),
 * so the cost is proportional to the new text, not to the whole buffer.
 *
 * While streaming it reports only definite errors: a closing bracket that does not match, an
 * invalid escape, a raw control character inside a string, a bare word that is not a JSON literal,
 * text after the top-level value closed. At completion it adds unclosed strings and structures.
 * Violations: severity `error`, `recoverable: true`, with `position`. Each attempt reports at most
 * one violation (the first error; later text is not meaningful).
 *
 * Stateful: implements `reset()` (per attempt) and `instantiate()` (per call).
 */
export function jsonRule(): GuardrailRule {
  return new JsonStructureRule();
}

class JsonStructureRule implements GuardrailRule {
  readonly name = JSON_RULE_NAME;
  readonly description = "JSON output must be structurally valid (brackets, strings, escapes, literals)";
  readonly streaming = true;
  private readonly input = new IncrementalInput();
  private scanner = new JsonScanner();
  /** undefined: no non-blank character yet. */
  private active: boolean | undefined;
  private done = false;

  check(context: GuardrailContext): GuardrailViolation[] {
    const text = unseenText(this.input, context, () => this.reset());
    if (this.done || this.active === false) return NONE;
    if (this.active === undefined) {
      const start = firstNonBlank(text);
      if (start !== -1) {
        this.active = text.charCodeAt(start) === 0x7b || text.charCodeAt(start) === 0x5b;
        if (!this.active) return NONE;
      }
    }
    const error = this.scanner.feed(text) ?? (context.completed && this.active ? this.scanner.finish() : undefined);
    if (error === undefined) return NONE;
    this.done = true;
    return [
      {
        rule: JSON_RULE_NAME,
        message: `Invalid JSON: ${error.message}`,
        ...(error.excerpt !== undefined && { excerpt: error.excerpt }),
        severity: "error",
        recoverable: true,
        position: error.position,
      },
    ];
  }

  reset(): void {
    this.input.reset();
    this.scanner = new JsonScanner();
    this.active = undefined;
    this.done = false;
  }

  instantiate(): GuardrailRule {
    return new JsonStructureRule();
  }
}

function firstNonBlank(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}
