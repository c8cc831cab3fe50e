/**
 * l0's latency buckets: 5 ms to 10 minutes, neighbours at most 1.5x apart; replaced through
 * `registerL0Instrumentation({ buckets })` (validated, applied to l0's two latency histograms only);
 * the GenAI histograms keep the advisory buckets, and the README's View changes them.
 */
import { AggregationType, MeterProvider, type Histogram, type ViewOptions } from "@opentelemetry/sdk-metrics";
import { afterEach, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { CallMetrics } from "../../src/telemetry/call-metrics.js";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import { getInstruments } from "../../src/telemetry/instruments.js";
import { GEN_AI_DURATION_BUCKETS, L0_LATENCY_BUCKETS, L0_METRIC_TABLE } from "../../src/telemetry/metric-names.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { repoFile, section } from "./doc-tables.js";
import { TestMetricReader } from "./otel-harness.js";

let handle: L0InstrumentationHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
});

/** Boundaries of each histogram l0 recorded into `reader`'s provider, by instrument name. */
async function boundaries(reader: TestMetricReader): Promise<Map<string, number[]>> {
  const { resourceMetrics } = await reader.collect();
  const out = new Map<string, number[]>();
  for (const metric of resourceMetrics.scopeMetrics.flatMap((s) => s.metrics)) {
    const point = metric.dataPoints[0]?.value as Histogram | undefined;
    if (point?.buckets !== undefined) out.set(metric.descriptor.name, [...point.buckets.boundaries]);
  }
  return out;
}

function oneCall(): void {
  const observer = createCallObserver({ enabled: true, sampleRate: 0 }, "b");
  observer.callStarted();
  observer.attemptStarted({ attempt: 1, fallbackIndex: 0 });
  observer.chunkReceived();
  observer.tokenDelivered();
  observer.chunkReceived();
  observer.attemptEnded({ outcome: "success" });
  observer.callEnded("success");
}

describe("l0's latency buckets", () => {
  it("cover 5 ms to 10 minutes with neighbouring boundaries at most 1.5x apart", () => {
    expect(L0_LATENCY_BUCKETS[0]).toBeLessThanOrEqual(0.005);
    expect(L0_LATENCY_BUCKETS.at(-1)).toBeGreaterThanOrEqual(600);
    for (let i = 1; i < L0_LATENCY_BUCKETS.length; i++) {
      expect(
        L0_LATENCY_BUCKETS[i]! / L0_LATENCY_BUCKETS[i - 1]!,
        `${L0_LATENCY_BUCKETS[i - 1]} → ${L0_LATENCY_BUCKETS[i]}`,
      ).toBeLessThanOrEqual(1.5 + 1e-12);
    }
  });

  it("are the default of l0's two latency histograms; the GenAI ones keep the advisory buckets", async () => {
    const reader = new TestMetricReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    handle = registerL0Instrumentation({ meterProvider });
    oneCall();
    const b = await boundaries(reader);
    expect(b.get("l0.request.duration_seconds")).toEqual([...L0_LATENCY_BUCKETS]);
    expect(b.get("l0.time_to_first_token_seconds")).toEqual([...L0_LATENCY_BUCKETS]);
    expect(b.get("gen_ai.client.inference.duration")).toEqual([...GEN_AI_DURATION_BUCKETS]);
    expect(b.get("gen_ai.client.inference.time_to_first_chunk")).toEqual([...GEN_AI_DURATION_BUCKETS]);
  });

  it("are replaced by registerL0Instrumentation({ buckets }), for l0's latency histograms only", async () => {
    const reader = new TestMetricReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const buckets = [0.1, 1, 10, 100];
    handle = registerL0Instrumentation({ meterProvider, buckets });
    expect(registerL0Instrumentation({ meterProvider, buckets: [0.1, 1, 10, 100] })).toBe(handle);
    expect(() => registerL0Instrumentation({ meterProvider, buckets: [1, 2] })).toThrow(L0Error);
    oneCall();
    const b = await boundaries(reader);
    expect(b.get("l0.request.duration_seconds")).toEqual(buckets);
    expect(b.get("l0.time_to_first_token_seconds")).toEqual(buckets);
    expect(b.get("gen_ai.client.inference.duration")).toEqual([...GEN_AI_DURATION_BUCKETS]);
    // The series limit counts the configured buckets: 4 + 3 series per label set.
    expect(getInstruments(meterProvider).seriesOf(L0_METRIC_TABLE.requestDuration)).toBe(7);
  });

  it("are validated: INVALID_OPTIONS naming buckets", () => {
    for (const buckets of [[], [1, 1], [2, 1], [1, Number.NaN], [1, Infinity], "1,2", [1, "2"]]) {
      try {
        handle = registerL0Instrumentation({ buckets: buckets as never });
        expect.unreachable(`accepted ${JSON.stringify(buckets)}`);
      } catch (error) {
        expect(L0Error.isL0Error(error) && error.code === "INVALID_OPTIONS" && error.details.field).toBe("buckets");
      }
    }
  });

  it("README: the View it shows changes the buckets of gen_ai.client.inference.duration", async () => {
    const readme = section(repoFile("README.md"), "## Metrics");
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf("**Latency buckets.**")))![1]!;
    const instrumentName = /instrumentName: "([^"]+)"/.exec(block)![1]!;
    const shown = JSON.parse(/boundaries: (\[[^\]]+\])/.exec(block)![1]!) as number[];
    expect(block).toContain("type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM");
    expect(block).toContain("registerL0Instrumentation({ meterProvider })");
    const reader = new TestMetricReader();
    const views: ViewOptions[] = [
      { instrumentName, aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: shown } } },
    ];
    handle = registerL0Instrumentation({ meterProvider: new MeterProvider({ readers: [reader], views }) });
    oneCall();
    const b = await boundaries(reader);
    expect(instrumentName).toBe("gen_ai.client.inference.duration");
    expect(b.get("gen_ai.client.inference.duration")).toEqual(shown);
    expect(b.get("l0.request.duration_seconds")).toEqual([...L0_LATENCY_BUCKETS]);
  });
});

describe("CallMetrics guardrailRules", () => {
  it("creates the configured rules' series at 0, once the identity is known", async () => {
    const reader = new TestMetricReader();
    const instruments = getInstruments(new MeterProvider({ readers: [reader] }));
    const metrics = new CallMetrics(instruments, { "gen_ai.operation.name": "chat" }, { guardrailRules: ["json", "pii"] });
    metrics.guardrailRules(["markdown"]);
    const { resourceMetrics } = await reader.collect();
    const byRule = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === "l0.guardrail_violations.by_rule")!;
    expect(byRule.dataPoints.map((p) => [p.attributes["rule"], p.value])).toEqual([
      ["json", 0],
      ["pii", 0],
      ["markdown", 0],
    ]);
  });
});
