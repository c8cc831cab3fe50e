/** Every drift type the detector knows, in a stable order. */
export const DRIFT_TYPES = Object.freeze([
  "meta_commentary",
  "tone_shift",
  "repetition",
  "entropy_spike",
  "format_collapse",
  "markdown_collapse",
  "hedging",
] as const);

/** Kinds of drift the detector reports: one of {@link DRIFT_TYPES}. */
export type DriftType = (typeof DRIFT_TYPES)[number];

/** Drift configuration, given to `driftDetector(config)`; every field has a default. */
export interface DriftConfig {
  /** Types to detect. Default: all. */
  types?: DriftType[];
  /** Minimum confidence (0-1) for a detection to count. Default 0.6. */
  minConfidence?: number;
  /** Sliding window of recent text inspected, in characters. Default 500. */
  windowSize?: number;
  /** Whether a detection makes the attempt retry through the retry policy. Default true. */
  retryOnDrift?: boolean;
}

/** One detection. */
export interface DriftDetection {
  type: DriftType;
  /** 0-1. */
  confidence: number;
  /** Short explanation, without quoting the output. */
  detail?: string;
  /** The output text behind the detection, when quoted. Recorded in telemetry only with `captureContent`. */
  excerpt?: string;
}

/** Result of a drift check. */
export interface DriftResult {
  detected: boolean;
  /** Highest confidence among detections. */
  confidence: number;
  detections: DriftDetection[];
}

/** Incremental drift detector for one attempt's text. */
export interface DriftDetector {
  /**
   * Feeds new text; returns detections first seen in it (if any). Cost proportional to `delta`
   * and the window. Each drift type is reported at most once per attempt.
   */
  push(delta: string): DriftResult;
  /**
   * Final check on the whole content of the attempt: inspects what `push` had not inspected yet
   * (including any part of `content` never pushed) and returns the detections first seen now.
   */
  finish(content: string): DriftResult;
  /** Clears state for a new attempt. */
  reset(): void;
}

/**
 * The `detectDrift` option of `l0()`: made by `driftDetector(config?)`, which creates one
 * {@link DriftDetector} per call. Drift detection is imported where it is used, so an app that
 * does not use it does not bundle it.
 */
export interface DriftOption {
  /** Creates the detector of one call (reset between its attempts). */
  readonly create: () => DriftDetector;
  /** Whether a detection makes the attempt retry through the retry policy. */
  readonly retryOnDrift: boolean;
}
