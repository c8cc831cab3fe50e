/**
 * `new NodeSDK({ instrumentations: [new L0Instrumentation()] })` with the real NodeSDK: l0's spans
 * and metrics arrive through the SDK's own exporters (an in-memory span exporter, a metric reader),
 * a real call's guardrail violation reaches the SDK's LoggerProvider as a `gen_ai.guardrail.result` record, and l0's tracer, meter
 * and logger carry l0's scope version and schema URL.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { trace } from "@opentelemetry/api";
import type { Instrumentation } from "@opentelemetry/instrumentation";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { L0Error } from "../../src/errors/l0-error.js";
import { customPatternRule } from "../../src/guardrails/custom-pattern-rule.js";
import { l0 } from "../../src/l0.js";
import { L0Instrumentation } from "../../src/telemetry/l0-instrumentation.js";
import { currentPipeline } from "../../src/telemetry/pipeline.js";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import { L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, L0_SCHEMA_URL } from "../../src/telemetry/semconv-names.js";
import { mockStreamFactory } from "../../src/testing/index.js";
import { ROOT } from "../helpers/package-root.js";
import { counterValue, TestMetricReader } from "./otel-harness.js";

// Type check: the class is an OTel Instrumentation without l0 importing @opentelemetry/instrumentation.
const asInstrumentation: (i: L0Instrumentation) => Instrumentation = (i) => i;

const spans = new InMemorySpanExporter();
const reader = new TestMetricReader();
const logs = new InMemoryLogRecordExporter();
const instrumentation = new L0Instrumentation();
const sdk = new NodeSDK({
  instrumentations: [asInstrumentation(instrumentation)],
  spanProcessors: [new SimpleSpanProcessor(spans)],
  metricReaders: [reader],
  logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: logs })],
  autoDetectResources: false,
});

beforeAll(() => {
  sdk.start();
});
afterAll(async () => {
  await sdk.shutdown();
  instrumentation.disable();
});

const SCOPE = { name: L0_INSTRUMENTATION_SCOPE, version: L0_INSTRUMENTATION_VERSION, schemaUrl: L0_SCHEMA_URL };

async function monitoredCall(): Promise<NonNullable<Awaited<ReturnType<typeof l0>>["telemetry"]>> {
  const result = await l0({
    stream: mockStreamFactory([["Hel", "lo"]], { format: "openai", usage: { input: 5, output: 2 } }),
    monitoring: { enabled: true, provider: "openai", model: "gpt-4o" },
  });
  let text = "";
  for await (const event of result.stream) if (event.type === "token") text += event.value;
  expect(text).toBe("Hello");
  return result.telemetry!;
}

describe("L0Instrumentation with the real NodeSDK", () => {
  it("is an OTel instrumentation: name, version, config, enabled at construction", () => {
    expect(instrumentation.instrumentationName).toBe("l0");
    expect(instrumentation.instrumentationVersion).toBe(L0_INSTRUMENTATION_VERSION);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(L0_INSTRUMENTATION_VERSION).toBe(pkg.version);
    expect(instrumentation.getConfig()).toEqual({ enabled: true });
    instrumentation.setConfig({ cardinalityLimit: 500 });
    expect(instrumentation.getConfig()).toEqual({ enabled: true, cardinalityLimit: 500 });
    expect(() => instrumentation.setConfig({ cardinalitylimit: 5 } as never)).toThrow(/did you mean "cardinalityLimit"/);
  });

  it("records spans through the SDK's span processors, with l0's scope", async () => {
    spans.reset();
    const telemetry = await monitoredCall();
    const finished = spans.getFinishedSpans();
    expect(finished.map((s) => s.name)).toEqual(["l0.attempt", "chat gpt-4o"]);
    for (const span of finished) expect(span.instrumentationScope).toEqual(SCOPE);
    expect(finished[1]!.attributes["l0.session.id"]).toBe(telemetry.sessionId);
    expect(telemetry.metrics.totalTokens).toBe(2);
    // the SDK's tracer provider, not one l0 built
    expect(currentPipeline().tracerProvider).toBe((trace.getTracerProvider() as unknown as { getDelegate(): unknown }).getDelegate());
  });

  it("records metrics through the SDK's metric reader, with l0's scope", async () => {
    const { resourceMetrics } = await reader.collect();
    const scope = resourceMetrics.scopeMetrics.find((s) => s.scope.name === "l0")!;
    expect(scope.scope).toEqual(SCOPE);
    const requests = scope.metrics.find((m) => m.descriptor.name === "l0.requests");
    expect(counterValue(requests, { "gen_ai.request.model": "gpt-4o" })).toBeGreaterThanOrEqual(1);
    // only one l0 meter (the no-op probe uses the same scope)
    expect(resourceMetrics.scopeMetrics.filter((s) => s.scope.name === "l0")).toHaveLength(1);
  });

  it("emits each guardrail violation of a real call as a gen_ai.guardrail.result log record through the SDK's LoggerProvider", async () => {
    logs.reset();
    spans.reset();
    const result = await l0({
      stream: mockStreamFactory([["Dear ", "[INSERT NAME]"]], { format: "openai" }),
      guardrails: [
        customPatternRule(["[insert name]"], { name: "no-placeholder", message: "placeholder left in the output", severity: "warning" }),
      ],
      monitoring: { enabled: true, provider: "openai", model: "gpt-4o" },
    });
    for await (const event of result.stream) void event;
    const records = logs.getFinishedLogRecords();
    expect(records.map((r) => r.eventName)).toEqual(["gen_ai.guardrail.result"]);
    const record = records[0]!;
    expect(record.instrumentationScope).toEqual(SCOPE);
    expect(record.severityNumber).toBe(SeverityNumber.WARN);
    // No content without captureContent: the rule's message, never the matched text.
    expect(record.attributes).toEqual({
      "gen_ai.guardrail.component.name": "l0",
      "gen_ai.guardrail.policy.rule.id": "no-placeholder",
      "gen_ai.guardrail.result.type": "severity",
      "gen_ai.guardrail.result.value": "warning",
      "gen_ai.guardrail.result.reason": "placeholder left in the output",
      "gen_ai.guardrail.source": "output",
      "gen_ai.provider.name": "openai",
      "l0.guardrail.recoverable": expect.any(Boolean),
      "l0.guardrail.position": expect.any(Number),
    });
    // The same result is a span event on the attempt span, in the same trace as the log record.
    const attempt = spans.getFinishedSpans().find((s) => s.name === "l0.attempt")!;
    const event = attempt.events.find((e) => e.name === "gen_ai.guardrail.result")!;
    expect(event.attributes).toEqual(record.attributes);
    expect(record.spanContext?.traceId).toBe(attempt.spanContext().traceId);
  });

  it("is the one registration of the process while enabled; disable() hands calls back to the zero-configuration path", async () => {
    expect(() => registerL0Instrumentation()).toThrow(L0Error);
    let second: unknown;
    try {
      new L0Instrumentation();
    } catch (error) {
      second = error;
    }
    expect(second).toBeInstanceOf(L0Error);
    expect((second as L0Error).message).toContain("another enabled L0Instrumentation");
    const disabled = new L0Instrumentation({ enabled: false });
    expect(disabled.getConfig().enabled).toBe(false);

    instrumentation.disable();
    const handle = registerL0Instrumentation({ useGlobal: false });
    // useGlobal: false ignores the SDK: l0's own embedded pipeline
    expect(handle.spanProcessor).toBeDefined();
    expect(currentPipeline().tracerProvider).toBe(handle.tracerProvider);
    expect(() => instrumentation.enable()).toThrow(/registerL0Instrumentation\(\)/);
    await handle.shutdown();
    instrumentation.enable();
    spans.reset();
    await monitoredCall();
    expect(spans.getFinishedSpans()).toHaveLength(2);
  });
});
