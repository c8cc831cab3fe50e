import { metrics, ProxyTracerProvider, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { L0SpanProcessor } from "../../src/telemetry/l0-span-processor.js";
import { currentPipeline } from "../../src/telemetry/pipeline.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { freePort } from "../helpers/free-port.js";
import { oneObservedCall } from "../helpers/observed-call.js";
import { expectInvalidOption } from "../helpers/invalid-option.js";

let handle: L0InstrumentationHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
});

describe("registerL0Instrumentation", () => {
  it("builds the embedded default without touching the OTel globals", () => {
    handle = registerL0Instrumentation();
    expect(handle.spanProcessor).toBeInstanceOf(L0SpanProcessor);
    expect(handle.tracerProvider).toBeInstanceOf(BasicTracerProvider);
    expect((trace.getTracerProvider() as ProxyTracerProvider).getDelegate()).toBe(new ProxyTracerProvider().getDelegate());
    expect(metrics.getMeterProvider()).not.toBe(handle.meterProvider);
    expect(currentPipeline().tracerProvider).toBe(handle.tracerProvider);
    expect(oneObservedCall("embedded").telemetry()?.metrics.totalTokens).toBe(1);
  });

  it("is idempotent, rejects conflicting options by field, and shuts down once", async () => {
    handle = registerL0Instrumentation({ cardinalityLimit: 100 });
    expect(registerL0Instrumentation()).toBe(handle);
    expect(registerL0Instrumentation({ cardinalityLimit: 100 })).toBe(handle);
    try {
      registerL0Instrumentation({ cardinalityLimit: 50 });
      expect.unreachable();
    } catch (error) {
      expect(L0Error.isL0Error(error) && error.details.field).toBe("cardinalityLimit");
    }
    const first = handle.shutdown();
    expect(handle.shutdown()).toBe(first);
    await first;
    const next = registerL0Instrumentation();
    expect(next).not.toBe(handle);
    await next.shutdown();
  });

  it("validates options with typed errors naming the field", () => {
    for (const [options, field] of [
      [{ cardinalityLimit: 0 }, "cardinalityLimit"],
      [{ prometheus: { port: 70000 } }, "prometheus.port"],
      [{ prometheus: { port: 0 } }, "prometheus.port"],
      [{ prometheus: { endpoint: "metrics" } }, "prometheus.endpoint"],
      [{ tracerProvider: {} }, "tracerProvider"],
      [{ loggerProvider: {} }, "loggerProvider"],
      [{ prometheus: "yes" }, "prometheus"],
    ] as const) {
      expectInvalidOption(() => registerL0Instrumentation(options as never), field);
    }
  });

  it("rejects unknown keys, top level and in prometheus, naming the path and the closest known key", () => {
    for (const [options, field, hint] of [
      [{ prometheos: true }, "prometheos", '"prometheus"'],
      [{ cardinality: 10 }, "cardinality", '"cardinalityLimit"'],
      [{ tracer_provider: {} }, "tracer_provider", '"tracerProvider"'],
      [{ prometheus: { prot: 9464 } }, "prometheus.prot", '"prometheus.port"'],
      [{ prometheus: { path: "/m" } }, "prometheus.path", "known options: port, host, endpoint"],
    ] as const) {
      expect(expectInvalidOption(() => registerL0Instrumentation(options as never), field).message).toContain(hint);
    }
    // nothing was registered by the refused calls: other options are accepted
    handle = registerL0Instrumentation({ cardinalityLimit: 10 });
    expect(registerL0Instrumentation()).toBe(handle);
  });

  it("records into explicit providers", () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), new L0SpanProcessor()] });
    handle = registerL0Instrumentation({ tracerProvider });
    expect(handle.spanProcessor).toBeUndefined();
    oneObservedCall("explicit");
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["l0.attempt", "chat"]);
  });

  it("serves l0 metrics on a real Prometheus endpoint (default host 127.0.0.1)", async () => {
    const port = await freePort();
    handle = registerL0Instrumentation({ prometheus: { port } });
    await handle.ready;
    oneObservedCall("prom");
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toMatch(/^l0_requests_total\{[^}]*\} 1$/m);
    expect(text).toMatch(/^l0_request_duration_seconds_count\{[^}]*\} 1$/m);
    expect(text).toContain("# TYPE l0_request_duration_seconds histogram");
    expect(text).toContain("# TYPE l0_tokens_total counter");
    await handle.shutdown();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe("zero configuration", () => {
  it("fills result.telemetry with no registration and no global SDK", () => {
    const observer = oneObservedCall("zero");
    expect(observer.sampled).toBe(true);
    const t = observer.telemetry()!;
    expect(t.sessionId).toBe("zero");
    expect(t.metrics.totalTokens).toBe(1);
    expect(t.duration).toBeGreaterThanOrEqual(0);
  });
});
