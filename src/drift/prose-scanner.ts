/**
 * Splits streamed text into prose and fenced code, line by line, incrementally.
 * Fences are lines starting (after at most three spaces) with ``` or ~~~.
 */

/** Receives the classified text. */
export interface ProseSink {
  /** Text outside fenced code blocks (newlines included). */
  prose(text: string): void;
  /** Start of a prose line: its first characters (up to {@link HEAD_CHARS}, or the whole line). */
  lineStart(head: string): void;
  /** End of a prose line. */
  lineEnd(): void;
}

/** Characters of a line gathered before it is classified. */
const HEAD_CHARS = 16;

const FENCE = /^ {0,3}(?:```|~~~)/;

/** Incremental prose/code splitter. Cost is proportional to the text fed. */
export class ProseScanner {
  private inCode = false;
  private head = "";
  private headDone = false;
  private lineIsCode = false;

  constructor(private readonly sink: ProseSink) {}

  /** True while inside a fenced code block. */
  get insideCode(): boolean {
    return this.inCode;
  }

  /** Feeds new text. */
  feed(text: string): void {
    let i = 0;
    while (i < text.length) {
      const nl = text.indexOf("\n", i);
      const end = nl === -1 ? text.length : nl;
      const seg = text.slice(i, end);
      if (!this.headDone) {
        this.head += seg;
        if (nl !== -1 || this.head.length >= HEAD_CHARS) this.startLine();
      } else if (seg.length > 0 && !this.lineIsCode) {
        this.sink.prose(seg);
      }
      if (nl === -1) break;
      this.endLine();
      i = nl + 1;
    }
  }

  /** Clears all state. */
  reset(): void {
    this.inCode = false;
    this.head = "";
    this.headDone = false;
    this.lineIsCode = false;
  }

  private startLine(): void {
    this.headDone = true;
    const head = this.head;
    this.head = "";
    if (FENCE.test(head)) {
      this.lineIsCode = true;
      this.inCode = !this.inCode;
      return;
    }
    this.lineIsCode = this.inCode;
    if (this.lineIsCode) return;
    this.sink.lineStart(head);
    if (head.length > 0) this.sink.prose(head);
  }

  private endLine(): void {
    if (!this.headDone) this.startLine();
    if (!this.lineIsCode) {
      this.sink.prose("\n");
      this.sink.lineEnd();
    }
    this.headDone = false;
    this.lineIsCode = false;
  }
}
