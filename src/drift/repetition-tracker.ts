/**
 * Looping-repetition detection over prose words, incremental and bounded:
 * - cycles: the last words form a block of 1..{@link MAX_PERIOD} words repeated back to back
 *   (checked with one run counter per period, O(MAX_PERIOD) per word);
 * - sentences: the same sentence of at least {@link MIN_SENTENCE_WORDS} words seen three times
 *   among the last {@link SENTENCE_MEMORY} sentences (catches loops longer than a cycle).
 * Pure numbers are ignored (tables and arrays of zeros are not loops); code is never fed here.
 */
import type { DriftDetection } from "../types/drift.js";

const MAX_PERIOD = 40;
const MIN_RUN = 12;
const MIN_SENTENCE_WORDS = 6;
const SENTENCE_MEMORY = 32;
const MAX_WORD = 64;
const WORD_CHAR = /[\p{L}\p{N}'_]/u;
const NUMERIC = /^[\p{N}.,]+$/u;

/** Incremental repetition tracker. */
export class RepetitionTracker {
  private readonly ring: string[] = new Array<string>(MAX_PERIOD + 1).fill("");
  private readonly runs = new Int32Array(MAX_PERIOD + 1);
  private count = 0;
  private word = "";
  private sentence: string[] = [];
  private readonly recent: string[] = [];
  private readonly counts = new Map<string, number>();
  private found: DriftDetection | undefined;

  /** Feeds prose text; returns a detection the first time a loop is seen. */
  feed(text: string): DriftDetection | undefined {
    for (const ch of text) {
      if (WORD_CHAR.test(ch)) {
        if (this.word.length < MAX_WORD) this.word += ch.toLowerCase();
        continue;
      }
      this.flushWord();
      if (ch === "." || ch === "!" || ch === "?" || ch === "\n") this.flushSentence();
    }
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
    this.recent.length = 0;
    this.counts.clear();
    this.found = undefined;
  }

  private flushWord(): void {
    const w = this.word;
    if (w.length === 0) return;
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
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    this.recent.push(key);
    if (this.recent.length > SENTENCE_MEMORY) {
      const old = this.recent.shift()!;
      const c = this.counts.get(old)! - 1;
      if (c === 0) this.counts.delete(old);
      else this.counts.set(old, c);
    }
    if (n >= 3 && this.found === undefined) {
      this.found = {
        type: "repetition",
        confidence: Math.min(0.95, 0.7 + 0.05 * n),
        detail: `the same sentence appears ${n} times`,
      };
    }
  }
}
