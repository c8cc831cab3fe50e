import { diag, DiagLogLevel, SpanStatusCode, type DiagLogger } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { NOOP_OBSERVER } from "../../src/runtime/call-observer.js";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { createHarness } from "./otel-harness.js";
import { expectInvalidOption } from "../helpers/invalid-option.js";

function op(spans: ReadableSpan[]): ReadableSpan {
  return spans.find((s) => s.attributes["l0.attempt.number"] === undefined)!;
}

function capturingDiag(): { messages: string[]; logger: DiagLogger } {
  const messages: string[] = [];
  const push = (message: string) => messages.push(message);
  return { messages, logger: { error: push, warn: push, info: () => {}, debug: () => {}, verbose: () => {} } };
}

afterEach(() => {
  diag.disable();
});

describe("every span ends exactly once", () => {
  const paths = [
    { name: "completion", end: ["success"] as const, status: SpanStatusCode.UNSET },
    { name: "final failure", end: ["failed", "server_error", new Error("503 upstream")] as const, status: SpanStatusCode.ERROR },
    { name: "abort", end: ["aborted", "aborted"] as const, status: SpanStatusCode.UNSET },
    { name: "consumer break", end: ["cancelled"] as const, status: SpanStatusCode.UNSET },
    { name: "timeout", end: ["failed", "initial_token_timeout", new Error("no first token")] as const, status: SpanStatusCode.ERROR },
  ];
  for (const path of paths) {
    it(`on ${path.name}, with the attempt still open, even when callEnded is repeated`, () => {
      const h = createHarness();
      const observer = createCallObserver({ enabled: true }, "s", {}, h.pipeline);
      observer.callStarted();
      observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
      observer.chunkReceived();
      observer.tokenDelivered();
      if (path.name === "timeout") observer.timeout("initial", 100);
      const [outcome, errorType, error] = path.end as unknown as ["success" | "failed" | "aborted" | "cancelled", never, unknown];
      observer.callEnded(outcome, errorType, error);
      observer.callEnded(outcome, errorType, error);
      observer.attemptEnded({ outcome: "success" });
      expect(h.counter.allEndedOnce()).toBe(true);
      expect(h.spans()).toHaveLength(2);
      const operation = op(h.spans());
      expect(operation.status.code).toBe(path.status);
      expect(operation.attributes["l0.outcome"]).toBe(outcome);
      const attempt = h.spans().find((s) => s !== operation)!;
      expect(attempt.attributes["l0.outcome"]).toBe(outcome);
      if (outcome === "failed") {
        expect(operation.status.message).toBe("Error");
        expect(operation.attributes["error.type"]).toBe(errorType);
      } else {
        expect(operation.attributes["error.type"]).toBeUndefined();
      }
      if (outcome === "aborted") expect(operation.events.map((e) => e.name)).toContain("l0.abort");
      if (path.name === "timeout") {
        expect(attempt.events.map((e) => [e.name, e.attributes])).toEqual([
          ["l0.timeout", { "l0.timeout.kind": "initial", "l0.timeout.elapsed": 0.1 }],
        ]);
      }
      // telemetry is present (partial facts of an unfinished call are still facts)
      expect(observer.telemetry()?.metrics.totalTokens).toBe(1);
    });
  }

  it("ends a call that ends before it started (consumer never pulled) with one span", () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true }, "s", {}, h.pipeline);
    observer.callEnded("cancelled");
    expect(h.counter.allEndedOnce()).toBe(true);
    expect(observer.telemetry()?.duration).toBeGreaterThanOrEqual(0);
  });

  it("ends a forgotten attempt when the next one starts", () => {
    const h = createHarness();
    const observer = createCallObserver({ enabled: true }, "s", {}, h.pipeline);
    observer.callStarted();
    observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
    observer.attemptStarted({ attempt: 2, fallbackIndex: 0 });
    observer.callEnded("success");
    expect(h.counter.allEndedOnce()).toBe(true);
    expect(h.spans()).toHaveLength(3);
  });
});

describe("telemetry failures never reach the caller", () => {
  it("reports to diag and keeps recording metrics when the tracer throws", async () => {
    const { messages, logger } = capturingDiag();
    diag.setLogger(logger, DiagLogLevel.WARN);
    const h = createHarness();
    const throwing = new Proxy(h.tracerProvider.getTracer("x"), {
      get(target, prop) {
        if (prop === "startSpan")
          return () => {
            throw new Error("tracer broke");
          };
        return Reflect.get(target, prop) as unknown;
      },
    });
    const tracerProvider = { getTracer: () => throwing };
    const observer = createCallObserver({ enabled: true }, "s", {}, { ...h.pipeline, tracerProvider });
    expect(() => {
      observer.callStarted();
      observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
      observer.chunkReceived();
      observer.tokenDelivered();
      observer.networkError("timeout", new Error("t"), true, 10);
      observer.attemptEnded({ outcome: "success" });
      observer.callEnded("success");
      observer.telemetry();
    }).not.toThrow();
    expect(messages.some((m) => m.includes("l0: telemetry callStarted failed"))).toBe(true);
    const metrics = await h.metrics();
    expect(metrics.get("l0.requests")?.dataPoints[0]?.value).toBe(1);
  });

  it("returns the no-op observer when monitoring is off, and a typed error for bad options", () => {
    expect(createCallObserver(undefined, "s")).toBe(NOOP_OBSERVER);
    expect(createCallObserver({ enabled: false }, "s")).toBe(NOOP_OBSERVER);
    expect(createCallObserver({}, "s")).toBe(NOOP_OBSERVER);
    for (const [config, field] of [
      [{ enabled: true, sampleRate: 1.5 }, "monitoring.sampleRate"],
      [{ enabled: true, sampleRate: Number.NaN }, "monitoring.sampleRate"],
      [{ enabled: "yes" }, "monitoring.enabled"],
      [{ enabled: true, includeTimings: 1 }, "monitoring.includeTimings"],
      [{ enabled: true, model: "" }, "monitoring.model"],
      [{ enabled: true, metadata: [1] }, "monitoring.metadata"],
    ] as const) {
      expectInvalidOption(() => createCallObserver(config as never, "s"), field);
    }
  });
});
