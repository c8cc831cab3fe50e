import { describe, expect, it } from "vitest";
import type { L0Error } from "../../src/errors/l0-error.js";
import { l0 } from "../../src/l0.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";
import { validateOptions } from "../../src/options/l0-options.js";
import { rejection } from "./rejection.js";

const stream = () => [];

function invalid(options: unknown): L0Error {
  const error = rejection(options);
  if (error === undefined) throw new Error("expected validateOptions to throw");
  return error;
}

describe("validateOptions", () => {
  it.each([
    [{ stream: "not a function" }, "stream", "not a function"],
    [{ stream, fallbackStreams: [stream, 42] }, "fallbackStreams[1]", 42],
    [{ stream, retry: { attempts: -1 } }, "retry.attempts", -1],
    [{ stream, retry: { attempts: 1.5 } }, "retry.attempts", 1.5],
    [{ stream, retry: { maxRetries: Number.NaN } }, "retry.maxRetries", Number.NaN],
    [{ stream, retry: { baseDelay: -5 } }, "retry.baseDelay", -5],
    [{ stream, retry: { maxDelay: "10" } }, "retry.maxDelay", "10"],
    [{ stream, retry: { backoff: "quadratic" } }, "retry.backoff", "quadratic"],
    [{ stream, retry: { retryOn: ["rate_limit", "network_fault"] } }, "retry.retryOn[1]", "network_fault"],
    [{ stream, retry: { shouldRetry: true } }, "retry.shouldRetry", true],
    [{ stream, timeout: { initialToken: 0 } }, "timeout.initialToken", 0],
    [{ stream, timeout: { interToken: Infinity } }, "timeout.interToken", Infinity],
    [{ stream, monitoring: { sampleRate: 1.5 } }, "monitoring.sampleRate", 1.5],
    [{ stream, monitoring: { sampleRate: -0.1 } }, "monitoring.sampleRate", -0.1],
    [{ stream, monitoring: { enabled: "yes" } }, "monitoring.enabled", "yes"],
    [{ stream, guardrails: [{ name: "x" }] }, "guardrails[0].check", undefined],
    [{ stream, signal: {} }, "signal", {}],
    [{ stream, onEvent: "log" }, "onEvent", "log"],
    [{ stream, interceptors: [{ after: 1 }] }, "interceptors[0].after", 1],
    [{ stream, detectDrift: "yes" }, "detectDrift", "yes"],
    [{ stream, checkIntervals: { guardrails: 0 } }, "checkIntervals.guardrails", 0],
    [{ stream, continueFromLastKnownGoodToken: 1 }, "continueFromLastKnownGoodToken", 1],
  ])("%j names %s", (options, field, value) => {
    const error = invalid(options);
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.details.field).toBe(field);
    expect(error.details.value).toEqual(value);
    expect(error.message).toContain(field);
  });

  it("rejects a non-object", () => {
    expect(invalid(null).details.field).toBe("options");
  });

  it("accepts a full, valid set of options", () => {
    expect(() =>
      validateOptions({
        stream,
        fallbackStreams: [stream],
        retry: {
          attempts: 0,
          maxRetries: 0,
          baseDelay: 0,
          maxDelay: 0,
          backoff: "full-jitter",
          retryOn: ["rate_limit"],
          calculateDelay: () => 1,
          shouldRetry: () => true,
        },
        timeout: { initialToken: 1, interToken: 1 },
        signal: new AbortController().signal,
        guardrails: [{ name: "r", streaming: true, check: () => [] }],
        acceptViolationsOnExhaustion: true,
        detectDrift: driftDetector({ minConfidence: 0.5 }),
        detectZeroTokens: false,
        continueFromLastKnownGoodToken: true,
        checkIntervals: { guardrails: 3 },
        monitoring: { enabled: true, sampleRate: 0, metadata: { a: 1 } },
        onEvent: () => {},
        interceptors: [{ name: "i", before: () => {} }],
      }),
    ).not.toThrow();
  });

  it("l0() rejects bad options, also bad drift config, and options a before interceptor returns", async () => {
    await expect(l0({ stream, retry: { attempts: -2 } })).rejects.toMatchObject({
      code: "INVALID_OPTIONS",
      details: { field: "retry.attempts" },
    });
    // Drift detection is imported: `true` and a plain config are refused with a message naming driftDetector().
    for (const detectDrift of [true, { minConfidence: 0.5 }, { create: () => undefined }])
      await expect(l0({ stream, detectDrift: detectDrift as never })).rejects.toMatchObject({
        code: "INVALID_OPTIONS",
        details: { field: "detectDrift", value: detectDrift },
        message: expect.stringContaining("driftDetector()"),
      });
    expect(() => driftDetector({ minConfidence: 7 })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "detectDrift.minConfidence" }) }),
    );
    await expect(l0({ stream, interceptors: [{ before: (o) => ({ ...o, timeout: { interToken: -1 } }) }] })).rejects.toMatchObject({
      code: "INVALID_OPTIONS",
      details: { field: "timeout.interToken", value: -1 },
    });
  });
});
