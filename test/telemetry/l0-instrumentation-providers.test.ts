/**
 * `registerInstrumentations({ instrumentations: [new L0Instrumentation()] })` without NodeSDK: the
 * providers handed over are used (the OTel globals stay untouched), and a no-op meter provider
 * (what `registerInstrumentations` passes before any is registered) counts as none.
 */
import { metrics, trace } from "@opentelemetry/api";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { L0Instrumentation } from "../../src/telemetry/l0-instrumentation.js";
import { L0SpanProcessor } from "../../src/telemetry/l0-span-processor.js";
import { currentPipeline, globalTracerProvider, loggerOf } from "../../src/telemetry/pipeline.js";
import { createHarness } from "./otel-harness.js";
import { oneObservedCall } from "../helpers/observed-call.js";

describe("registerInstrumentations with L0Instrumentation", () => {
  it("records into the providers it was given, and a logger provider receives l0's log records", async () => {
    const h = createHarness();
    const logs = new InMemoryLogRecordExporter();
    const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logs })] });
    const instrumentation = new L0Instrumentation({ enabled: false });
    expect(currentPipeline().tracerProvider).not.toBe(h.tracerProvider);
    const unregister = registerInstrumentations({
      instrumentations: [instrumentation],
      tracerProvider: h.tracerProvider,
      meterProvider: h.meterProvider,
      loggerProvider,
    });
    oneObservedCall("given");
    expect(h.spans().map((s) => s.name)).toEqual(["l0.attempt", "chat"]);
    expect((await h.metrics()).has("l0.requests")).toBe(true);
    loggerOf(currentPipeline().loggerProvider).emit({ body: "hello" });
    expect(logs.getFinishedLogRecords().map((r) => r.body)).toEqual(["hello"]);
    expect(globalTracerProvider()).toBeUndefined();

    unregister();
    h.exporter.reset();
    oneObservedCall("after disable");
    expect(h.spans()).toEqual([]);
    await loggerProvider.shutdown();
  });

  it("with the global (still empty) providers: a no-op meter provider and an empty proxy count as none", () => {
    const instrumentation = new L0Instrumentation({ enabled: false });
    const unregister = registerInstrumentations({ instrumentations: [instrumentation] });
    // nothing registered yet: l0's embedded pipeline, with its L0SpanProcessor
    const embedded = currentPipeline();
    expect(embedded.tracerProvider).toBeInstanceOf(BasicTracerProvider);
    expect(embedded.meterProvider).not.toBe(metrics.getMeterProvider());

    // an SDK registered later is used from the next call on (through the proxy l0 was given)
    const exporter = new InMemorySpanExporter();
    const app = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), new L0SpanProcessor()] });
    trace.setGlobalTracerProvider(app);
    try {
      expect(currentPipeline().tracerProvider).toBe(app);
      oneObservedCall("late");
      expect(exporter.getFinishedSpans().map((s) => s.attributes["l0.session.id"])).toEqual(["late", "late"]);
    } finally {
      unregister();
      trace.disable();
    }
  });
});
