/**
 * A shared CallMetrics makes each label set's attributes and key once: every value of an admitted
 * identity lands in its own series (the per-chunk histogram
 * `gen_ai.client.inference.time_per_output_chunk`, the labelled `l0.tokens.billed`), and an identity
 * whose label set did not fit the series limit folds every value into the overflow series and
 * counts each in `l0.metric.overflow`.
 */
import type { HistogramMetricData, MetricData } from "@opentelemetry/sdk-metrics";
import { describe, expect, it } from "vitest";
import { CallMetrics } from "../../src/telemetry/call-metrics.js";
import { RecorderState } from "../../src/telemetry/recorder-state.js";
import { L0_METRIC_TABLE } from "../../src/telemetry/metric-names.js";
import { getInstruments } from "../../src/telemetry/instruments.js";
import { seriesPerLabelSet } from "../../src/telemetry/series-limiter.js";
import { counterValue, createHarness } from "./otel-harness.js";

const CHUNK_GAP_METRIC = L0_METRIC_TABLE.timePerOutputChunk;

const identity = (model: string) => ({
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": model,
});

/** The data points of a histogram whose attributes include `match`: count and sum. */
function histogramPoints(metric: MetricData | undefined, match: Record<string, unknown>): { count: number; sum: number }[] {
  return ((metric as HistogramMetricData | undefined)?.dataPoints ?? [])
    .filter((point) => Object.entries(match).every(([k, v]) => point.attributes[k] === v))
    .map((point) => ({ count: point.value.count, sum: point.value.sum ?? Number.NaN }));
}

describe("chunk gaps", () => {
  const gaps = [0.001, 0.002, 0.004, 0.008, 0.016];
  const sum = gaps.reduce((a, b) => a + b, 0);

  it("record every gap of an admitted call in its own series", async () => {
    const harness = createHarness();
    const metrics = new CallMetrics(getInstruments(harness.meterProvider), identity("m1"));
    metrics.chunkGaps(gaps.slice(0, 2), 2);
    metrics.chunkGaps(gaps.slice(2), gaps.length - 2);
    const collected = await harness.metrics();
    const points = histogramPoints(collected.get(CHUNK_GAP_METRIC.otelName), identity("m1"));
    expect(points).toHaveLength(1);
    expect(points[0]!.count).toBe(gaps.length);
    expect(points[0]!.sum).toBeCloseTo(sum, 12);
  });

  it("fold every gap of a call that does not fit the series limit into the overflow series", async () => {
    const harness = createHarness();
    const cost = seriesPerLabelSet("histogram", CHUNK_GAP_METRIC.buckets);
    // Room for one label set of the histogram and its overflow series, not for a second label set.
    const instruments = getInstruments(harness.meterProvider, 3 * cost - 1);
    const admitted = new CallMetrics(instruments, identity("m1"));
    const folded = new CallMetrics(instruments, identity("m2"));
    admitted.chunkGaps(gaps, gaps.length);
    folded.chunkGaps(Float64Array.from(gaps), 3);
    folded.chunkGaps(gaps.slice(3), gaps.length - 3);
    const collected = await harness.metrics();
    const histogram = collected.get(CHUNK_GAP_METRIC.otelName);
    expect(histogramPoints(histogram, identity("m1")).map((p) => p.count)).toEqual([gaps.length]);
    expect(histogramPoints(histogram, identity("m2"))).toEqual([]);
    const overflow = histogramPoints(histogram, { "otel.metric.overflow": true });
    expect(overflow.map((p) => p.count)).toEqual([gaps.length]);
    expect(overflow[0]!.sum).toBeCloseTo(sum, 12);
    expect(counterValue(collected.get("l0.metric.overflow"), { metric: CHUNK_GAP_METRIC.promName })).toBe(gaps.length);
  });
});

describe("labelled counters", () => {
  /** A call's end with provider usage: 7 input and 5 output tokens billed. */
  function ended(): RecorderState {
    const state = new RecorderState("s", 0, false, false);
    state.billedInputTokens = 7;
    state.billedOutputTokens = 5;
    return state;
  }

  it("add every call's billed tokens to the admitted label sets, and fold those that do not fit", async () => {
    const harness = createHarness();
    // Room for one identity's two label sets of the counter (input, output), not for a second's.
    const instruments = getInstruments(harness.meterProvider, 3);
    const admitted = new CallMetrics(instruments, identity("m1"));
    const folded = new CallMetrics(instruments, identity("m2"));
    for (let call = 0; call < 3; call++) {
      admitted.callEnded(ended());
      folded.callEnded(ended());
    }
    const collected = await harness.metrics();
    const billed = collected.get("l0.tokens.billed");
    expect(counterValue(billed, { ...identity("m1"), "l0.token.type": "input" })).toBe(21);
    expect(counterValue(billed, { ...identity("m1"), "l0.token.type": "output" })).toBe(15);
    expect(counterValue(billed, { "gen_ai.request.model": "m2" })).toBe(0);
    expect(counterValue(billed, { "otel.metric.overflow": true })).toBe(36);
    expect(counterValue(collected.get("l0.metric.overflow"), { metric: "l0_tokens_billed_total" })).toBe(6);
  });
});
