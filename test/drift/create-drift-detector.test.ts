import { describe, expect, it } from "vitest";
import { CHECK_EVERY, createDriftDetector } from "../../src/drift/create-drift-detector.js";
import { resolveDriftConfig } from "../../src/drift/drift-config.js";
import { streamDetect } from "./stream-detector.js";
import { expectInvalidOption } from "../helpers/invalid-option.js";

const META = "The plan has three phases and each can be rolled back. As an AI language model, I cannot promise it fits.";
const LOOP = `Intro sentence here. ${"The value is cached and reused later on. ".repeat(5)}`;

describe("createDriftDetector", () => {
  it("reports each type once per attempt, through push or finish", () => {
    const d = createDriftDetector();
    const found = streamDetect(d, `${META} Also, as an AI I have no opinion. ${META}`);
    expect(found.map((f) => f.type)).toEqual(["meta_commentary"]);
    expect(found[0]!.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it("returns detected:false with no detections until something is found", () => {
    const d = createDriftDetector();
    const r = d.push("Hello there.");
    expect(r).toEqual({ detected: false, confidence: 0, detections: [] });
  });

  it("works from finish() alone (no pushes) and after partial pushes", () => {
    expect(
      createDriftDetector()
        .finish(META)
        .detections.map((x) => x.type),
    ).toEqual(["meta_commentary"]);
    const d = createDriftDetector();
    d.push(META.slice(0, 20));
    const r = d.finish(META);
    expect(r).toMatchObject({ detected: true, confidence: 0.9 });
  });

  it("inspects buffered text only every CHECK_EVERY characters", () => {
    const d = createDriftDetector();
    const text = "As an AI language model, no.";
    expect(text.length).toBeLessThan(CHECK_EVERY);
    expect(d.push(text).detected).toBe(false);
    expect(d.finish(text).detected).toBe(true);
  });

  it("reset() starts a new attempt", () => {
    const d = createDriftDetector();
    expect(streamDetect(d, META).length).toBe(1);
    d.reset();
    expect(streamDetect(d, "A clean answer about caching and eviction policies.")).toEqual([]);
    d.reset();
    expect(streamDetect(d, META).length).toBe(1);
  });

  it("honours types and minConfidence", () => {
    expect(streamDetect(createDriftDetector({ types: ["repetition"] }), META)).toEqual([]);
    expect(streamDetect(createDriftDetector({ types: ["repetition"] }), LOOP).map((x) => x.type)).toEqual(["repetition"]);
    expect(streamDetect(createDriftDetector({ minConfidence: 0.95 }), META)).toEqual([]);
  });

  it("ignores fenced code for prose signals", () => {
    const text = `Here is a test fixture:\n\n\`\`\`js\nconst reply = "As an AI language model, I cannot do that";\nconst zeros = [${"0, ".repeat(40)}0];\n${'log("retry");\n'.repeat(8)}\`\`\`\n\nThe fixture checks that the refusal is filtered.`;
    expect(streamDetect(createDriftDetector(), text)).toEqual([]);
  });

  it("keeps working on long streams with a bounded window", () => {
    const para = "Each request reads the cache first and falls back to the database when the key is missing. ";
    const varied = Array.from({ length: 300 }, (_, i) => para.replace("Each", `Request ${"abcdefghij"[i % 10]}${i}:`)).join("");
    const d = createDriftDetector({ windowSize: 200 });
    expect(streamDetect(d, `${varied} As an AI language model I cannot continue.`).map((x) => x.type)).toEqual(["meta_commentary"]);
  });

  it("detects JSON format collapse even when the JSON arrives in tiny pieces", () => {
    expect(streamDetect(createDriftDetector(), '{"a": [1, 2], "b": "x \\" y"} and then some prose follows').map((x) => x.type)).toEqual([
      "format_collapse",
    ]);
    expect(streamDetect(createDriftDetector(), '{"a": "prose inside a string is fine here", "b": [true, false, null]}')).toEqual([]);
  });

  it("validates its config with typed errors naming the field", () => {
    const cases: [unknown, string][] = [
      [{ types: ["nope"] }, "detectDrift.types"],
      [{ types: "repetition" }, "detectDrift.types"],
      [{ minConfidence: 2 }, "detectDrift.minConfidence"],
      [{ windowSize: 10 }, "detectDrift.windowSize"],
      [{ windowSize: 1.5 }, "detectDrift.windowSize"],
      [{ retryOnDrift: "yes" }, "detectDrift.retryOnDrift"],
      [42, "detectDrift"],
    ];
    for (const [config, field] of cases) {
      expectInvalidOption(() => createDriftDetector(config as never), field);
    }
  });

  it("resolves defaults", () => {
    const c = resolveDriftConfig(true);
    expect([...c.types].length).toBe(7);
    expect(c).toMatchObject({ minConfidence: 0.6, windowSize: 500, retryOnDrift: true });
  });
});
