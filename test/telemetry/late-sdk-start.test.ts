/**
 * `registerL0Instrumentation()` called before the app's `sdk.start()` (the real NodeSDK): calls made
 * after the SDK starts record into the SDK's providers (resolved at call time); the calls made
 * before it went to l0's embedded pipeline, and l0 says so once through `diag`.
 */
import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, describe, expect, it } from "vitest";
import { l0 } from "../../src/l0.js";
import { L0SpanProcessor } from "../../src/telemetry/l0-span-processor.js";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import { mockStreamFactory } from "../../src/testing/index.js";
import type { L0Telemetry } from "../../src/types/telemetry.js";
import { counterValue, TestMetricReader } from "./otel-harness.js";

const warnings: string[] = [];
const logger: DiagLogger = {
  error: () => {},
  warn: (message: string) => void warnings.push(message),
  info: () => {},
  debug: () => {},
  verbose: () => {},
};
diag.setLogger(logger, DiagLogLevel.WARN);

const handle = registerL0Instrumentation();
const spans = new InMemorySpanExporter();
const reader = new TestMetricReader();
const sdk = new NodeSDK({ spanProcessors: [new SimpleSpanProcessor(spans)], metricReaders: [reader], autoDetectResources: false });

afterAll(async () => {
  await handle.shutdown();
  await sdk.shutdown();
  diag.disable();
});

async function monitoredCall(model: string): Promise<L0Telemetry> {
  const result = await l0({
    stream: mockStreamFactory([["a", "b", "c"]], { format: "openai" }),
    monitoring: { enabled: true, provider: "openai", model },
  });
  for await (const _event of result.stream) {
    // drain
  }
  return result.telemetry!;
}

describe("registration before sdk.start()", () => {
  it("records into l0's embedded pipeline until the SDK starts, then into the SDK's providers", async () => {
    const before = await monitoredCall("before");
    expect(before.metrics.totalTokens).toBe(3);
    expect(handle.spanProcessor).toBeInstanceOf(L0SpanProcessor);
    expect(warnings).toEqual([]);

    sdk.start();
    const after = await monitoredCall("after");
    expect(after.metrics.totalTokens).toBe(3);

    const finished = spans.getFinishedSpans();
    expect(finished.map((s) => s.name)).toEqual(["l0.attempt", "chat after"]);
    expect(finished[1]!.attributes["l0.session.id"]).toBe(after.sessionId);
    const { resourceMetrics } = await reader.collect();
    const requests = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === "l0.requests");
    expect(counterValue(requests, { "gen_ai.request.model": "after" })).toBe(1);
    expect(counterValue(requests, { "gen_ai.request.model": "before" })).toBe(0);
    expect(handle.spanProcessor).toBeUndefined();

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("after 1 monitored l0() call(s) had recorded into l0's embedded pipeline");
    await monitoredCall("again");
    expect(warnings).toHaveLength(1);
  });
});
