import { describe, expect, it } from "vitest";
import { createDriftDetector } from "../../src/drift/create-drift-detector.js";
import { DRIFTING } from "./corpus/drifting.js";
import { ORDINARY } from "./corpus/ordinary.js";
import { streamDetect } from "./stream-detector.js";

/** Recall reached on this corpus with the default config (see the printed line). */
const RECALL_FLOOR = 0.9;
/** Share of drifting answers where the labelled type itself is found. */
const TYPED_RECALL_FLOOR = 0.9;
const SEEDS = [1, 2, 3];

describe("drift corpus", () => {
  it("has at least 30 ordinary and 30 drifting answers", () => {
    expect(ORDINARY.length).toBeGreaterThanOrEqual(30);
    expect(DRIFTING.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ORDINARY.map((o) => [o.id, o.text] as const))("ordinary %s: no drift at any chunking", (_id, text) => {
    for (const seed of SEEDS) expect(streamDetect(createDriftDetector(), text, seed)).toEqual([]);
  });

  it("meets the recall floor with zero false positives, and finds the labelled type", () => {
    let truePositives = 0;
    let typed = 0;
    const missed: string[] = [];
    for (const d of DRIFTING) {
      const found = streamDetect(createDriftDetector(), d.text, 7);
      if (found.length > 0) truePositives++;
      else missed.push(d.id);
      if (found.some((f) => f.type === d.type)) typed++;
    }
    let falsePositives = 0;
    for (const o of ORDINARY) if (streamDetect(createDriftDetector(), o.text, 7).length > 0) falsePositives++;
    const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
    const recall = truePositives / DRIFTING.length;
    const typedRecall = typed / DRIFTING.length;
    console.log(
      `drift corpus: ${ORDINARY.length} ordinary, ${DRIFTING.length} drifting; precision ${precision.toFixed(3)}, ` +
        `recall ${recall.toFixed(3)} (labelled type found ${typedRecall.toFixed(3)}); missed: ${missed.join(", ") || "none"}`,
    );
    expect(falsePositives).toBe(0);
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(typedRecall).toBeGreaterThanOrEqual(TYPED_RECALL_FLOOR);
  });
});
