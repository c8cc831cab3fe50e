/**
 * Gibberish / entropy-spike detection over prose, incremental and bounded:
 * - words: a run of {@link GIBBERISH_RUN} implausible words in a row (no vowel, or five consonants
 *   in a row, with a lower-case letter: keyboard mashing, random letters; acronyms are neutral);
 * - segments: every {@link STEP} characters the last {@link SEGMENT} are measured: broken
 *   characters (U+FFFD, control characters, UTF-8 read as Latin-1 such as "Ã©"), and Shannon entropy against the running mean of
 *   earlier segments (random symbols in mostly-ASCII text).
 */
import type { DriftDetection } from "../types/drift.js";

const SEGMENT = 160;
const STEP = 80;
const MIN_BASELINE = 2;
const GIBBERISH_RUN = 4;
const MAX_WORD = 48;
// eslint-disable-next-line no-control-regex -- control characters in model output are what this looks for
const BROKEN = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\u00C2\u00C3][\u0080-\u00BF]/g;
const VOWEL = /[aeiouy]/i;
const CONSONANT_RUN = /[b-df-hj-np-tv-xz]{5}/i;
const LOWER = /[a-z]/;

/** Statistics of one segment. */
interface SegmentStats {
  entropy: number;
  broken: number;
  /** Share of code units below 128. */
  ascii: number;
}

/** Computes {@link SegmentStats} for `s`. */
function segmentStats(s: string): SegmentStats {
  const freq = new Map<number, number>();
  let ascii = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) ascii++;
    freq.set(c, (freq.get(c) ?? 0) + 1);
  }
  let entropy = 0;
  for (const n of freq.values()) {
    const p = n / s.length;
    entropy -= p * Math.log2(p);
  }
  return { entropy, broken: s.match(BROKEN)?.length ?? 0, ascii: s.length === 0 ? 1 : ascii / s.length };
}

/** True for a word (ASCII letters, at least four) that no language would spell this way. */
function implausibleWord(word: string): boolean {
  return word.length >= 4 && LOWER.test(word) && (!VOWEL.test(word) || CONSONANT_RUN.test(word));
}

/** Incremental entropy tracker. */
export class EntropyTracker {
  private recent = "";
  private sinceEval = 0;
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private word = "";
  private wordAscii = true;
  private run = 0;
  private found: DriftDetection | undefined;

  /** Feeds prose; returns (once) a detection when the text turns to noise. */
  feed(text: string): DriftDetection | undefined {
    this.words(text);
    let i = 0;
    while (i < text.length) {
      const take = Math.min(text.length - i, STEP - this.sinceEval);
      this.recent = (this.recent + text.slice(i, i + take)).slice(-SEGMENT);
      this.sinceEval += take;
      i += take;
      if (this.sinceEval >= STEP) {
        this.sinceEval = 0;
        if (this.recent.length >= SEGMENT) this.found ??= this.evaluate(this.recent);
      }
    }
    return this.take();
  }

  /** End of stream: finishes the last word and measures the tail if it was not measured. */
  flush(): DriftDetection | undefined {
    this.endWord();
    if (this.sinceEval >= STEP / 2 && this.recent.length >= SEGMENT / 2) this.found ??= this.evaluate(this.recent);
    this.sinceEval = 0;
    return this.take();
  }

  /** Clears all state. */
  reset(): void {
    this.recent = "";
    this.sinceEval = 0;
    this.n = 0;
    this.mean = 0;
    this.m2 = 0;
    this.word = "";
    this.wordAscii = true;
    this.run = 0;
    this.found = undefined;
  }

  private take(): DriftDetection | undefined {
    const f = this.found;
    this.found = undefined;
    return f;
  }

  private words(text: string): void {
    let start = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const asciiLetter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
      if (asciiLetter || c >= 0x80) {
        if (!asciiLetter) this.wordAscii = false;
        if (start < 0) start = i;
        continue;
      }
      if (start >= 0) {
        this.append(text.slice(start, i));
        start = -1;
      }
      this.endWord();
    }
    if (start >= 0) this.append(text.slice(start));
  }

  private append(part: string): void {
    if (this.word.length < MAX_WORD) this.word += part;
  }

  private endWord(): void {
    const w = this.word;
    if (w.length === 0) return;
    this.word = "";
    const ascii = this.wordAscii;
    this.wordAscii = true;
    if (!ascii || w.length < 4 || !LOWER.test(w)) return;
    if (!implausibleWord(w)) {
      this.run = 0;
      return;
    }
    this.run++;
    if (this.run >= GIBBERISH_RUN) {
      this.found ??= {
        type: "entropy_spike",
        confidence: Math.min(0.95, 0.7 + 0.05 * this.run),
        detail: `${this.run} implausible words in a row`,
      };
    }
  }

  private evaluate(seg: string): DriftDetection | undefined {
    const s = segmentStats(seg);
    let found: DriftDetection | undefined;
    if (s.broken >= 3) {
      found = { type: "entropy_spike", confidence: 0.9, detail: `${s.broken} broken characters in a segment` };
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
