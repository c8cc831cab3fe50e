/**
 * Visits the prose lines of a finished text: lines outside fenced or indented code, with inline
 * code spans blanked out (same length, so offsets stay true). Linear in the text.
 */
import { FenceTracker } from "./fence-tracker.js";

const INLINE_CODE = /`+[^`\n]*`+/g;
const CURLY_QUOTES = /[\u2018\u2019]/g;

/** Called per prose line with its offset; return `false` to stop. */
export type ProseLineVisitor = (line: string, offset: number) => boolean | void;

/** Walks the prose lines of `text` in order. */
export function forEachProseLine(text: string, visit: ProseLineVisitor): void {
  const fences = new FenceTracker();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    if (fences.line(raw, start) === "text" && raw.trim().length > 0) {
      let line = raw.includes("`") ? raw.replace(INLINE_CODE, (m) => " ".repeat(m.length)) : raw;
      if (line.includes("\u2019") || line.includes("\u2018")) line = line.replace(CURLY_QUOTES, "'");
      if (visit(line, start) === false) return;
    }
    start = end + 1;
  }
}
