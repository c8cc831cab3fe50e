/**
 * The conformance checks themselves, on hand-made telemetry (no l0): telemetry written exactly as
 * the conventions and issue 15 ask yields no finding, and each kind of deviation yields the
 * finding the known-gap list would name. So a green conformance test means conformance, and a
 * closed gap really closes.
 */
import { SpanKind, ValueType, type Attributes } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { checkEvents } from "./check-events.js";
import { checkMetrics } from "./check-metrics.js";
import { checkSpans } from "./check-spans.js";
import { Findings } from "./findings.js";
import type { FixtureFacts } from "./fixtures.js";
import { EXPECTED_SCHEMA_URL, GUARDRAIL_EVENT, METRICS } from "./l0-expectations.js";
import { loadModel } from "./semconv-model.js";
import { inMemoryProviders, type Captured } from "./telemetry-capture.js";

const model = loadModel(["v0.1.0", "draft-guardrails-pr427"]);
const DURATION = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
const TOKENS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

const FACTS: FixtureFacts = {
  requestModel: "gpt-4o",
  responseModel: "gpt-4o-2024",
  failed: false,
  captureContent: true,
  billedUsage: { input: 3, output: 2 },
  server: { address: "api.example.com", port: 443 },
  contentChunks: [3],
  violations: ["json"],
};

/** How the hand-made telemetry deviates from the conventions. */
interface Deviations {
  dropProvider?: boolean;
  usageOnChildToo?: boolean;
  averageChunkTime?: boolean;
  durationInMs?: boolean;
  contentAsStringOnEvent?: boolean;
  oldMetricName?: boolean;
  usageAsHistogram?: boolean;
  defaultBuckets?: boolean;
}

async function handMade(deviations: Deviations = {}): Promise<Captured> {
  const providers = inMemoryProviders();
  const { tracerProvider, meterProvider, loggerProvider } = providers;
  const scope = ["l0", "0.0.0", { schemaUrl: EXPECTED_SCHEMA_URL }] as const;

  const identity: Attributes = {
    "gen_ai.operation.name": "chat",
    "gen_ai.request.model": "gpt-4o",
    "server.address": "api.example.com",
    "server.port": 443,
  };
  if (deviations.dropProvider !== true) identity["gen_ai.provider.name"] = "openai";
  const output = [{ role: "assistant", parts: [{ type: "text", content: "{}" }] }];
  const span = tracerProvider
    .getTracer(...scope)
    .startSpan("chat gpt-4o", { kind: SpanKind.CLIENT, attributes: { ...identity, "gen_ai.request.stream": true } });
  span.setAttributes({
    "gen_ai.response.time_to_first_chunk": 0.2,
    "gen_ai.response.model": "gpt-4o-2024",
    "gen_ai.response.id": "chatcmpl-1",
    "gen_ai.response.finish_reasons": ["stop"],
    "gen_ai.usage.input_tokens": 3,
    "gen_ai.usage.output_tokens": 2,
    "gen_ai.output.messages": JSON.stringify(output),
  });
  const guardrail = {
    "gen_ai.guardrail.component.name": "l0",
    "gen_ai.guardrail.policy.rule.id": "json",
    "gen_ai.guardrail.result.type": "severity",
    "gen_ai.guardrail.result.value": "error",
    "gen_ai.guardrail.source": "output",
  };
  span.addEvent(GUARDRAIL_EVENT, guardrail);
  if (deviations.usageOnChildToo === true) {
    const child = tracerProvider.getTracer(...scope).startSpan("l0.attempt", { kind: SpanKind.INTERNAL });
    child.setAttributes({ "gen_ai.usage.input_tokens": 3 });
    child.end();
  }
  span.end();

  const meter = meterProvider.getMeter(...scope);
  const metricAttributes = { ...identity, "gen_ai.response.model": "gpt-4o-2024" };
  const seconds = (name: string) =>
    meter.createHistogram(name, {
      unit: deviations.durationInMs === true && name === METRICS.duration ? "ms" : "s",
      advice: {
        explicitBucketBoundaries: deviations.defaultBuckets === true && name === METRICS.timePerOutputChunk ? [0, 5, 10] : DURATION,
      },
    });
  seconds(METRICS.duration).record(0.5, metricAttributes);
  seconds(deviations.oldMetricName === true ? "gen_ai.client.operation.time_to_first_chunk" : METRICS.timeToFirstChunk).record(
    0.2,
    metricAttributes,
  );
  const tpoc = seconds(METRICS.timePerOutputChunk);
  if (deviations.averageChunkTime === true) tpoc.record(0.05, metricAttributes);
  else for (const gap of [0.04, 0.06]) tpoc.record(gap, metricAttributes);
  for (const [name, value] of [
    [METRICS.operationInput, 3],
    [METRICS.operationOutput, 2],
  ] as const) {
    meter
      .createHistogram(name, { unit: "{token}", valueType: ValueType.INT, advice: { explicitBucketBoundaries: TOKENS } })
      .record(value, metricAttributes);
  }
  for (const [name, value] of [
    [METRICS.usageInput, 3],
    [METRICS.usageOutput, 2],
  ] as const) {
    const attributes = { ...metricAttributes, "gen_ai.token.modality": "unknown" };
    if (deviations.usageAsHistogram === true && name === METRICS.usageOutput) {
      meter.createHistogram(name, { unit: "{token}", valueType: ValueType.INT }).record(value, attributes);
    } else meter.createCounter(name, { unit: "{token}", valueType: ValueType.INT }).add(value, attributes);
  }

  const logAttributes =
    deviations.contentAsStringOnEvent === true ? { ...guardrail, "gen_ai.guardrail.content.output.value": "{}" } : guardrail;
  loggerProvider.getLogger(...scope).emit({ eventName: GUARDRAIL_EVENT, attributes: logAttributes });

  const captured = await providers.captured("hand-made", FACTS);
  await providers.shutdown();
  return captured;
}

function findingIds(captured: Captured): string[] {
  const findings = new Findings();
  checkSpans(model, captured, findings);
  checkMetrics(model, captured, findings);
  checkEvents(model, captured, findings);
  return findings.list().map((f) => f.id);
}

describe("the conformance checks", () => {
  it("find nothing in telemetry that follows the conventions", async () => {
    expect(findingIds(await handMade())).toEqual([]);
  });

  it("name each deviation", async () => {
    const ids = findingIds(
      await handMade({
        dropProvider: true,
        usageOnChildToo: true,
        averageChunkTime: true,
        durationInMs: true,
        contentAsStringOnEvent: true,
        oldMetricName: true,
        usageAsHistogram: true,
        defaultBuckets: true,
      }),
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        "span.required-missing gen_ai.provider.name",
        "metric.required-missing gen_ai.client.inference.duration gen_ai.provider.name",
        "trace.usage-sum gen_ai.usage.input_tokens",
        "span.attr-outside-genai-span gen_ai.usage.input_tokens",
        `metric.per-chunk ${METRICS.timePerOutputChunk}`,
        `metric.unit ${METRICS.duration}`,
        "attr.structured gen_ai.guardrail.content.output.value",
        "metric.unknown gen_ai.client.operation.time_to_first_chunk",
        `metric.expected-missing ${METRICS.timeToFirstChunk}`,
        `metric.instrument ${METRICS.usageOutput}`,
        `metric.buckets ${METRICS.timePerOutputChunk}`,
      ]),
    );
  });
});
