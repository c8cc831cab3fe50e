/**
 * Gibberish / entropy-spike detection over prose, in fixed segments of {@link SEGMENT} characters.
 * Signals per segment: broken characters (U+FFFD, control characters), the share of implausible
 * words (no vowel, or five consonants in a row: keyboard mashing, random letters), and Shannon
 * entropy against the running mean of earlier segments (random symbols in mostly-ASCII text).
 */
import type { DriftDetection } from "../types/drift.js";

const SEGMENT = 160;
const MIN_BASELINE = 2;
const BROKEN = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const ALPHA_WORD = /[A-Za-z]{4,}/g;
const VOWEL = /[aeiouy]/i;
const CONSONANT_RUN = /[b-df-hj-np-tv-xz]{5}/i;

/** Statistics of one segment. */
export interface SegmentStats {
  entropy: number;
  broken: number;
  words: number;
  implausible: number;
  ascii: number;
}

/** Computes {@link SegmentStats} for `s`. */
export function segmentStats(s: string): SegmentStats {
  const freq = new Map<number, number>();
  let ascii = 0;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) ascii++;
    total++;
    freq.set(c, (freq.get(c) ?? 0) + 1);
  }
  let entropy = 0;
  for (const n of freq.values()) {
    const p = n / total;
    entropy -= p * Math.log2(p);
  }
  let words = 0;
  let implausible = 0;
  for (const m of s.matchAll(ALPHA_WORD)) {
    words++;
    const w = m[0];
    if (!VOWEL.test(w) || CONSONANT_RUN.test(w)) implausible++;
  }
  return { entropy, broken: s.match(BROKEN)?.length ?? 0, words, implausible, ascii: total === 0 ? 1 : ascii / total };
}

/** Incremental entropy tracker. */
export class EntropyTracker {
  private buffer = "";
  private n = 0;
  private mean = 0;
  private m2 = 0;

  /** Feeds prose; returns a detection when a segment looks like noise. */
  feed(text: string): DriftDetection | undefined {
    this.buffer += text;
    let found: DriftDetection | undefined;
    while (this.buffer.length >= SEGMENT) {
      const seg = this.buffer.slice(0, SEGMENT);
      this.buffer = this.buffer.slice(SEGMENT);
      found ??= this.evaluate(seg);
    }
    return found;
  }

  /** Evaluates the last partial segment (end of stream) if it is long enough. */
  flush(): DriftDetection | undefined {
    const seg = this.buffer;
    this.buffer = "";
    return seg.length >= SEGMENT / 2 ? this.evaluate(seg) : undefined;
  }

  /** Clears all state. */
  reset(): void {
    this.buffer = "";
    this.n = 0;
    this.mean = 0;
    this.m2 = 0;
  }

  private evaluate(seg: string): DriftDetection | undefined {
    const s = segmentStats(seg);
    let found: DriftDetection | undefined;
    if (s.broken >= 3) {
      found = { type: "entropy_spike", confidence: 0.9, detail: `${s.broken} broken characters in a segment` };
    } else if (s.words >= 6 && s.implausible / s.words >= 0.5) {
      const ratio = s.implausible / s.words;
      found = {
        type: "entropy_spike",
        confidence: Math.min(0.95, 0.7 + (ratio - 0.5)),
        detail: `${s.implausible} of ${s.words} words are not plausible words`,
      };
    } else if (s.ascii >= 0.9 && this.n >= MIN_BASELINE) {
      const sd = Math.sqrt(this.m2 / this.n);
      if (s.entropy > 5.3 && s.entropy > this.mean + Math.max(4 * sd, 0.9)) {
        found = {
          type: "entropy_spike",
          confidence: Math.min(0.95, 0.7 + 0.1 * (s.entropy - this.mean - 0.9)),
          detail: `character entropy ${s.entropy.toFixed(2)} bits vs ${this.mean.toFixed(2)} before`,
        };
      }
    }
    if (found === undefined && s.ascii >= 0.9) {
      this.n++;
      const d = s.entropy - this.mean;
      this.mean += d / this.n;
      this.m2 += d * (s.entropy - this.mean);
    }
    return found;
  }
}
