/**
 * `markdownRule()`: fenced code blocks and table shape, incrementally, line by line.
 */
import type { GuardrailRule, GuardrailViolation } from "../types/guardrails.js";
import { LineRule, maskInlineCode } from "./line-rule.js";

/** Rule (and violation) name of {@link markdownRule}. */
export const MARKDOWN_RULE_NAME = "markdown-structure";

const DELIMITER_CELL = /^\s*:?-{1,}:?\s*$/;

/**
 * Markdown structure:
 * - an unclosed code fence at completion: severity `error`, recoverable (streaming checks never
 *   report it: the fence may still close). Fences follow CommonMark: at most three spaces of
 *   indent (more inside a list item), closing fence with the same character, at least as long,
 *   no info string; ``` inside indented code or inline code is not a fence.
 * - a table row whose column count differs from the table's header (or a delimiter row that does
 *   not match the header): severity `warning`, reported once the row is complete. Pipes inside
 *   inline code and escaped pipes (`\|`) do not separate cells.
 *
 * Each check consumes only new text. Stateful: implements `reset()` and `instantiate()`.
 */
export function markdownRule(): GuardrailRule {
  return new MarkdownStructureRule();
}

class MarkdownStructureRule extends LineRule {
  readonly name = MARKDOWN_RULE_NAME;
  readonly description = "Code fences must close; table rows must match the header's column count";
  /** Candidate header: column count and offset of the previous text line, when it looked like a row. */
  private previous: { columns: number } | undefined;
  /** Columns of the table being read, if inside one. */
  private table: number | undefined;

  instantiate(): GuardrailRule {
    return new MarkdownStructureRule();
  }

  protected finish(): void {
    const open = this.fences.openFence;
    if (open !== undefined) {
      this.add({ rule: MARKDOWN_RULE_NAME, message: "Unclosed code fence", severity: "error", recoverable: true, position: open.offset });
    }
  }

  protected clear(): void {
    this.previous = undefined;
    this.table = undefined;
  }

  protected line(line: string, offset: number): void {
    const kind = this.fences.line(line, offset);
    if (kind !== "text") {
      this.previous = undefined;
      this.table = undefined;
      return;
    }
    const cells = line.includes("|") ? tableCells(line) : undefined;
    if (cells === undefined) {
      this.previous = undefined;
      this.table = undefined;
      return;
    }
    if (this.table !== undefined) {
      if (cells.length !== this.table) {
        this.add(tableViolation(`Table row has ${cells.length} columns, the header has ${this.table}`, offset));
      }
      return;
    }
    if (this.previous !== undefined && cells.every((c) => DELIMITER_CELL.test(c))) {
      if (cells.length !== this.previous.columns) {
        this.add(tableViolation(`Table delimiter row has ${cells.length} columns, the header has ${this.previous.columns}`, offset));
      }
      this.table = this.previous.columns;
      this.previous = undefined;
      return;
    }
    this.previous = { columns: cells.length };
  }
}

function tableViolation(message: string, position: number): GuardrailViolation {
  return { rule: MARKDOWN_RULE_NAME, message, severity: "warning", recoverable: true, position };
}

/** Cells of a table row, or undefined when the line is not a row (no unescaped pipe). */
export function tableCells(line: string): string[] | undefined {
  const s = maskInlineCode(line, "x").replace(/\\\|/g, "xx").trim();
  if (!s.includes("|")) return undefined;
  let inner = s;
  if (inner.startsWith("|")) inner = inner.slice(1);
  if (inner.endsWith("|")) inner = inner.slice(0, -1);
  return inner.split("|");
}
