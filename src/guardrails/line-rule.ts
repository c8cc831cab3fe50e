/**
 * The shared engine of the line-based structure rules (Markdown, LaTeX): consumes only the new
 * text of each check, hands every complete line to the rule with its offset and fence state, and
 * returns the violations found since the last check.
 */
import type { GuardrailContext, GuardrailRule, GuardrailViolation } from "../types/guardrails.js";
import { FenceTracker } from "./fence-tracker.js";
import { IncrementalInput, unseenText } from "./incremental-input.js";
import { LineBuffer } from "./line-buffer.js";

const NONE: GuardrailViolation[] = [];
const INLINE_CODE = /`+[^`]*`+/g;

/** `line` with each inline code span overwritten by `fill`, one for each character, so offsets still hold. */
export function maskInlineCode(line: string, fill: string): string {
  return line.includes("`") ? line.replace(INLINE_CODE, (code) => fill.repeat(code.length)) : line;
}

/**
 * Base of an incremental, line-by-line, streaming guardrail rule. Subclasses read lines in
 * {@link LineRule.line} (with `this.fences` to tell code from text), report in
 * {@link LineRule.finish} what only completion decides, and clear their own state in
 * {@link LineRule.clear}. Violations go to {@link LineRule.add}; `check()` drains them.
 */
export abstract class LineRule implements GuardrailRule {
  abstract readonly name: string;
  abstract readonly description: string;
  readonly streaming = true;
  /** Fence state of the lines read so far: a line in fenced or indented code is not text. */
  protected readonly fences = new FenceTracker();
  private readonly input = new IncrementalInput();
  private readonly lines = new LineBuffer();
  private found: GuardrailViolation[] = [];
  private readonly onLine = (line: string, offset: number): void => this.line(line, offset);

  check(context: GuardrailContext): GuardrailViolation[] {
    const text = unseenText(this.input, context, () => this.reset());
    if (text.length > 0) this.lines.feed(text, this.onLine);
    if (context.completed) {
      this.lines.flush(this.onLine);
      this.finish();
    }
    if (this.found.length === 0) return NONE;
    const found = this.found;
    this.found = [];
    return found;
  }

  reset(): void {
    this.input.reset();
    this.lines.reset();
    this.fences.reset();
    this.found = [];
    this.clear();
  }

  abstract instantiate(): GuardrailRule;

  /** Reads one complete line (without its line break) starting at `offset` in the content. */
  protected abstract line(line: string, offset: number): void;

  /** At completion, after the last line: reports what is still open. */
  protected abstract finish(): void;

  /** Forgets the subclass's per-attempt state. */
  protected abstract clear(): void;

  /** Records a violation for the current check to return. */
  protected add(violation: GuardrailViolation): void {
    this.found.push(violation);
  }
}
