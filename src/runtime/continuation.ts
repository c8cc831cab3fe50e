/**
 * Overlap removal for `continueFromLastKnownGoodToken`: a continuing attempt often repeats the end
 * of the checkpoint before writing new text; the repeated part is dropped so the consumer never sees
 * duplicated text.
 * @packageDocumentation
 */

/** Shortest overlap that is removed (shorter matches are too likely to be chance). */
const MIN_OVERLAP = 2;
/** Longest overlap searched for, in characters. */
export const MAX_OVERLAP = 500;

/**
 * Length of the longest suffix of `checkpoint` that is also a prefix of `text`, between
 * {@link MIN_OVERLAP} and {@link MAX_OVERLAP} characters; 0 when there is none.
 */
export function findOverlap(checkpoint: string, text: string): number {
  const longest = Math.min(MAX_OVERLAP, checkpoint.length, text.length);
  for (let length = longest; length >= MIN_OVERLAP; length--) {
    if (checkpoint.endsWith(text.slice(0, length))) return length;
  }
  return 0;
}

/** `text` without the part that repeats the end of `checkpoint`. */
export function removeOverlap(checkpoint: string, text: string): string {
  return text.slice(findOverlap(checkpoint, text));
}

/**
 * Streaming overlap removal. Holds back the start of the continuation only while it could still
 * be a repetition of the checkpoint's tail, then passes everything through unchanged.
 */
export class OverlapFilter {
  private buffer = "";
  private decided = false;
  private readonly tail: string;

  constructor(private readonly checkpoint: string) {
    this.tail = checkpoint.slice(-MAX_OVERLAP);
  }

  /** True while text is held back. */
  get pending(): boolean {
    return !this.decided && this.buffer.length > 0;
  }

  /** Feeds a delta; returns the text that may be delivered now (possibly empty). */
  push(delta: string): string {
    if (this.decided) return delta;
    this.buffer += delta;
    const at = this.tail.indexOf(this.buffer);
    // Still ambiguous: the buffer occurs in the tail with more tail after it, so a longer
    // continuation could still turn out to repeat the tail.
    if (at !== -1 && at + this.buffer.length < this.tail.length) return "";
    return this.flush();
  }

  /** Decides with what was received so far; returns the text to deliver. */
  flush(): string {
    if (this.decided) return "";
    this.decided = true;
    const text = removeOverlap(this.checkpoint, this.buffer);
    this.buffer = "";
    return text;
  }
}
