/**
 * semconv.md against what `l0()` really emits, both ways: the attribute keys (and types) of the
 * operation and attempt spans, the span events and their attribute keys, and every instrument's
 * name, type, unit, buckets, attribute keys and Prometheus name. Parsed from the document's
 * tables, so the document cannot drift from the code.
 */
import type { AttributeValue } from "@opentelemetry/api";
import { DataPointType, type Histogram, type MetricData } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { cellNames, documents, repoFile, section, tableRows } from "./doc-tables.js";
import { createHarness, type Harness } from "./otel-harness.js";
import {
  abortedCall,
  capturedViolationCall,
  describedCall,
  failedWithUsageCall,
  fallbackCall,
  richCall,
  timedOutCall,
} from "./rich-call.js";

const semconv = repoFile("semconv.md");
/** The identity every GenAI metric carries when known (not listed per metric in semconv.md). */
const IDENTITY = ["gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model", "server.address", "server.port"];

let h: Harness;
let handle: L0InstrumentationHandle;
let operationSpans: ReadableSpan[];
let attemptSpans: ReadableSpan[];
let metrics: Map<string, MetricData>;
let exposition: string;

beforeAll(async () => {
  h = createHarness();
  // Room for every identity of these calls (the default limit holds 4 in the latency histograms).
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider, cardinalityLimit: 1000 });
  await richCall({ tenant: "acme", tags: ["a", "b"] });
  await fallbackCall();
  await capturedViolationCall();
  await abortedCall();
  await timedOutCall();
  await failedWithUsageCall();
  await describedCall();
  const l0Spans = h.spans().filter((s) => s.instrumentationScope.name === "l0");
  attemptSpans = l0Spans.filter((s) => s.name === "l0.attempt");
  operationSpans = l0Spans.filter((s) => s.name !== "l0.attempt");
  metrics = await h.metrics();
  exposition = await h.prometheus();
});
afterAll(async () => {
  await handle.shutdown();
});

interface DocAttribute {
  name: string;
  type: string;
}

/** Attribute rows of a span table: one entry per documented name, with its own type. */
function spanTable(heading: string): DocAttribute[] {
  const out: DocAttribute[] = [];
  for (const [nameCell = "", typeCell = ""] of tableRows(section(semconv, heading))) {
    const names = cellNames(nameCell);
    const types = typeCell.split(" / ").map((t) => t.trim());
    names.forEach((name, i) => out.push({ name, type: types.length === names.length ? types[i]! : typeCell }));
  }
  return out;
}

function hasType(type: string, value: AttributeValue): boolean {
  const ints = (v: unknown): boolean => Number.isInteger(v);
  switch (type) {
    case "string":
      return typeof value === "string";
    case "string (JSON)":
      return typeof value === "string" && JSON.parse(value) !== undefined;
    case "int":
      return ints(value);
    case "double":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "int[]":
      return Array.isArray(value) && value.every(ints);
    default:
      // "primitive / primitive array / JSON string" (metadata) and rows that refer to another table
      return true;
  }
}

function checkSpans(spans: ReadableSpan[], doc: DocAttribute[], fallbackDoc: DocAttribute[] = []): void {
  expect(spans.length).toBeGreaterThan(0);
  const emitted = new Set<string>();
  for (const span of spans) {
    for (const [key, value] of Object.entries(span.attributes)) {
      emitted.add(key);
      const row = doc.find((d) => documents(d.name, key));
      expect(row, `${span.name}: attribute ${key} is not in semconv.md`).toBeDefined();
      const type = row!.type === "" ? (fallbackDoc.find((d) => documents(d.name, key))?.type ?? "") : row!.type;
      expect(hasType(type, value!), `${key} = ${JSON.stringify(value)} is not ${type}`).toBe(true);
    }
  }
  for (const { name } of doc) {
    expect(
      [...emitted].some((key) => documents(name, key)),
      `semconv.md documents ${name}, never emitted`,
    ).toBe(true);
  }
}

describe("semconv.md spans", () => {
  it("documents every operation span attribute with its type, and every documented one is emitted", () => {
    checkSpans(operationSpans, spanTable("### Operation span"));
  });

  it("documents every attempt span attribute with its type, and every documented one is emitted", () => {
    checkSpans(attemptSpans, spanTable("### Attempt span"), spanTable("### Operation span"));
  });

  it("names the spans as documented", () => {
    // `{operation} {request model}`, the model given, described or learned from the response; `{operation}` without one.
    for (const span of operationSpans) {
      const model = span.attributes["gen_ai.request.model"];
      expect(span.name).toBe(model === undefined ? "chat" : `chat ${String(model)}`);
    }
    expect(new Set(operationSpans.map((s) => s.name))).toEqual(new Set(["chat gpt-4o", "chat mock-gpt", "chat", "chat gpt-4o-mini"]));
    expect(section(semconv, "### Attempt span")).toBeDefined();
    expect(semconv).toContain("### Attempt span `l0.attempt`");
  });
});

describe("semconv.md content capture", () => {
  it("gen_ai.output.messages is the kept output on the operation span only; finish reasons are the provider's, or error", () => {
    const fine = operationSpans.find(
      (s) => s.attributes["gen_ai.output.messages"] === '[{"role":"assistant","parts":[{"type":"text","content":"fine"}]}]',
    );
    expect(fine, "the fallback call's kept output").toBeDefined();
    expect(fine!.attributes["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
    const failed = operationSpans.find(
      (s) => s.attributes["l0.outcome"] === "failed" && s.attributes["error.type"] === "initial_token_timeout",
    )!;
    expect(failed.attributes["gen_ai.response.finish_reasons"]).toEqual(["error"]);
    expect(attemptSpans.some((s) => s.attributes["gen_ai.output.messages"] !== undefined)).toBe(false);
  });

  it("gen_ai.input.messages and gen_ai.system_instructions are the described request's, in the conventions' structure", () => {
    const described = operationSpans.find((s) => s.attributes["gen_ai.request.model"] === "gpt-4o-mini")!;
    expect(JSON.parse(String(described.attributes["gen_ai.input.messages"]))).toEqual([
      { role: "user", parts: [{ type: "text", content: "How does the cache work?" }] },
    ]);
    expect(JSON.parse(String(described.attributes["gen_ai.system_instructions"]))).toEqual([{ type: "text", content: "Answer briefly." }]);
    expect(described.attributes).toMatchObject({
      "server.address": "llm.internal.example",
      "server.port": 8443,
      "gen_ai.request.max_tokens": 256,
      "gen_ai.request.choice.count": 2,
      "gen_ai.request.stop_sequences": ["\n\n"],
    });
  });
});

describe("semconv.md span events", () => {
  const rows = tableRows(section(semconv, "## Span events"));

  it("documents every event l0 emits, on the right span, with exactly its attribute keys", () => {
    const documented = new Set(rows.map(([event = ""]) => cellNames(event)[0]));
    const seen = new Map<string, { keys: Set<string>; on: Set<string> }>();
    for (const [spans, on] of [
      [operationSpans, "operation"],
      [attemptSpans, "attempt"],
    ] as const) {
      for (const span of spans) {
        for (const event of span.events) {
          expect(documented.has(event.name), `event ${event.name} is not in semconv.md`).toBe(true);
          const entry = seen.get(event.name) ?? { keys: new Set<string>(), on: new Set<string>() };
          for (const key of Object.keys(event.attributes ?? {})) entry.keys.add(key);
          entry.on.add(on);
          seen.set(event.name, entry);
        }
      }
    }
    for (const [eventCell = "", onCell = "", attributesCell = ""] of rows) {
      const name = cellNames(eventCell)[0]!;
      const entry = seen.get(name);
      expect(entry, `semconv.md documents event ${name}, never emitted`).toBeDefined();
      expect([...entry!.keys].sort(), name).toEqual([...new Set(cellNames(attributesCell))].sort());
      expect([...entry!.on], name).toEqual([onCell.split(" ")[0]]);
    }
  });
});

describe("semconv.md metrics", () => {
  const rows = tableRows(section(semconv, "## Metrics"));
  const bucketLine = (label: string): number[] => {
    const line = section(semconv, "## Metrics")
      .split("\n")
      .find((l) => l.startsWith(`- ${label}`))!;
    return /`([\d., ]+)`/.exec(line)![1]!.split(",").map(Number);
  };
  /** Instrument type of collected data: a Counter is a monotonic sum. */
  const typeOf = (metric: MetricData): string => {
    if (metric.dataPointType === DataPointType.SUM) return metric.isMonotonic ? "Counter" : "UpDownCounter";
    return metric.dataPointType === DataPointType.HISTOGRAM ? "Histogram" : metric.dataPointType === DataPointType.GAUGE ? "Gauge" : "?";
  };

  it("documents exactly the instruments l0 records", () => {
    const documented = rows.map(([name = ""]) => cellNames(name)[0]);
    expect([...metrics.keys()].sort()).toEqual([...documented].sort());
  });

  it("gives each instrument its documented type, unit, buckets, attribute keys and Prometheus name", () => {
    const prometheusTypes = new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    let previousAttributes: string[] = [];
    for (const [nameCell = "", type = "", unit = "", buckets = "", attributesCell = "", , promCell = ""] of rows) {
      const name = cellNames(nameCell)[0]!;
      const metric = metrics.get(name)!;
      expect(typeOf(metric), name).toBe(type);
      expect(metric.descriptor.unit, name).toBe(unit);
      if (buckets !== "") {
        const expected = bucketLine(
          buckets.startsWith("duration") ? "Duration buckets" : buckets.startsWith("latency") ? "Latency buckets" : "Token buckets",
        );
        for (const point of metric.dataPoints) expect((point.value as Histogram).buckets.boundaries, name).toEqual(expected);
      } else {
        expect(metric.dataPointType, name).not.toBe(DataPointType.HISTOGRAM);
      }
      const documentedAttributes = attributesCell.startsWith("as above") ? previousAttributes : cellNames(attributesCell);
      previousAttributes = documentedAttributes;
      const emitted = new Set(metric.dataPoints.flatMap((p) => Object.keys(p.attributes)));
      expect([...emitted].filter((k) => !IDENTITY.includes(k)).sort(), name).toEqual([...documentedAttributes].sort());
      const promName = cellNames(promCell)[0]!;
      expect(prometheusTypes.get(promName), `${name} → ${promName}`).toBe(type.toLowerCase());
    }
  });

  it("lists the advisory buckets of the code", async () => {
    const { GEN_AI_DURATION_BUCKETS, GEN_AI_TOKEN_USAGE_BUCKETS, L0_LATENCY_BUCKETS } = await import("../../src/telemetry/metric-names.js");
    expect(bucketLine("Latency buckets")).toEqual([...L0_LATENCY_BUCKETS]);
    expect(bucketLine("Duration buckets")).toEqual([...GEN_AI_DURATION_BUCKETS]);
    expect(bucketLine("Token buckets")).toEqual([...GEN_AI_TOKEN_USAGE_BUCKETS]);
  });
});
