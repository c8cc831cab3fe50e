/**
 * Strict options: the misspellings that were silently ignored now throw `INVALID_OPTIONS` naming the
 * path and the key meant; objects users implement keep their own fields; every built-in object
 * l0 hands out passes.
 */
import * as Sentry from "@sentry/node";
import { describe, expect, it } from "vitest";
import { BUILT_IN_ADAPTERS } from "../../src/adapters/resolve-adapter.js";
import { createDriftDetector } from "../../src/drift/create-drift-detector.js";
import * as presets from "../../src/guardrails/guardrail-presets.js";
import { jsonRule } from "../../src/guardrails/json-rule.js";
import { latexRule } from "../../src/guardrails/latex-rule.js";
import { markdownRule } from "../../src/guardrails/markdown-rule.js";
import { patternRule } from "../../src/guardrails/pattern-rule.js";
import { sentryInterceptor } from "../../src/integrations/sentry-interceptor.js";
import { l0 } from "../../src/l0.js";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { rejection } from "./rejection.js";

const stream = (): never[] => [];

describe("misspellings that used to be ignored", () => {
  it.each([
    [{ timeout: { initial: 100 } }, "timeout.initial", "timeout.initialToken"],
    [{ retries: 3 }, "retries", "retry.maxRetries"],
    [{ retry: { retries: 3 } }, "retry.retries", "retry.maxRetries"],
    [{ timeouts: { initialToken: 100 } }, "timeouts", "timeout"],
    [{ fallbacks: [stream] }, "fallbacks", "fallbackStreams"],
    [{ guardrail: [] }, "guardrail", "guardrails"],
    [{ monitoring: { enable: true } }, "monitoring.enable", "monitoring.enabled"],
    [{ monitoring: { enabled: true, samplerate: 0.5 } }, "monitoring.samplerate", "monitoring.sampleRate"],
    [{ sampleRate: 0.5 }, "sampleRate", "monitoring.sampleRate"],
    [{ samplerate: 0.5 }, "samplerate", "monitoring.sampleRate"],
    [{ initialToken: 100 }, "initialToken", "timeout.initialToken"],
    [{ checkIntervals: { guardrail: 5 } }, "checkIntervals.guardrail", "checkIntervals.guardrails"],
    [{ interceptors: [{ name: "x", onErorr: () => {} }] }, "interceptors[0].onErorr", "interceptors[0].onError"],
    [{ guardrails: [{ name: "r", streaming: true, check: () => [], rest: () => {} }] }, "guardrails[0].rest", "guardrails[0].reset"],
    [{ guardrails: [{ name: "r", streamng: true, check: () => [] }] }, "guardrails[0].streamng", "guardrails[0].streaming"],
    [{ adapter: { name: "a", wrap: (x: unknown) => x, detetc: () => true } }, "adapter.detetc", "adapter.detect"],
  ])("%j: %s, did you mean %s", async (extra, field, suggestion) => {
    const options = { stream, ...extra };
    const error = rejection(options);
    expect(error?.code).toBe("INVALID_OPTIONS");
    expect(error?.details.field).toBe(field);
    expect(error?.details.suggestion).toBe(suggestion);
    expect(error?.message).toBe(`Unknown option "${field}": did you mean "${suggestion}"?`);
    // l0() itself rejects before running anything.
    await expect(l0(options as never)).rejects.toMatchObject({ code: "INVALID_OPTIONS", details: { field, suggestion } });
  });

  it("options a before interceptor returns are checked too", async () => {
    await expect(l0({ stream, interceptors: [{ before: (o) => ({ ...o, timeot: { interToken: 5 } }) as never }] })).rejects.toMatchObject({
      code: "INVALID_OPTIONS",
      details: { field: "timeot", suggestion: "timeout" },
    });
  });

  it("an unknown key with nothing close lists the known keys of its level", () => {
    const error = rejection({ stream, timeout: { banana: 1 } });
    expect(error?.message).toBe('Unknown option "timeout.banana": known options: initialToken, interToken');
  });
});

describe("objects users implement", () => {
  const rule = { name: "r", streaming: true, check: () => [] };

  it("a guardrail rule may carry fields of its own", () => {
    expect(rejection({ stream, guardrails: [{ ...rule, pattern: /x/, maxLength: 10, state: { seen: 0 } }] })).toBeUndefined();
  });

  it("a guardrail rule may not misspell a field it lacks", () => {
    expect(rejection({ stream, guardrails: [{ ...rule, instanciate: () => rule }] })?.details).toMatchObject({
      field: "guardrails[0].instanciate",
      suggestion: "guardrails[0].instantiate",
    });
  });

  it("a class-made interceptor keeps its state fields; an object literal may not add keys", () => {
    class Counting {
      name = "counting";
      calls = 0;
      before(): void {
        this.calls++;
      }
    }
    expect(rejection({ stream, interceptors: [new Counting()] })).toBeUndefined();
    expect(rejection({ stream, interceptors: [{ name: "x", calls: 0 }] })?.details.field).toBe("interceptors[0].calls");
  });

  it("every built-in rule, preset, adapter and the Sentry interceptor pass", () => {
    const rules = [
      jsonRule(),
      markdownRule(),
      latexRule(),
      patternRule(),
      ...presets.minimalGuardrails,
      ...presets.recommendedGuardrails,
      ...presets.strictGuardrails,
      ...presets.jsonOnlyGuardrails,
      ...presets.createStrictGuardrails(),
    ];
    expect(rejection({ stream, guardrails: rules })).toBeUndefined();
    for (const adapter of BUILT_IN_ADAPTERS) expect(rejection({ stream, adapter })).toBeUndefined();
    expect(rejection({ stream, interceptors: [sentryInterceptor({ hub: Sentry })] })).toBeUndefined();
  });
});

describe("each option validated in one place", () => {
  it("l0() and the telemetry observer apply the same monitoring rules", async () => {
    for (const [monitoring, field] of [
      [{ enabled: true, model: "" }, "monitoring.model"],
      [{ enabled: true, sampleRate: Number.NaN }, "monitoring.sampleRate"],
      [{ enabled: true, metadata: [1] }, "monitoring.metadata"],
      [{ enabled: true, includeTimings: 1 }, "monitoring.includeTimings"],
      [{ enabled: true, enable: true }, "monitoring.enable"],
      [{ enabled: false, provider: 7 }, "monitoring.provider"],
    ] as const) {
      expect(rejection({ stream, monitoring })?.details.field).toBe(field);
      expect(() => createCallObserver(monitoring as never, "s")).toThrow(
        expect.objectContaining({ code: "INVALID_OPTIONS", details: expect.objectContaining({ field }) }),
      );
    }
  });

  it("driftDetector() (the detectDrift option) and createDriftDetector apply the same drift rules, unknown keys included", () => {
    for (const [config, field] of [
      [{ windowSize: 10 }, "detectDrift.windowSize"],
      [{ types: ["nope"] }, "detectDrift.types"],
      [{ windowsize: 500 }, "detectDrift.windowsize"],
      [{ minConfidense: 0.5 }, "detectDrift.minConfidense"],
    ] as const) {
      expect(rejection({ stream, detectDrift: config })?.details.field).toBe(field);
      expect(() => createDriftDetector(config as never)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field }) }));
    }
    expect(rejection({ stream, detectDrift: { minConfidense: 0.5 } })?.details.suggestion).toBe("detectDrift.minConfidence");
  });

  it("durations have no upper cap (timers beyond 2^31-1 ms are the runtime's to handle)", () => {
    expect(
      rejection({ stream, timeout: { initialToken: 2 ** 31, interToken: 1e12 }, retry: { baseDelay: 2 ** 32, maxDelay: 1e12 } }),
    ).toBeUndefined();
    expect(rejection({ stream, timeout: { interToken: Number.POSITIVE_INFINITY } })?.details.field).toBe("timeout.interToken");
  });
});
