import { describe, expect, it, vi } from "vitest";
import { l0 } from "../../src/l0.js";
import type { L0RetryEvent } from "../../src/types/events.js";
import type { GuardrailContext, GuardrailRule, GuardrailSeverity, GuardrailViolation } from "../../src/types/guardrails.js";
import type { L0LifecycleEvent } from "../../src/types/lifecycle.js";
import { readResult } from "../helpers/drain.js";
import { chunkAdapter, probe, scripted } from "../helpers/scripted-source.js";
import type { DriftDetector, DriftOption } from "../../src/types/drift.js";

/** Flags `word` in the content; severity/recoverable as given. Records every context it saw. */
function wordRule(word: string, severity: GuardrailSeverity = "error", recoverable = true, streaming = true) {
  const seen: GuardrailContext[] = [];
  const rule: GuardrailRule = {
    name: `no-${word}`,
    streaming,
    check(context) {
      seen.push(context);
      return context.content.includes(word) ? [{ rule: `no-${word}`, message: `contains ${word}`, severity, recoverable }] : [];
    },
  };
  return { rule, seen };
}

function outputs(...texts: string[][]) {
  let n = 0;
  return vi.fn(() => scripted({ tokens: texts[Math.min(n++, texts.length - 1)] as string[] }));
}

describe("guardrails through the one retry policy", () => {
  it("a recoverable violation is a model retry with reason guardrail_violation, using calculateDelay and shouldRetry", async () => {
    const { rule } = wordRule("BAD");
    const calculateDelay = vi.fn(() => 3);
    const shouldRetry = vi.fn(() => true);
    const violations: GuardrailViolation[] = [];
    const lifecycle: string[] = [];
    const factory = outputs(["this is ", "BAD"], ["this is ", "good"]);
    const result = await l0({
      stream: factory,
      adapter: chunkAdapter,
      guardrails: [rule],
      retry: { calculateDelay, shouldRetry },
      onViolation: (v) => violations.push(v),
      onEvent: (e) => lifecycle.push(e.type),
    });
    const { events, text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(text).toBe("this is good");
    const retry = events.find((e): e is L0RetryEvent => e.type === "retry");
    expect(retry).toMatchObject({ reason: "guardrail_violation", kind: "model", delayMs: 3, discardsOutput: true });
    expect(calculateDelay).toHaveBeenCalledWith(expect.objectContaining({ kind: "model", reason: "guardrail_violation", retry: 0 }));
    expect(shouldRetry).toHaveBeenCalledWith(expect.objectContaining({ code: "GUARDRAIL_VIOLATION" }), {
      attempt: 1,
      reason: "guardrail_violation",
      kind: "model",
    });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: "no-BAD", severity: "error" });
    expect(lifecycle).toContain("GUARDRAIL_VIOLATION");
    expect(result.state.modelRetryCount).toBe(1);
    expect(result.state.violations).toEqual([]);
  });

  it("shouldRetry can veto a guardrail retry; retryOn without guardrail_violation means no retry", async () => {
    const vetoed = await readResult(
      await l0({
        stream: outputs(["BAD"]),
        adapter: chunkAdapter,
        guardrails: [wordRule("BAD").rule],
        retry: { shouldRetry: () => false },
      }),
    );
    expect(vetoed.error).toMatchObject({ code: "GUARDRAIL_VIOLATION", details: { errorType: "guardrail_violation" } });
    const factory = outputs(["BAD"]);
    const excluded = await readResult(
      await l0({ stream: factory, adapter: chunkAdapter, guardrails: [wordRule("BAD").rule], retry: { retryOn: ["econnreset"] } }),
    );
    expect(factory).toHaveBeenCalledTimes(1);
    expect(excluded.error).toMatchObject({ code: "GUARDRAIL_VIOLATION" });
  });

  it("exhausted retries with violations left fail with GUARDRAIL_VIOLATION, or complete when accepted", async () => {
    const factory = outputs(["BAD"]);
    const failed = await readResult(
      await l0({ stream: factory, adapter: chunkAdapter, guardrails: [wordRule("BAD").rule], retry: { attempts: 2, baseDelay: 0 } }),
    );
    expect(factory).toHaveBeenCalledTimes(3);
    expect(failed.error).toMatchObject({ code: "GUARDRAIL_VIOLATION" });

    const accepted = await l0({
      stream: outputs(["still ", "BAD"]),
      adapter: chunkAdapter,
      guardrails: [wordRule("BAD").rule],
      retry: { attempts: 1, baseDelay: 0 },
      acceptViolationsOnExhaustion: true,
    });
    const result = await readResult(accepted);
    expect(result.error).toBeUndefined();
    expect(result.text).toBe("still BAD");
    expect(result.events.at(-1)?.type).toBe("complete");
    expect(accepted.state.violations).toHaveLength(1);
  });

  it("a fatal violation halts at once: no retry, no fallback", async () => {
    const fallback = vi.fn(() => scripted({ tokens: ["fallback"] }));
    const factory = outputs(["leak SECRET now"]);
    const { error, events } = await readResult(
      await l0({
        stream: factory,
        fallbackStreams: [fallback],
        adapter: chunkAdapter,
        guardrails: [wordRule("SECRET", "fatal", false).rule],
        checkIntervals: { guardrails: 1 },
        retry: { baseDelay: 0 },
      }),
    );
    expect(factory).toHaveBeenCalledTimes(1);
    expect(fallback).not.toHaveBeenCalled();
    expect(error).toMatchObject({ code: "FATAL_GUARDRAIL_VIOLATION", details: { errorType: "guardrail_violation" } });
    expect(events.map((e) => e.type)).toEqual(["error"]);
  });

  it("streaming checks run every checkIntervals.guardrails tokens with the delta, and end a bad attempt early", async () => {
    const { rule, seen } = wordRule("BAD");
    const p = probe();
    let n = 0;
    const tokens = Array.from({ length: 20 }, (_, i) => (i === 4 ? "BAD " : `w${i} `));
    const result = await l0({
      stream: () => (n++ === 0 ? scripted({ tokens }, p) : scripted({ tokens: ["clean"] }, p)),
      adapter: chunkAdapter,
      guardrails: [rule],
      checkIntervals: { guardrails: 3 },
      retry: { baseDelay: 0 },
    });
    const { text, events } = await readResult(result);
    expect(text).toBe("clean");
    expect(seen[0]).toEqual({ content: "w0 w1 w2 ", delta: "w0 w1 w2 ", tokenCount: 3, completed: false });
    expect(seen[1]).toMatchObject({ delta: "w3 BAD w5 ", tokenCount: 6, completed: false });
    expect(events.filter((e) => e.type === "token").length).toBeLessThan(10);
    expect(p.closed).toBe(1);
    expect(seen.at(-1)).toMatchObject({ content: "clean", completed: true });
  });

  it("rules are instantiated per call and reset per attempt", async () => {
    const instances: GuardrailRule[] = [];
    const resets = vi.fn();
    const shared: GuardrailRule = {
      name: "stateful",
      streaming: false,
      check: () => [],
      instantiate() {
        const copy: GuardrailRule = { name: "stateful", streaming: false, check: () => [], reset: resets };
        instances.push(copy);
        return copy;
      },
    };
    let n = 0;
    const stream = () => (n++ === 0 ? scripted({ tokens: [" "] }) : scripted({ tokens: ["ok"] }));
    await readResult(await l0({ stream, adapter: chunkAdapter, guardrails: [shared], retry: { baseDelay: 0 } }));
    expect(instances).toHaveLength(1);
    expect(resets).toHaveBeenCalledTimes(2);
  });
});

/** A drift option whose detector reports meta commentary once "As an AI" has streamed. */
function scriptedDrift(retryOnDrift = true): DriftOption {
  const create = (): DriftDetector => {
    let text = "";
    return {
      push(delta: string) {
        text += delta;
        return text.includes("As an AI")
          ? { detected: true, confidence: 0.9, detections: [{ type: "meta_commentary", confidence: 0.9 }] }
          : { detected: false, confidence: 0, detections: [] };
      },
      finish() {
        return { detected: false, confidence: 0, detections: [] };
      },
      reset() {
        text = "";
      },
    };
  };
  return { create, retryOnDrift };
}

describe("drift through the one retry policy", () => {
  it("detected drift is a model retry with reason drift (onDrift, lifecycle DRIFT, calculateDelay)", async () => {
    const onDrift = vi.fn();
    const lifecycle: L0LifecycleEvent[] = [];
    const calculateDelay = vi.fn(() => 2);
    const result = await l0({
      stream: outputs(["As an AI", " model"], ["The answer"]),
      adapter: chunkAdapter,
      detectDrift: scriptedDrift(),
      onDrift,
      onEvent: (e) => {
        if (e.type === "DRIFT") lifecycle.push(e);
      },
      retry: { calculateDelay },
    });
    const { text, events } = await readResult(result);
    expect(text).toBe("The answer");
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "drift", kind: "model", delayMs: 2 });
    expect(onDrift).toHaveBeenCalledWith([{ type: "meta_commentary", confidence: 0.9 }], 0.9);
    expect(lifecycle).toHaveLength(1);
    expect(calculateDelay).toHaveBeenCalledWith(expect.objectContaining({ reason: "drift", kind: "model" }));
  });

  it("retryOnDrift: false only reports; exhausted drift fails with DRIFT_DETECTED", async () => {
    const reportOnly = await l0({ stream: outputs(["As an AI", " model"]), adapter: chunkAdapter, detectDrift: scriptedDrift(false) });
    const r1 = await readResult(reportOnly);
    expect(r1.error).toBeUndefined();
    expect(reportOnly.state.driftDetected).toBe(true);

    const factory = outputs(["As an AI", " model"]);
    const r2 = await readResult(
      await l0({ stream: factory, adapter: chunkAdapter, detectDrift: scriptedDrift(), retry: { attempts: 1, baseDelay: 0 } }),
    );
    expect(factory).toHaveBeenCalledTimes(2);
    expect(r2.error).toMatchObject({ code: "DRIFT_DETECTED", details: { errorType: "drift" } });
  });
});
