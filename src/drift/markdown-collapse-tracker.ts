/**
 * Markdown-collapse detection: after the answer has established markdown block structure
 * (headings, list items, table rows, quotes), block markers start appearing inline, run together
 * on one line ("... done. 4. Next step. 5. Another step."), i.e. the line breaks collapsed.
 * Incremental: each prose chunk is scanned with a short overlap, O(chunk) per feed.
 */
import type { DriftDetection } from "../types/drift.js";

const BLOCK = /^ {0,3}(?:#{1,6}\s|[-*+]\s+\S|\d{1,3}[.)]\s|\||>\s?\S)/;
const INLINE_MARKER = /[.!?:;)]\s{1,3}(?:\d{1,2}[.)]|[-*+•]|#{1,6})\s{1,3}\*{0,2}[A-Z]/g;
/** Weaker: a bullet dash between words ("… migration - Verify …"); needs three on one line. */
const INLINE_BULLET = /[\p{L}\p{N},]\s{1,3}[-*•]\s{1,3}[A-Z]/gu;
const OVERLAP = 24;
const MIN_BLOCKS = 3;

/** Incremental markdown-collapse tracker. */
export class MarkdownCollapseTracker {
  private blocks = 0;
  private inline = 0;
  private bullets = 0;
  private tail = "";
  private found: DriftDetection | undefined;
  private reported = false;

  /** A prose line starts with `head`. */
  lineStart(head: string): void {
    if (BLOCK.test(head)) this.blocks++;
    this.inline = 0;
    this.bullets = 0;
    this.tail = "";
  }

  /** Prose text of the current line. */
  prose(text: string): void {
    if (this.reported || this.blocks < MIN_BLOCKS) {
      this.tail = (this.tail + text).slice(-OVERLAP);
      return;
    }
    const s = this.tail + text;
    INLINE_MARKER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = INLINE_MARKER.exec(s)) !== null) {
      if (m.index + m[0].length > this.tail.length) this.inline++;
    }
    INLINE_BULLET.lastIndex = 0;
    while ((m = INLINE_BULLET.exec(s)) !== null) {
      if (m.index + m[0].length > this.tail.length) this.bullets++;
    }
    this.tail = s.slice(-OVERLAP);
    if (this.inline >= 2 || this.inline + this.bullets >= 3) {
      this.reported = true;
      this.found = {
        type: "markdown_collapse",
        confidence: this.inline >= 3 ? 0.85 : 0.75,
        detail: `${this.inline + this.bullets} block markers run together on one line after ${this.blocks} markdown blocks`,
      };
    }
  }

  /** The current line ended. */
  lineEnd(): void {
    this.inline = 0;
    this.bullets = 0;
    this.tail = "";
  }

  /** Returns (once) a detection found since the last call. */
  take(): DriftDetection | undefined {
    const f = this.found;
    this.found = undefined;
    return f;
  }

  /** Clears all state. */
  reset(): void {
    this.blocks = 0;
    this.inline = 0;
    this.bullets = 0;
    this.tail = "";
    this.found = undefined;
    this.reported = false;
  }
}
