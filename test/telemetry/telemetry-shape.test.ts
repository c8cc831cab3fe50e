import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { L0SpanProcessor } from "../../src/telemetry/l0-span-processor.js";
import type { L0Telemetry } from "../../src/types/telemetry.js";
import { createHarness } from "./otel-harness.js";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";

function run(config: Parameters<typeof createCallObserver>[0], features = {}, withL0Processor = true) {
  const h = createHarness({ withL0Processor });
  const observer = createCallObserver(config, "shape", features, h.pipeline);
  observer.callStarted();
  observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  observer.chunkReceived();
  observer.tokenDelivered();
  observer.chunkReceived();
  observer.tokenDelivered();
  observer.networkError("timeout", new Error("timed out"), false, undefined);
  return { h, observer };
}

describe("result.telemetry shape", () => {
  it("is partial before the call ends and complete after, from the same facts", () => {
    const { observer } = run({ enabled: true });
    const partial = observer.telemetry()!;
    expect(partial.endTime).toBeUndefined();
    expect(partial.duration).toBeUndefined();
    expect(partial.metrics.tokensPerSecond).toBeUndefined();
    expect(partial.metrics.totalTokens).toBe(2);
    expect(partial.network.errors).toEqual([{ type: "timeout", message: "Error", timestamp: expect.any(Number), retried: false }]);
    observer.attemptEnded({ outcome: "failed", errorType: "timeout" });
    observer.callEnded("failed", "timeout", new Error("timed out"));
    const final = observer.telemetry()!;
    expect(final.duration).toBeGreaterThanOrEqual(0);
    expect(final.metrics.timeToFirstToken).toBe(partial.metrics.timeToFirstToken);
    expect(final.metrics.avgInterTokenTime).toBe(partial.metrics.avgInterTokenTime);
    expect(final.network).toEqual(partial.network);
  });

  it("gives the same telemetry from the span processor and from the recorder's own facts", () => {
    const withProcessor = run({ enabled: true }, { guardrails: true, drift: true });
    const without = run({ enabled: true }, { guardrails: true, drift: true }, false);
    for (const { observer } of [withProcessor, without]) {
      observer.guardrailViolation({ rule: "r", message: "m", severity: "fatal", recoverable: false });
      observer.callEnded("failed", "guardrail_violation", new Error("fatal"));
    }
    const strip = (t: L0Telemetry) => ({
      ...t,
      sessionId: "",
      startTime: 0,
      endTime: 0,
      duration: 0,
      metrics: { ...t.metrics, timeToFirstToken: 0, avgInterTokenTime: 0, tokensPerSecond: 0 },
      network: { ...t.network, errors: t.network.errors?.map((e) => ({ ...e, timestamp: 0 })) },
    });
    expect(strip(withProcessor.observer.telemetry()!)).toEqual(strip(without.observer.telemetry()!));
    expect(without.observer.telemetry()!.guardrails).toEqual({
      violationCount: 1,
      violationsByRule: { r: 1 },
      violationsBySeverity: { warning: 0, error: 0, fatal: 1 },
    });
    expect(without.observer.telemetry()!.drift).toEqual({ detected: false, types: [] });
  });

  it("omits timings with includeTimings: false and the error list with includeNetworkDetails: false", () => {
    const { observer } = run({ enabled: true, includeTimings: false, includeNetworkDetails: false });
    observer.callEnded("success");
    const t = observer.telemetry()!;
    expect(Object.keys(t.metrics).sort()).toEqual([
      "discardedTokens",
      "modelRetries",
      "networkRetries",
      "tokenSource",
      "totalChunks",
      "totalRetries",
      "totalTokens",
    ]);
    expect(t.network).toEqual({ errorCount: 1, errorsByType: { timeout: 1 } });
    expect(t.duration).toBeGreaterThanOrEqual(0);
  });

  it("copies metadata: never the caller's object, never shared between snapshots, unaffected by later mutation", () => {
    const metadata = { user: { id: "u1" }, env: "prod" };
    const { observer } = run({ enabled: true, metadata });
    metadata.user.id = "changed";
    const partial = observer.telemetry()!;
    observer.callEnded("success");
    const final = observer.telemetry()!;
    expect(final.metadata).toEqual({ user: { id: "u1" }, env: "prod" });
    expect(final.metadata).not.toBe(metadata);
    expect(final.metadata).not.toBe(partial.metadata);
    (final.metadata as { env: string }).env = "x";
    expect(metadata.env).toBe("prod");
  });

  it("has guardrails/drift sections only when configured or when they happened", () => {
    const quiet = run({ enabled: true });
    quiet.observer.callEnded("success");
    expect(quiet.observer.telemetry()!.guardrails).toBeUndefined();
    expect(quiet.observer.telemetry()!.drift).toBeUndefined();
    const happened = run({ enabled: true });
    happened.observer.drift([{ type: "tone_shift", confidence: 0.8 }], 0.8);
    happened.observer.callEnded("success");
    expect(happened.observer.telemetry()!.drift).toEqual({ detected: true, types: ["tone_shift"] });
  });

  it("is undefined for calls that are not sampled", () => {
    const { observer, h } = run({ enabled: true, sampleRate: 0 });
    observer.callEnded("success");
    expect(observer.sampled).toBe(false);
    expect(observer.telemetry()).toBeUndefined();
    expect(h.spans()).toHaveLength(0);
  });

  it("L0SpanProcessor hands telemetry of every ended operation span to onTelemetry", () => {
    const seen: Array<[L0Telemetry, ReadableSpan]> = [];
    const processor = new L0SpanProcessor({ onTelemetry: (t, span) => seen.push([t, span]) });
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [processor] });
    const h = createHarness();
    const observer = createCallObserver({ enabled: true, metadata: { team: "a" } }, "hook", {}, { ...h.pipeline, tracerProvider });
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    observer.networkError("econnreset", new Error("reset"), true, 5);
    observer.attemptEnded({ outcome: "retry", errorType: "econnreset" });
    observer.attemptStarted({ attempt: 2, fallbackIndex: 0 });
    observer.tokenDelivered();
    observer.callEnded("success");
    expect(seen).toHaveLength(1);
    const [t] = seen[0]!;
    expect(t).toEqual(observer.telemetry());
    expect(t.network.errors).toEqual([{ type: "econnreset", message: "Error", timestamp: expect.any(Number), retried: true, delay: 5 }]);
    expect(t.metadata).toEqual({ team: "a" });
  });
});
