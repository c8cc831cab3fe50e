/**
 * Looping-repetition detection over prose words, incremental and bounded:
 * - cycles: the last words form a block of 1..{@link MAX_PERIOD} words repeated back to back
 *   (checked with one run counter per period, O(MAX_PERIOD) per word);
 * - sentence cycles: a block of 1..{@link MAX_SENTENCE_PERIOD} sentences (of at least
 *   {@link MIN_SENTENCE_WORDS} words) repeated three times back to back (catches loops longer than
 *   a word cycle, while a poem's refrain that returns after new lines is not a loop).
 * Pure numbers are ignored (tables and arrays of zeros are not loops); code is never fed here.
 */
import type { DriftDetection } from "../types/drift.js";

const MAX_PERIOD = 40;
const MIN_RUN = 12;
const MIN_SENTENCE_WORDS = 6;
const MAX_SENTENCE_PERIOD = 8;
const MAX_WORD = 64;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const NUMERIC = /^[\p{N}.,]+$/u;

/** Incremental repetition tracker. */
export class RepetitionTracker {
  private readonly ring: string[] = new Array<string>(MAX_PERIOD + 1).fill("");
  private readonly runs = new Int32Array(MAX_PERIOD + 1);
  private count = 0;
  private word = "";
  private sentence: string[] = [];
  private readonly sentences: string[] = new Array<string>(MAX_SENTENCE_PERIOD + 1).fill("");
  private readonly sentenceRuns = new Int32Array(MAX_SENTENCE_PERIOD + 1);
  private sentenceCount = 0;
  private found: DriftDetection | undefined;

  /** Feeds prose text; returns a detection the first time a loop is seen. */
  feed(text: string): DriftDetection | undefined {
    let start = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isWordChar(c, text, i)) {
        if (start < 0) start = i;
        continue;
      }
      if (start >= 0) {
        this.word += text.slice(start, i);
        start = -1;
      }
      this.flushWord();
      if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a) this.flushSentence();
    }
    if (start >= 0) this.word += text.slice(start);
    const found = this.found;
    this.found = undefined;
    return found;
  }

  /** Clears all state. */
  reset(): void {
    this.ring.fill("");
    this.runs.fill(0);
    this.count = 0;
    this.word = "";
    this.sentence = [];
    this.sentences.fill("");
    this.sentenceRuns.fill(0);
    this.sentenceCount = 0;
    this.found = undefined;
  }

  private flushWord(): void {
    if (this.word.length === 0) return;
    const w = (this.word.length > MAX_WORD ? this.word.slice(0, MAX_WORD) : this.word).toLowerCase();
    this.word = "";
    if (NUMERIC.test(w)) return;
    this.sentence.push(w);
    const i = this.count;
    for (let p = 1; p <= MAX_PERIOD; p++) {
      if (i >= p && this.ring[(i - p) % (MAX_PERIOD + 1)] === w) {
        const run = ++this.runs[p]!;
        if (run >= 2 * p && run >= MIN_RUN && this.found === undefined) {
          const reps = Math.floor(run / p) + 1;
          this.found = {
            type: "repetition",
            confidence: Math.min(0.95, 0.75 + 0.05 * reps),
            detail: `a ${p}-word sequence repeats ${reps} times in a row`,
          };
        }
      } else this.runs[p] = 0;
    }
    this.ring[i % (MAX_PERIOD + 1)] = w;
    this.count = i + 1;
  }

  private flushSentence(): void {
    const words = this.sentence;
    this.sentence = [];
    if (words.length < MIN_SENTENCE_WORDS) return;
    const key = words.join(" ");
    const i = this.sentenceCount;
    const size = MAX_SENTENCE_PERIOD + 1;
    for (let p = 1; p <= MAX_SENTENCE_PERIOD; p++) {
      if (i >= p && this.sentences[(i - p) % size] === key) {
        const run = ++this.sentenceRuns[p]!;
        if (run >= 2 * p && this.found === undefined) {
          const reps = Math.floor(run / p) + 1;
          this.found = {
            type: "repetition",
            confidence: Math.min(0.95, 0.75 + 0.05 * reps),
            detail: `a block of ${p} sentence${p === 1 ? "" : "s"} repeats ${reps} times in a row`,
          };
        }
      } else this.sentenceRuns[p] = 0;
    }
    this.sentences[i % size] = key;
    this.sentenceCount = i + 1;
  }
}

/** Letters, digits, `'` and `_` (ASCII fast path; other code units by Unicode class). */
function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c === 0x5f;
  }
  return WORD_CHAR.test(text[i]!);
}
