/**
 * Guardrails and drift through `l0()`: violations and drift drive retries through the one retry
 * policy, fatal violations halt, exhaustion fails with a typed error unless accepted, and every
 * finding reaches `onViolation` / `onDrift` / lifecycle events.
 */
import { describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { customPatternRule } from "../../src/guardrails/custom-pattern-rule.js";
import { jsonRule } from "../../src/guardrails/json-rule.js";
import { recommendedGuardrails } from "../../src/guardrails/guardrail-presets.js";
import { l0 } from "../../src/l0.js";
import type { DriftDetection } from "../../src/types/drift.js";
import type { GuardrailViolation } from "../../src/types/guardrails.js";
import type { L0LifecycleEvent } from "../../src/types/lifecycle.js";
import type { L0Options } from "../../src/types/options.js";
import { readResult } from "../helpers/drain.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";

/** A stream factory whose n-th attempt streams `outputs[n]` (the last one repeats), word by word. */
function attempts(outputs: string[]): { factory: L0Options["stream"]; calls: () => number } {
  let n = 0;
  return {
    calls: () => n,
    factory: () => {
      const text = outputs[Math.min(n, outputs.length - 1)]!;
      n++;
      return (async function* () {
        for (const piece of text.match(/\S+\s*|\s+/g) ?? []) yield piece;
      })();
    },
  };
}

const FAST = { baseDelay: 0, maxDelay: 0 } as const;
const BROKEN_JSON = '{"items": [1, 2, 3}';
const GOOD_JSON = '{"items": [1, 2, 3]}';
const DRIFTING = `The service reads from the cache first and falls back to the database when the key is missing, then writes the value back. As an AI language model, I cannot verify your configuration, but this is the usual pattern.`;
const CLEAN =
  "The service reads from the cache first and falls back to the database when the key is missing, then writes the value back with a TTL.";

describe("guardrails through l0()", () => {
  it("retries after a violation and ends with the clean output", async () => {
    const src = attempts([BROKEN_JSON, GOOD_JSON]);
    const violations: GuardrailViolation[] = [];
    const lifecycle: L0LifecycleEvent[] = [];
    const result = await l0({
      stream: src.factory,
      guardrails: recommendedGuardrails,
      retry: { ...FAST, attempts: 2 },
      onViolation: (v) => violations.push(v),
      onEvent: (e) => {
        if (e.type === "GUARDRAIL_VIOLATION" || e.type === "RETRY") lifecycle.push(e);
      },
    });
    const { text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(result.state.content).toBe(GOOD_JSON);
    expect(text.endsWith(GOOD_JSON)).toBe(true);
    expect(src.calls()).toBe(2);
    expect(violations.map((v) => [v.rule, v.severity])).toEqual([["json-structure", "error"]]);
    const violationEvents = lifecycle.filter((e) => e.type === "GUARDRAIL_VIOLATION");
    expect(violationEvents).toHaveLength(1);
    expect(violationEvents[0]).toMatchObject({ type: "GUARDRAIL_VIOLATION", attempt: 1, violation: { rule: "json-structure" } });
    expect(lifecycle.some((e) => e.type === "RETRY" && e.reason === "guardrail_violation" && e.kind === "model")).toBe(true);
  });

  it("fails with GUARDRAIL_VIOLATION when retries are exhausted", async () => {
    const src = attempts([BROKEN_JSON]);
    const seen: GuardrailViolation[] = [];
    const result = await l0({
      stream: src.factory,
      guardrails: [jsonRule()],
      retry: { ...FAST, attempts: 2 },
      onViolation: (v) => seen.push(v),
    });
    const { error } = await readResult(result);
    expect(error).toBeInstanceOf(L0Error);
    expect((error as L0Error).code).toBe("GUARDRAIL_VIOLATION");
    expect((error as L0Error).errorType).toBe("guardrail_violation");
    expect(src.calls()).toBe(3);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((v) => v.rule))).toEqual(new Set(["json-structure"]));
  });

  it("halts on a fatal violation without retrying", async () => {
    const src = attempts(["Here is the secret: TOPSECRET-123 for you."]);
    const rule = customPatternRule([/TOPSECRET-\d+/], { name: "secret-leak", severity: "fatal", message: "Leaked a secret" });
    const result = await l0({ stream: src.factory, guardrails: [rule], retry: { ...FAST, attempts: 3 } });
    const { error } = await readResult(result);
    expect(error).toBeInstanceOf(L0Error);
    expect((error as L0Error).code).toBe("FATAL_GUARDRAIL_VIOLATION");
    expect(src.calls()).toBe(1);
    expect(result.state.violations.map((v) => [v.rule, v.severity, v.recoverable])).toEqual([["secret-leak", "fatal", false]]);
  });

  it("accepts the output when acceptViolationsOnExhaustion is set", async () => {
    const src = attempts([BROKEN_JSON]);
    const result = await l0({
      stream: src.factory,
      guardrails: [jsonRule()],
      retry: { ...FAST, attempts: 1 },
      acceptViolationsOnExhaustion: true,
    });
    const { error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(result.state.content).toBe(BROKEN_JSON);
    expect(src.calls()).toBe(2);
    expect(result.state.violations.length).toBeGreaterThanOrEqual(1);
    expect(result.state.violations.every((v) => v.rule === "json-structure")).toBe(true);
  });

  it("shares one preset across concurrent calls without leaking rule state", async () => {
    const [a, b] = await Promise.all([
      l0({ stream: attempts([BROKEN_JSON]).factory, guardrails: recommendedGuardrails, retry: { ...FAST, attempts: 0 } }),
      l0({ stream: attempts([GOOD_JSON]).factory, guardrails: recommendedGuardrails, retry: { ...FAST, attempts: 0 } }),
    ]);
    const [ra, rb] = await Promise.all([readResult(a), readResult(b)]);
    expect((ra.error as L0Error).code).toBe("GUARDRAIL_VIOLATION");
    expect(rb.error).toBeUndefined();
    expect(b.state.violations).toEqual([]);
  });
});

describe("drift through l0()", () => {
  it("retries after drift and ends with the clean output; onDrift and DRIFT events carry the detections", async () => {
    const src = attempts([DRIFTING, CLEAN]);
    const drifts: { detections: DriftDetection[]; confidence: number }[] = [];
    const events: L0LifecycleEvent[] = [];
    const result = await l0({
      stream: src.factory,
      detectDrift: driftDetector(),
      retry: { ...FAST, attempts: 2 },
      onDrift: (detections, confidence) => drifts.push({ detections, confidence }),
      onEvent: (e) => {
        if (e.type === "DRIFT" || e.type === "RETRY") events.push(e);
      },
    });
    const { error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(result.state.content).toBe(CLEAN);
    expect(src.calls()).toBe(2);
    expect(drifts).toHaveLength(1);
    expect(drifts[0]!.detections.map((d) => d.type)).toEqual(["meta_commentary"]);
    expect(drifts[0]!.confidence).toBeGreaterThanOrEqual(0.6);
    const drift = events.find((e) => e.type === "DRIFT");
    expect(drift).toMatchObject({ type: "DRIFT", attempt: 1, detections: [{ type: "meta_commentary" }] });
    expect(events.some((e) => e.type === "RETRY" && e.reason === "drift")).toBe(true);
  });

  it("records drift without retrying when retryOnDrift is false", async () => {
    const src = attempts([DRIFTING, CLEAN]);
    const result = await l0({ stream: src.factory, detectDrift: driftDetector({ retryOnDrift: false }), retry: { ...FAST, attempts: 2 } });
    const { error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(src.calls()).toBe(1);
    expect(result.state.content).toBe(DRIFTING);
    expect(result.state.driftDetected).toBe(true);
  });

  it("rejects a bad drift config with INVALID_OPTIONS naming the field", async () => {
    let caught: unknown;
    try {
      const r = await l0({ stream: attempts([CLEAN]).factory, detectDrift: driftDetector({ windowSize: 3 }) });
      await readResult(r).then((x) => {
        if (x.error !== undefined) throw x.error;
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(L0Error);
    expect((caught as L0Error).code).toBe("INVALID_OPTIONS");
    expect((caught as L0Error).details.field).toBe("detectDrift.windowSize");
  });
});
