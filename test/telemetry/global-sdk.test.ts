import { metrics, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oneObservedCall } from "../helpers/observed-call.js";
import { currentPipeline, globalMeterProvider, globalTracerProvider } from "../../src/telemetry/pipeline.js";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import { counterValue, TestMetricReader } from "./otel-harness.js";

const exporter = new InMemorySpanExporter();
// The application's own SDK, registered globally, WITHOUT an L0SpanProcessor.
const appTracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const reader = new TestMetricReader();
const appMeterProvider = new MeterProvider({ readers: [reader] });

beforeAll(() => {
  expect(globalTracerProvider()).toBeUndefined();
  expect(globalMeterProvider()).toBeUndefined();
  trace.setGlobalTracerProvider(appTracerProvider);
  metrics.setGlobalMeterProvider(appMeterProvider);
});
afterAll(() => {
  trace.disable();
  metrics.disable();
});

describe("with a globally registered OTel SDK", () => {
  it("detects the real global providers", () => {
    expect(globalTracerProvider()).toBe(appTracerProvider);
    expect(globalMeterProvider()).toBe(appMeterProvider);
    expect(currentPipeline().tracerProvider).toBe(appTracerProvider);
  });

  it("records into them with zero configuration and still fills telemetry without an L0SpanProcessor", async () => {
    const observer = oneObservedCall("global", { monitoring: { enabled: true, model: "m" }, chunks: 0, tokens: 2 });
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["l0.attempt", "chat m"]);
    const t = observer.telemetry()!;
    expect(t.metrics.totalTokens).toBe(2);
    expect(t.sessionId).toBe("global");
    const { resourceMetrics } = await reader.collect();
    const requests = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === "l0.requests");
    expect(counterValue(requests)).toBe(1);
  });

  it("registerL0Instrumentation uses the global providers and builds nothing", async () => {
    const handle = registerL0Instrumentation();
    expect(handle.tracerProvider).toBe(appTracerProvider);
    expect(handle.meterProvider).toBe(appMeterProvider);
    expect(handle.spanProcessor).toBeUndefined();
    await handle.shutdown();
    // the user's providers are not shut down by l0
    appTracerProvider.getTracer("still-alive").startSpan("after").end();
    expect(exporter.getFinishedSpans().some((s) => s.name === "after")).toBe(true);
  });
});
