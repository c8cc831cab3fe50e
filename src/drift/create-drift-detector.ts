/**
 * The incremental drift detector `l0()` runs per attempt (`detectDrift: driftDetector(config?)`).
 *
 * Text is buffered and inspected every {@link CHECK_EVERY} characters (and at `finish`), so the
 * cost per character is constant: trackers consume only the new text, and the phrase checks scan
 * the sliding prose window of `windowSize` characters. Fenced code is excluded from the prose
 * signals. Output that starts as JSON (`{` or `[`) is structured data: keys repeat and values hold
 * ids and hashes by design, so only format collapse and meta commentary are checked there. Each
 * drift type is reported at most once per attempt.
 */
import type { DriftConfig, DriftDetection, DriftDetector, DriftOption, DriftResult, DriftType } from "../types/drift.js";
import { resolveDriftConfig, type ResolvedDriftConfig } from "./drift-config.js";
import { EntropyTracker } from "./entropy-tracker.js";
import { JsonShapeTracker } from "./json-shape-tracker.js";
import { MarkdownCollapseTracker } from "./markdown-collapse-tracker.js";
import { ProseScanner } from "./prose-scanner.js";
import { RepetitionTracker } from "./repetition-tracker.js";
import { hedging, metaCommentary, register, toneShift, type Register } from "./window-signals.js";

/** New text (characters) gathered before the detector inspects it. */
export const CHECK_EVERY = 64;
/** Prose characters that form the opening used as the tone baseline. */
const OPENING_CHARS = 400;
/** Longest meta-commentary phrase that may straddle two checks. */
const META_OVERLAP = 96;

const NO_DRIFT: DriftResult = Object.freeze({
  detected: false,
  confidence: 0,
  detections: Object.freeze([]) as unknown as DriftDetection[],
});

/**
 * Creates a drift detector. `config` is validated here (`L0Error` `INVALID_OPTIONS` naming
 * `detectDrift.<field>`).
 *
 * - `push(delta)` returns detections first seen in the new text (usually none: `detected: false`).
 * - `finish(content)` inspects whatever has not been inspected yet (the rest of `content` beyond
 *   what was pushed, when the detector was fed only partly or not at all) and returns the
 *   detections first seen now. Every detection is returned exactly once per attempt.
 * - `reset()` starts a new attempt.
 */
export function createDriftDetector(config?: DriftConfig | true): DriftDetector {
  return new IncrementalDriftDetector(resolveDriftConfig(config));
}

/**
 * The `detectDrift` option of `l0()`: `detectDrift: driftDetector()` detects every drift type with
 * the defaults (`DRIFT_DEFAULTS`); `driftDetector(config)` narrows or tunes it. `config` is
 * validated here (`L0Error` `INVALID_OPTIONS` naming `detectDrift.<field>`); each call gets its
 * own detector.
 */
export function driftDetector(config?: DriftConfig): DriftOption {
  const resolved = resolveDriftConfig(config);
  return Object.freeze({ create: () => new IncrementalDriftDetector(resolved), retryOnDrift: resolved.retryOnDrift });
}

class IncrementalDriftDetector implements DriftDetector {
  private pending = "";
  private pushed = 0;
  private window = "";
  private proseTotal = 0;
  private opening: Register | undefined;
  private openingText = "";
  private readonly reported = new Set<DriftType>();
  private found: DriftDetection[] = [];
  private readonly json = new JsonShapeTracker();
  private readonly repetition = new RepetitionTracker();
  private readonly entropy = new EntropyTracker();
  private readonly markdown = new MarkdownCollapseTracker();
  private readonly scanner: ProseScanner;
  private newProse = "";
  /** End of the text already searched for meta commentary (a phrase may straddle checks). */
  private metaTail = "";
  private sinceWindowCheck = 0;

  constructor(private readonly config: ResolvedDriftConfig) {
    this.scanner = new ProseScanner({
      prose: (text) => {
        this.newProse += text;
        if (this.config.types.has("markdown_collapse")) this.markdown.prose(text);
      },
      lineStart: (head) => this.markdown.lineStart(head),
      lineEnd: () => this.markdown.lineEnd(),
    });
  }

  push(delta: string): DriftResult {
    if (typeof delta !== "string" || delta.length === 0) return NO_DRIFT;
    this.pending += delta;
    this.pushed += delta.length;
    if (this.pending.length < CHECK_EVERY) return NO_DRIFT;
    this.inspect(false);
    return this.result();
  }

  finish(content: string): DriftResult {
    if (typeof content === "string" && content.length > this.pushed) {
      this.pending += content.slice(this.pushed);
      this.pushed = content.length;
    }
    this.inspect(true);
    return this.result();
  }

  reset(): void {
    this.pending = "";
    this.pushed = 0;
    this.window = "";
    this.proseTotal = 0;
    this.opening = undefined;
    this.openingText = "";
    this.reported.clear();
    this.found = [];
    this.newProse = "";
    this.metaTail = "";
    this.sinceWindowCheck = 0;
    this.json.reset();
    this.repetition.reset();
    this.entropy.reset();
    this.markdown.reset();
    this.scanner.reset();
  }

  private inspect(final: boolean): void {
    const text = this.pending;
    this.pending = "";
    const on = this.config.types;
    const shape = this.json.feed(text);
    if (on.has("format_collapse")) this.add(shape);
    if (this.json.isJson) {
      // Structured data repeats keys and holds ids and hashes by design: only phrase checks apply.
      if (on.has("meta_commentary")) this.add(this.meta(text));
      return;
    }
    this.scanner.feed(text);
    const prose = this.newProse;
    this.newProse = "";
    this.add(this.markdown.take());
    if (on.has("repetition")) this.add(this.repetition.feed(final ? `${prose}\n` : prose));
    if (on.has("entropy_spike")) {
      this.add(this.entropy.feed(prose));
      if (final) this.add(this.entropy.flush());
    }
    if (prose.length === 0 && !final) return;
    this.window = (this.window + prose).slice(-this.config.windowSize);
    this.proseTotal += prose.length;
    if (this.opening === undefined) {
      this.openingText += prose;
      if (this.openingText.length >= OPENING_CHARS || final) {
        this.openingText = this.openingText.slice(0, OPENING_CHARS);
        this.opening = register(this.openingText);
      }
    }
    if (on.has("meta_commentary")) this.add(this.meta(prose));
    // Window checks scan the whole window: run them once per quarter window of new prose.
    this.sinceWindowCheck += prose.length;
    if (!final && this.sinceWindowCheck < this.config.windowSize / 4) return;
    this.sinceWindowCheck = 0;
    if (on.has("hedging")) this.add(hedging(normalise(this.window)));
    if (on.has("tone_shift") && this.opening !== undefined) {
      const openingLen = Math.min(OPENING_CHARS, this.proseTotal);
      const afterOpening = Math.min(this.window.length, this.proseTotal - openingLen);
      if (afterOpening >= 80) this.add(toneShift(this.opening, register(this.window.slice(-afterOpening))));
    }
  }

  /** Meta commentary in the new text (plus the tail of the previous one): O(new text). */
  private meta(text: string): DriftDetection | undefined {
    if (this.reported.has("meta_commentary")) return undefined;
    const s = this.metaTail + normalise(text);
    this.metaTail = s.slice(-META_OVERLAP);
    return metaCommentary(s);
  }

  private add(d: DriftDetection | undefined): void {
    if (d === undefined || this.reported.has(d.type) || !this.config.types.has(d.type)) return;
    if (d.confidence < this.config.minConfidence) return;
    this.reported.add(d.type);
    this.found.push(d);
  }

  private result(): DriftResult {
    if (this.found.length === 0) return NO_DRIFT;
    const detections = this.found;
    this.found = [];
    let confidence = 0;
    for (const d of detections) confidence = Math.max(confidence, d.confidence);
    return { detected: true, confidence, detections };
  }
}

/** Lower case with typographic apostrophes made plain, for the phrase checks. */
function normalise(window: string): string {
  return window.toLowerCase().replace(/[\u2018\u2019]/g, "'");
}
