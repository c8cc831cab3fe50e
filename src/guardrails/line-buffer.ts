/**
 * Splits streamed text into complete lines, carrying the unfinished line across pieces.
 * Only the new piece is searched for line breaks, so the cost is proportional to the new text.
 */

/** Called with each complete line (without its line break) and the offset where it starts. */
export type LineHandler = (line: string, offset: number) => void;

/** Incremental line splitter. */
export class LineBuffer {
  private partial = "";
  private partialStart = 0;
  private offset = 0;

  /** Feeds text; calls `onLine` for every line completed by it. */
  feed(text: string, onLine: LineHandler): void {
    let from = 0;
    for (;;) {
      const nl = text.indexOf("\n", from);
      if (nl === -1) break;
      let line = this.partial + text.slice(from, nl);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      onLine(line, this.partialStart);
      this.partial = "";
      this.partialStart = this.offset + nl + 1;
      from = nl + 1;
    }
    if (from < text.length) this.partial += from === 0 ? text : text.slice(from);
    this.offset += text.length;
  }

  /** Ends the input: calls `onLine` for the unfinished last line, if any. */
  flush(onLine: LineHandler): void {
    if (this.partial.length > 0) onLine(this.partial, this.partialStart);
    this.partial = "";
    this.partialStart = this.offset;
  }

  /** Forgets everything. */
  reset(): void {
    this.partial = "";
    this.partialStart = 0;
    this.offset = 0;
  }
}
