import { describe, expect, it } from "vitest";
import { L0Error, TelemetryExporter, TELEMETRY_CSV_COLUMNS } from "../../src/index.js";
import type { L0Telemetry } from "../../src/index.js";
import { fullTelemetry, minimalTelemetry } from "./fixtures.js";

describe("TelemetryExporter.toJSON", () => {
  it("is the pretty-printed telemetry", () => {
    const t = minimalTelemetry("l0_json");
    expect(TelemetryExporter.toJSON(t)).toBe(`{
  "sessionId": "l0_json",
  "startTime": 1700000000000,
  "metrics": {
    "totalTokens": 0,
    "totalRetries": 0,
    "networkRetries": 0,
    "modelRetries": 0
  },
  "network": {
    "errorCount": 0,
    "errorsByType": {}
  }
}`);
    expect(JSON.parse(TelemetryExporter.toJSON(fullTelemetry()))).toEqual(fullTelemetry());
  });

  it("rejects a missing telemetry with a typed error naming the field", () => {
    const call = () => TelemetryExporter.toJSON(undefined as unknown as L0Telemetry);
    expect(call).toThrow(L0Error);
    expect(call).toThrow(/"telemetry"/);
  });
});

describe("TelemetryExporter.toCSV", () => {
  it("is a stable header line and one row", () => {
    expect(TelemetryExporter.toCSV(fullTelemetry())).toBe(
      "session_id,start_time,end_time,duration_ms,tokens,tokens_per_second,ttft_ms,avg_inter_token_ms,total_retries,network_retries,model_retries,network_errors,violations,drift_detected," +
        "token_source,discarded_tokens,billed_input_tokens,billed_output_tokens,chunks,generation_time_ms\n" +
        "l0_1700000000000_abc123,2023-11-14T22:13:20.000Z,2023-11-14T22:13:21.500Z,1500,150,100,250,8.5,3,2,1,2,3,true," +
        "provider,40,60,190,120,1500",
    );
    expect(TelemetryExporter.csvHeader()).toBe(TELEMETRY_CSV_COLUMNS.join(","));
  });

  it("leaves unknown values empty", () => {
    expect(TelemetryExporter.toCSVRow(minimalTelemetry("s1"))).toBe("s1,2023-11-14T22:13:20.000Z,,,0,,,,0,0,0,0,0,,,,,,,");
  });

  it("quotes fields holding commas, quotes and newlines (RFC 4180)", () => {
    const row = TelemetryExporter.toCSVRow(fullTelemetry({ sessionId: 'a,b "c"\nd' }));
    expect(row.startsWith('"a,b ""c""\nd",2023-11-14T22:13:20.000Z,')).toBe(true);
    expect(TelemetryExporter.toCSVRow(fullTelemetry({ sessionId: "cr\rx" })).startsWith('"cr\rx",')).toBe(true);
  });

  it("appends many calls under one header with csvHeader + toCSVRow", () => {
    const lines = [
      TelemetryExporter.csvHeader(),
      TelemetryExporter.toCSVRow(minimalTelemetry("a")),
      TelemetryExporter.toCSVRow(minimalTelemetry("b")),
    ];
    const file = lines.join("\n") + "\n";
    expect(file.split("\n").filter((l) => l.startsWith("session_id"))).toHaveLength(1);
    expect(file.split("\n")[2]?.startsWith("b,")).toBe(true);
  });
});

describe("TelemetryExporter.toLogFormat", () => {
  it("has the spec's snake_case fields", () => {
    expect(TelemetryExporter.toLogFormat(fullTelemetry())).toEqual({
      session_id: "l0_1700000000000_abc123",
      timestamp: 1_700_000_000_000,
      duration_ms: 1500,
      metrics: {
        tokens: 150,
        tokens_per_second: 100,
        time_to_first_token_ms: 250,
        avg_inter_token_time_ms: 8.5,
        total_retries: 3,
        network_retries: 2,
        model_retries: 1,
        token_source: "provider",
        discarded_tokens: 40,
        billed_input_tokens: 60,
        billed_output_tokens: 190,
        chunks: 120,
        generation_time_ms: 1500,
      },
      network: { error_count: 2, errors_by_type: { connection_dropped: 1, timeout: 1 } },
      guardrails: {
        violation_count: 3,
        violations_by_rule: { "json-structure": 2, "no-pii": 1 },
        violations_by_severity: { warning: 1, error: 2, fatal: 0 },
      },
      drift: { detected: true, types: ["tone_shift"] },
      metadata: { user_tier: "premium", region: "us-east-1", attempt_budget: 3, beta: true, nested: { a: 1 }, list: [1, 2], nothing: null },
    });
  });

  it("uses null for what the call did not record and does not alias the telemetry", () => {
    const t = minimalTelemetry("m");
    const entry = TelemetryExporter.toLogFormat(t);
    expect(entry).toEqual({
      session_id: "m",
      timestamp: 1_700_000_000_000,
      duration_ms: null,
      metrics: {
        tokens: 0,
        tokens_per_second: null,
        time_to_first_token_ms: null,
        avg_inter_token_time_ms: null,
        total_retries: 0,
        network_retries: 0,
        model_retries: 0,
        token_source: null,
        discarded_tokens: null,
        billed_input_tokens: null,
        billed_output_tokens: null,
        chunks: null,
        generation_time_ms: null,
      },
      network: { error_count: 0, errors_by_type: {} },
      guardrails: null,
      drift: null,
      metadata: {},
    });
    entry.network.errors_by_type["x"] = 1;
    expect(t.network.errorsByType).toEqual({});
  });
});

describe("TelemetryExporter.toMetrics", () => {
  it("emits the spec's names in documented units, tagged with primitive metadata only", () => {
    const tags = { user_tier: "premium", region: "us-east-1", attempt_budget: "3", beta: "true" };
    const at = 1_700_000_001_500;
    expect(TelemetryExporter.toMetrics(fullTelemetry())).toEqual([
      { name: "l0.duration", value: 1500, timestamp: at, tags },
      { name: "l0.tokens.total", value: 150, timestamp: at, tags },
      { name: "l0.tokens.discarded", value: 40, timestamp: at, tags },
      { name: "l0.tokens.billed.input", value: 60, timestamp: at, tags },
      { name: "l0.tokens.billed.output", value: 190, timestamp: at, tags },
      { name: "l0.chunks.total", value: 120, timestamp: at, tags },
      { name: "l0.generation_time", value: 1500, timestamp: at, tags },
      { name: "l0.tokens.per_second", value: 100, timestamp: at, tags },
      { name: "l0.time_to_first_token", value: 250, timestamp: at, tags },
      { name: "l0.retries.total", value: 3, timestamp: at, tags },
      { name: "l0.retries.network", value: 2, timestamp: at, tags },
      { name: "l0.retries.model", value: 1, timestamp: at, tags },
      { name: "l0.network.errors", value: 2, timestamp: at, tags },
      { name: "l0.guardrails.violations", value: 3, timestamp: at, tags },
    ]);
  });

  it("never produces [object Object] tags and omits unknown timings", () => {
    const metrics = TelemetryExporter.toMetrics(minimalTelemetry("x"));
    expect(metrics.map((m) => m.name)).toEqual([
      "l0.tokens.total",
      "l0.retries.total",
      "l0.retries.network",
      "l0.retries.model",
      "l0.network.errors",
      "l0.guardrails.violations",
    ]);
    expect(metrics.every((m) => m.timestamp === 1_700_000_000_000 && Object.keys(m.tags).length === 0)).toBe(true);
    const tagged = TelemetryExporter.toMetrics(fullTelemetry({ metadata: { o: { deep: true }, fn: () => 1, s: "ok" } }));
    for (const m of tagged) expect(m.tags).toEqual({ s: "ok" });
    tagged[0]!.tags["s"] = "changed";
    expect(tagged[1]!.tags["s"]).toBe("ok");
  });
});
