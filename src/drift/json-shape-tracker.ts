/**
 * Format-collapse detection for output that starts as JSON (`{` or `[` first): prose appearing
 * outside strings inside the structure, or a run of text after the top-level value has closed.
 * A small state machine over strings/escapes/depth; O(1) per character.
 */
import type { DriftDetection } from "../types/drift.js";

const TRAILING_LIMIT = 12;
const BARE_WORDS_LIMIT = 3;

/** Incremental JSON-shape tracker. */
export class JsonShapeTracker {
  private mode: "undecided" | "json" | "off" = "undecided";
  private depth = 0;
  private inString = false;
  private escape = false;
  private closed = false;
  private trailing = 0;
  private bare = "";
  private bareWords = 0;
  private reported = false;

  /** True once the output is known to start as JSON. */
  get isJson(): boolean {
    return this.mode === "json";
  }

  /** Feeds raw text; returns a detection the first time the JSON shape breaks. */
  feed(text: string): DriftDetection | undefined {
    if (this.mode === "off" || this.reported) return undefined;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.mode === "undecided") {
        if (c === 32 || c === 9 || c === 10 || c === 13) continue;
        if (c !== 0x7b && c !== 0x5b) {
          this.mode = "off";
          return undefined;
        }
        this.mode = "json";
      }
      const found = this.step(c);
      if (found !== undefined) {
        this.reported = true;
        return found;
      }
    }
    return undefined;
  }

  /** Clears all state. */
  reset(): void {
    this.mode = "undecided";
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.closed = false;
    this.trailing = 0;
    this.bare = "";
    this.bareWords = 0;
    this.reported = false;
  }

  private step(c: number): DriftDetection | undefined {
    if (this.closed) {
      if (c > 32) this.trailing++;
      if (this.trailing >= TRAILING_LIMIT) {
        return { type: "format_collapse", confidence: 0.75, detail: "text continues after the JSON value closed" };
      }
      return undefined;
    }
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (c === 0x5c) this.escape = true;
      else if (c === 0x22) this.inString = false;
      return undefined;
    }
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (letter) {
      if (this.bare.length < 16) this.bare += String.fromCharCode(c);
      return undefined;
    }
    if (this.bare.length > 0) {
      const word = this.bare;
      this.bare = "";
      if (word === "true" || word === "false" || word === "null" || !(c === 32 || c === 9 || c === 10 || c === 13)) {
        this.bareWords = 0;
      } else if (++this.bareWords >= BARE_WORDS_LIMIT) {
        return { type: "format_collapse", confidence: 0.9, detail: "prose appears outside strings inside the JSON value" };
      }
      if (c === 32 || c === 9 || c === 10 || c === 13) return undefined;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) return undefined;
    this.bareWords = 0;
    if (c === 0x22) this.inString = true;
    else if (c === 0x7b || c === 0x5b) this.depth++;
    else if (c === 0x7d || c === 0x5d) {
      this.depth--;
      if (this.depth <= 0) this.closed = true;
    }
    return undefined;
  }
}
