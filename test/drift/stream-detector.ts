/**
 * Test helper: feeds a text to a drift detector as a stream of small, irregular deltas (sizes
 * from a seeded generator, so runs are deterministic) and collects every detection.
 */
import type { DriftDetection, DriftDetector } from "../../src/types/drift.js";

/** Deterministic pseudo-random delta sizes in 1..max (mulberry32). */
function deltas(text: string, seed = 1, max = 12): string[] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(next() * max);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Streams `text` through `detector` and returns all detections (push results, then finish). */
export function streamDetect(detector: DriftDetector, text: string, seed = 1): DriftDetection[] {
  const found: DriftDetection[] = [];
  for (const d of deltas(text, seed)) {
    const r = detector.push(d);
    if (r.detected) found.push(...r.detections);
  }
  const r = detector.finish(text);
  if (r.detected) found.push(...r.detections);
  return found;
}
