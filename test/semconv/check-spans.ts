/**
 * Span checks: every l0 span that carries `gen_ai.operation.name` is a GenAI inference span and
 * must follow `gen_ai.client.inference` (name, kind, attribute set, types, requirement levels,
 * sampling-relevant attributes at start, opt-in content only when captured); convention attributes
 * on other spans are flagged; usage summed over the trace must equal what the provider billed.
 */
import { SpanKind, SpanStatusCode, type Attributes } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { checkAttribute, checkL0Name, isConventionKey } from "./check-attributes.js";
import { checkEventAttributes } from "./check-events.js";
import type { Findings } from "./findings.js";
import { EXPECTED_SCHEMA_URL, INFERENCE_SPAN } from "./l0-expectations.js";
import type { SemconvModel, SignalDef } from "./semconv-model.js";
import type { Captured } from "./telemetry-capture.js";

const CONTENT = ["gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions", "gen_ai.tool.definitions"];

/** l0's spans of a capture. */
function l0Spans(captured: Captured): ReadableSpan[] {
  return captured.spans.filter((span) => span.instrumentationScope.name === "l0");
}

/** Whether a span is a GenAI (inference) span. */
function isGenAiSpan(span: ReadableSpan): boolean {
  return span.attributes["gen_ai.operation.name"] !== undefined;
}

/** Runs every span check on one capture. */
export function checkSpans(model: SemconvModel, captured: Captured, findings: Findings): void {
  const inference = model.spans.get(INFERENCE_SPAN);
  if (inference === undefined) throw new Error(`the model has no ${INFERENCE_SPAN} span`);
  for (const span of l0Spans(captured)) {
    const where = `${captured.fixture} > span "${span.name}"`;
    if (span.instrumentationScope.schemaUrl !== EXPECTED_SCHEMA_URL) {
      findings.add(
        "scope.schema-url tracer",
        `l0's tracer must carry the schema URL ${EXPECTED_SCHEMA_URL}`,
        `${where}: ${String(span.instrumentationScope.schemaUrl)}`,
      );
    }
    const genAi = isGenAiSpan(span);
    for (const [key, value] of Object.entries(span.attributes)) {
      if (isConventionKey(key)) {
        // `error.type` and `server.*` are general attributes (any span may carry them); `gen_ai.*` make a GenAI span.
        if (!genAi && key.startsWith("gen_ai."))
          findings.add(
            `span.attr-outside-genai-span ${key}`,
            `"${key}" is set on a span that is no GenAI span (no gen_ai.operation.name)`,
            where,
          );
        checkAttribute(model, findings, "span", genAi ? inference : undefined, key, value, where);
      } else if (key.startsWith("l0.")) checkL0Name(findings, "attribute", key, where);
    }
    for (const event of span.events) {
      const eventWhere = `${where} event "${event.name}"`;
      if (event.name.startsWith("gen_ai."))
        checkEventAttributes(model, findings, "span event", event.name, event.attributes ?? {}, eventWhere);
      else if (event.name.startsWith("l0.")) {
        checkL0Name(findings, "span event", event.name, eventWhere);
        for (const key of Object.keys(event.attributes ?? {})) {
          if (key.startsWith("l0.")) checkL0Name(findings, "attribute", key, eventWhere);
          else if (isConventionKey(key)) checkAttribute(model, findings, "span event", undefined, key, event.attributes![key], eventWhere);
        }
      }
    }
    if (genAi) checkInferenceSpan(inference, captured, span, findings, where);
  }
  checkUsageSum(captured, findings);
}

function checkInferenceSpan(def: SignalDef, captured: Captured, span: ReadableSpan, findings: Findings, where: string): void {
  const attributes = span.attributes;
  const facts = captured.facts;
  const has = (key: string): boolean => attributes[key] !== undefined;
  const operation = String(attributes["gen_ai.operation.name"]);
  const model = attributes["gen_ai.request.model"];
  const expectedName = model === undefined ? operation : `${operation} ${String(model)}`;
  if (span.name !== expectedName) {
    findings.add(
      `span.name ${span.name}`,
      `a GenAI inference span SHOULD be named "{gen_ai.operation.name} {gen_ai.request.model}"`,
      `${where}: expected "${expectedName}"`,
    );
  }
  if (span.kind !== SpanKind.CLIENT) {
    findings.add(
      `span.kind ${span.name}`,
      `a GenAI inference span of a remote provider call SHOULD be CLIENT, is ${SpanKind[span.kind]}`,
      where,
    );
  }
  for (const use of def.attributes.values()) {
    if (use.level === "required" && !has(use.key))
      findings.add(`span.required-missing ${use.key}`, `Required "${use.key}" is missing on a GenAI inference span`, where);
  }
  // Conditionally required, where the condition is decidable in the fixture:
  const failed = span.status.code === SpanStatusCode.ERROR;
  if (failed && !has("error.type"))
    findings.add(
      "span.conditional-missing error.type",
      `"error.type" is required when the operation ended in an error (status ERROR)`,
      where,
    );
  if (!failed && has("error.type"))
    findings.add("span.error-type-on-success", `"error.type" SHOULD NOT be set when the operation did not end in an error`, where);
  if (has("server.address") && !has("server.port"))
    findings.add("span.conditional-missing server.port", `"server.port" is required when "server.address" is set`, where);
  if (facts.requestModel !== undefined && attributes["gen_ai.request.model"] !== facts.requestModel) {
    findings.add(
      "span.conditional-missing gen_ai.request.model",
      `"gen_ai.request.model" is required when available (the fixture gave "${facts.requestModel}")`,
      `${where}: ${String(attributes["gen_ai.request.model"])}`,
    );
  }
  if (attributes["gen_ai.request.stream"] !== true)
    findings.add(
      "span.conditional-missing gen_ai.request.stream",
      `"gen_ai.request.stream" is required (true) for streaming requests`,
      where,
    );
  if (!facts.captureContent) {
    for (const key of CONTENT)
      if (has(key)) findings.add(`span.opt-in-without-consent ${key}`, `Opt-In "${key}" recorded without captureContent`, where);
  }
  checkSamplingRelevant(def, captured.startAttributes.get(span.spanContext().spanId) ?? {}, attributes, findings, where);
  checkExpectedOnSpan(captured, span, findings, where);
}

function checkSamplingRelevant(def: SignalDef, atStart: Attributes, atEnd: Attributes, findings: Findings, where: string): void {
  for (const key of def.samplingRelevant) {
    if (atEnd[key] !== undefined && atStart[key] === undefined) {
      findings.add(`span.sampling-attr-late ${key}`, `sampling-relevant "${key}" SHOULD be set when the span starts, was set later`, where);
    }
  }
}

/** Recommended attributes issue 15 says l0 records whenever it can see them. */
function checkExpectedOnSpan(captured: Captured, span: ReadableSpan, findings: Findings, where: string): void {
  const facts = captured.facts;
  const attributes = span.attributes;
  const ownChunks = attributes["l0.attempt.chunks"];
  const gotChunk = typeof ownChunks === "number" ? ownChunks > 0 : facts.contentChunks.some((c) => c > 0);
  const expect = (key: string, why: string, expected?: unknown): void => {
    const actual = attributes[key];
    if (actual === undefined || (expected !== undefined && actual !== expected)) {
      findings.add(
        `span.expected-missing ${key}`,
        `${why}${expected === undefined ? "" : ` (expected ${JSON.stringify(expected)})`}`,
        `${where}: ${JSON.stringify(actual)}`,
      );
    }
  };
  if (gotChunk) expect("gen_ai.response.time_to_first_chunk", "Recommended for streaming requests; l0 measures it");
  if (facts.responseModel !== undefined && gotChunk)
    expect("gen_ai.response.model", "Recommended; the provider's chunks named the model", facts.responseModel);
  if (facts.server !== undefined) {
    expect("server.address", "Recommended; the client exposes where it sent the request", facts.server.address);
    expect("server.port", "Conditionally Required with server.address", facts.server.port);
  }
}

/** Summing `gen_ai.usage.*` over the trace must give what the provider billed (no fact on two spans). */
function checkUsageSum(captured: Captured, findings: Findings): void {
  const billed = captured.facts.billedUsage;
  if (billed === undefined) return;
  for (const [key, expected] of [
    ["gen_ai.usage.input_tokens", billed.input],
    ["gen_ai.usage.output_tokens", billed.output],
  ] as const) {
    let sum = 0;
    for (const span of captured.spans) {
      const value = span.attributes[key];
      if (typeof value === "number") sum += value;
    }
    if (sum !== expected) {
      findings.add(
        `trace.usage-sum ${key}`,
        `summed over the trace, "${key}" must equal the billed usage`,
        `${captured.fixture}: sum ${sum}, billed ${expected}`,
      );
    }
  }
}
