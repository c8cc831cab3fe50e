/**
 * Metric checks: every `gen_ai.*` instrument l0 records must be a metric of the model with its
 * instrument kind, unit, value type and advisory buckets; its data points carry only the metric's
 * attributes, with their types and requirement levels; the inference metrics issue 15 asks for are
 * recorded (time per output chunk once per chunk after the first, usage counters summing to the
 * billed usage); `l0.*` instruments and attributes are documented.
 */
import { ValueType } from "@opentelemetry/api";
import { DataPointType, type HistogramMetricData, type MetricData } from "@opentelemetry/sdk-metrics";
import { checkAttribute, checkL0Name, isConventionKey } from "./check-attributes.js";
import type { Findings } from "./findings.js";
import { EXPECTED_SCHEMA_URL, INFERENCE_OPERATIONS, METRICS } from "./l0-expectations.js";
import type { SemconvModel, SignalDef } from "./semconv-model.js";
import type { Captured } from "./telemetry-capture.js";

/** The model's instrument name of a metric, from its OTel data model (point type, monotonicity). */
function instrumentOf(metric: MetricData): string {
  switch (metric.dataPointType) {
    case DataPointType.HISTOGRAM:
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      return "histogram";
    case DataPointType.SUM:
      return metric.isMonotonic ? "counter" : "updowncounter";
    case DataPointType.GAUGE:
      return "gauge";
  }
}

function sum(metric: MetricData | undefined): number {
  if (metric === undefined) return 0;
  let total = 0;
  for (const point of metric.dataPoints)
    total += typeof point.value === "number" ? point.value : ((point.value as { sum?: number }).sum ?? 0);
  return total;
}

/** Runs every metric check on one capture. */
export function checkMetrics(model: SemconvModel, captured: Captured, findings: Findings): void {
  const emitted = new Map<string, MetricData>();
  for (const { scope, metric } of captured.metrics) {
    if (scope.name !== "l0") continue;
    const name = metric.descriptor.name;
    emitted.set(name, metric);
    const where = `${captured.fixture} > metric "${name}"`;
    if (scope.schemaUrl !== EXPECTED_SCHEMA_URL) {
      findings.add(
        "scope.schema-url meter",
        `l0's meter must carry the schema URL ${EXPECTED_SCHEMA_URL}`,
        `${where}: ${String(scope.schemaUrl)}`,
      );
    }
    if (name.startsWith("gen_ai.")) {
      const def = model.metrics.get(name);
      if (def === undefined) {
        const keys = [...new Set(metric.dataPoints.flatMap((p) => Object.keys(p.attributes)))].join(", ");
        findings.add(
          `metric.unknown ${name}`,
          `"${name}" is not a metric of the targeted conventions (renamed or removed?); its attributes: ${keys}`,
          where,
        );
        continue;
      }
      checkMetricShape(model, def, metric, findings, where);
      checkMetricPoints(model, def, metric, captured, findings, where);
    } else if (name.startsWith("l0.")) {
      checkL0Name(findings, "metric", name, where);
      for (const point of metric.dataPoints) {
        for (const [key, value] of Object.entries(point.attributes)) {
          if (key.startsWith("l0.")) checkL0Name(findings, "attribute", key, where);
          else if (isConventionKey(key)) checkAttribute(model, findings, "metric", undefined, key, value, where);
        }
      }
    }
  }
  checkExpectedMetrics(captured, emitted, findings);
}

function checkMetricShape(model: SemconvModel, def: SignalDef, metric: MetricData, findings: Findings, where: string): void {
  const name = def.name;
  const instrument = instrumentOf(metric);
  if (instrument !== def.instrument)
    findings.add(`metric.instrument ${name}`, `"${name}" must be a ${def.instrument}, is a ${instrument}`, where);
  if (metric.descriptor.unit !== (def.unit ?? ""))
    findings.add(`metric.unit ${name}`, `"${name}" must have unit "${def.unit}", has "${metric.descriptor.unit}"`, where);
  const valueType = metric.descriptor.valueType === ValueType.INT ? "int" : "double";
  if (def.valueType !== undefined && valueType !== def.valueType)
    findings.add(`metric.value-type ${name}`, `"${name}" values must be ${def.valueType}, are ${valueType}`, where);
  const advice = model.buckets.get(name);
  if (advice !== undefined && def.instrument === "histogram") {
    const boundaries = (metric as HistogramMetricData).dataPoints[0]?.value.buckets.boundaries;
    if (boundaries !== undefined && boundaries.join() !== advice.join()) {
      findings.add(
        `metric.buckets ${name}`,
        `"${name}" must use the advisory buckets [${advice.join(", ")}]`,
        `${where}: [${boundaries.join(", ")}]`,
      );
    }
  }
  if (
    name === METRICS.operationDuration &&
    metric.dataPoints.some((p) => INFERENCE_OPERATIONS.has(String(p.attributes["gen_ai.operation.name"])))
  ) {
    findings.add(
      `metric.not-for-inference ${name}`,
      `"${name}" SHOULD NOT be reported for inference operations; use ${METRICS.duration}`,
      where,
    );
  }
}

function checkMetricPoints(
  model: SemconvModel,
  def: SignalDef,
  metric: MetricData,
  captured: Captured,
  findings: Findings,
  where: string,
): void {
  const facts = captured.facts;
  let withError = 0;
  for (const point of metric.dataPoints) {
    const attributes = point.attributes;
    const at = `${where} {${Object.entries(attributes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(", ")}}`;
    for (const [key, value] of Object.entries(attributes)) {
      if (isConventionKey(key)) checkAttribute(model, findings, "metric", def, key, value, at);
      else findings.add(`metric.attr.foreign ${def.name} ${key}`, `"${key}" is no attribute of "${def.name}"`, at);
    }
    for (const use of def.attributes.values()) {
      if (use.level === "required" && attributes[use.key] === undefined)
        findings.add(`metric.required-missing ${def.name} ${use.key}`, `Required "${use.key}" is missing on "${def.name}"`, at);
    }
    if (attributes["server.address"] !== undefined && attributes["server.port"] === undefined)
      findings.add(`metric.conditional-missing ${def.name} server.port`, `"server.port" is required when "server.address" is set`, at);
    if (
      facts.requestModel !== undefined &&
      attributes["gen_ai.request.model"] !== facts.requestModel &&
      def.attributes.has("gen_ai.request.model")
    ) {
      findings.add(
        `metric.conditional-missing ${def.name} gen_ai.request.model`,
        `"gen_ai.request.model" is required when available (the fixture gave "${facts.requestModel}")`,
        at,
      );
    }
    if (attributes["error.type"] !== undefined) withError++;
  }
  if (facts.failed && def.attributes.has("error.type") && withError === 0) {
    findings.add(
      `metric.conditional-missing ${def.name} error.type`,
      `"error.type" is required on "${def.name}" when the operation ended in an error`,
      where,
    );
  }
}

function checkExpectedMetrics(captured: Captured, emitted: ReadonlyMap<string, MetricData>, findings: Findings): void {
  const facts = captured.facts;
  const where = captured.fixture;
  const expect = (name: string, why: string): MetricData | undefined => {
    const metric = emitted.get(name);
    if (metric === undefined) findings.add(`metric.expected-missing ${name}`, `"${name}" is not recorded: ${why}`, where);
    return metric;
  };
  expect(METRICS.duration, "the inference duration (Recommended; replaces gen_ai.client.operation.duration for inference)");
  expect(METRICS.operationInput, "per-operation input tokens (Recommended, for failed operations too)");
  expect(METRICS.operationOutput, "per-operation output tokens (Recommended, for failed operations too)");
  const usageInput = expect(METRICS.usageInput, "input token usage counter (Recommended, for failed operations too)");
  const usageOutput = expect(METRICS.usageOutput, "output token usage counter (Recommended, for failed operations too)");
  if (facts.contentChunks.some((c) => c > 0)) expect(METRICS.timeToFirstChunk, "streaming call that received a chunk");
  const expectedChunks = facts.contentChunks.reduce((n, c) => n + Math.max(0, c - 1), 0);
  if (expectedChunks > 0) {
    const tpoc = expect(METRICS.timePerOutputChunk, "streaming call with chunks after the first");
    const count = (tpoc as HistogramMetricData | undefined)?.dataPoints.reduce((n, p) => n + p.value.count, 0);
    if (count !== undefined && count !== expectedChunks) {
      findings.add(
        `metric.per-chunk ${METRICS.timePerOutputChunk}`,
        `one value per chunk after the first, per request: expected ${expectedChunks} values (content chunks per attempt ${JSON.stringify(facts.contentChunks)})`,
        `${where}: ${count} recorded`,
      );
    }
  }
  const billed = facts.billedUsage;
  if (billed !== undefined) {
    for (const [metric, expected, name] of [
      [usageInput, billed.input, METRICS.usageInput],
      [usageOutput, billed.output, METRICS.usageOutput],
    ] as const) {
      if (metric !== undefined && sum(metric) !== expected)
        findings.add(
          `metric.usage-sum ${name}`,
          `"${name}" must add up to the billed usage`,
          `${where}: ${sum(metric)}, billed ${expected}`,
        );
    }
  }
}
