/**
 * Test helper: feeds text to guardrail rules the way `l0()` does (many small deltas, then a final
 * check) and collects the violations of each phase.
 */
import { runGuardrails } from "../../src/guardrails/guardrail-engine.js";
import { expect, it } from "vitest";
import type { GuardrailRule, GuardrailViolation } from "../../src/types/guardrails.js";

/** Violations seen while streaming and at the final check. */
export interface StreamOutcome {
  streaming: GuardrailViolation[];
  final: GuardrailViolation[];
}

/** Splits `text` into pieces of `size` code units (a split may fall inside a surrogate pair). */
export function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Runs `rules` over `pieces` as a stream, then a final check. */
export function streamThrough(rules: GuardrailRule | GuardrailRule[], pieces: string[]): StreamOutcome {
  const list = Array.isArray(rules) ? rules : [rules];
  let content = "";
  const streaming: GuardrailViolation[] = [];
  pieces.forEach((delta, i) => {
    content += delta;
    streaming.push(...runGuardrails(list, { content, delta, tokenCount: i + 1, completed: false }).violations);
  });
  const final = runGuardrails(list, { content, delta: "", tokenCount: pieces.length, completed: true }).violations;
  return { streaming, final };
}

/** All violations of a stream of `text` in chunks of `size`. */
export function allViolations(rule: GuardrailRule, text: string, size: number): GuardrailViolation[] {
  const { streaming, final } = streamThrough(rule.instantiate?.() ?? rule, chunks(text, size));
  return [...streaming, ...final];
}

/**
 * One test per text: `rule()` reports nothing on it, streamed in chunks of each of `sizes` code
 * units (`check` adds what else the text must be, e.g. valid JSON).
 */
export function itAcceptsInEveryChunking(
  rule: () => GuardrailRule,
  texts: readonly string[],
  sizes: readonly number[],
  check?: (text: string) => void,
): void {
  it.each(texts)(`accepts %j in chunks of ${sizes.join(", ")}`, (text) => {
    check?.(text);
    for (const size of sizes) expect(allViolations(rule(), text, size)).toEqual([]);
  });
}
