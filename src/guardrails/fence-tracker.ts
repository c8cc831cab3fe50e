/**
 * Fenced code blocks, line by line (CommonMark rules, simplified): a fence is three or more
 * backticks or tildes at the start of a line indented at most three spaces, or more inside a list
 * item. A closing fence uses the same character, is at least as long as the opening one and has no
 * info string. Backtick fences cannot carry backticks in their info string. A line indented four
 * or more spaces outside a list is indented code: a fence-looking line there is not a fence.
 */

const FENCE = /^( *)(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^ *(?:[-*+]|\d{1,9}[.)])(?: |$)/;

/** What a line is. */
export type FenceLineKind = "text" | "open" | "close" | "code";

/** Incremental fence state. */
export class FenceTracker {
  private open: { char: string; length: number; offset: number } | undefined;
  private inList = false;

  /** Whether a fence is open (and where it started). */
  get openFence(): { offset: number } | undefined {
    return this.open;
  }

  /** Classifies `line` (without its line break), updating the state. */
  line(line: string, offset: number): FenceLineKind {
    const m = FENCE.exec(line.length > 512 ? line.slice(0, 512) : line);
    if (this.open !== undefined) {
      if (m !== undefined && m !== null && m[2]![0] === this.open.char && m[2]!.length >= this.open.length && m[3]!.trim() === "") {
        this.open = undefined;
        return "close";
      }
      return "code";
    }
    if (m !== null) {
      const indent = m[1]!.length;
      const char = m[2]![0]!;
      const infoOk = char === "~" || !m[3]!.includes("`");
      if (infoOk && (indent <= 3 || this.inList)) {
        this.open = { char, length: m[2]!.length, offset };
        return "open";
      }
    }
    if (!this.inList && /^(?: {4}|\t)/.test(line)) return "code";
    if (LIST_ITEM.test(line)) this.inList = true;
    else if (line.trim() !== "" && !line.startsWith(" ") && !line.startsWith("\t")) this.inList = false;
    return "text";
  }

  /** Forgets everything. */
  reset(): void {
    this.open = undefined;
    this.inList = false;
  }
}
