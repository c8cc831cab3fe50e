/**
 * Helper for incremental rules: returns the text a rule has not seen yet, preferring
 * `context.delta` (so the accumulated `content` is never re-read while streaming).
 */
import type { GuardrailContext } from "../types/guardrails.js";

/** Tracks how much of the attempt's content a rule has consumed. */
export class IncrementalInput {
  private seen = 0;

  /**
   * The unseen text for `context`, or `undefined` when `content` no longer extends what was seen
   * (a new attempt that was not `reset()`): the caller should reset and start over with `content`.
   */
  next(context: GuardrailContext): string | undefined {
    const length = context.content.length;
    const delta = typeof context.delta === "string" ? context.delta : "";
    let text: string;
    if (length === this.seen) text = "";
    else if (length === this.seen + delta.length) text = delta;
    else if (length > this.seen) text = context.content.slice(this.seen);
    else return undefined;
    this.seen = length;
    return text;
  }

  /** Forgets what was seen. */
  reset(): void {
    this.seen = 0;
  }
}

/** Returns the unseen text, resetting `state` (via `restart`) when the content started over. */
export function unseenText(input: IncrementalInput, context: GuardrailContext, restart: () => void): string {
  const text = input.next(context);
  if (text !== undefined) return text;
  restart();
  input.reset();
  return input.next(context) ?? context.content;
}
