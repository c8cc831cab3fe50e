import { diag, DiagLogLevel } from "@opentelemetry/api";
import type { DiagLogger } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import {
  createPrometheusCollector,
  createPrometheusRegistry,
  DRIFT_TYPES,
  ERROR_TYPE_CATEGORY,
  ERROR_TYPES,
  PrometheusCollector,
  PrometheusRegistry,
} from "../../src/index.js";
import { L0_PROMETHEUS_METRICS, PROMETHEUS_DURATION_BUCKETS } from "../../src/semconv.js";
import { fullTelemetry, minimalTelemetry } from "./fixtures.js";
import { expectInvalidOption } from "../helpers/invalid-option.js";

const ID = 'service="my-app",model="gpt-4",endpoint="/chat"';
// The label values whose series the collector creates at 0: l0's closed sets (semconv.md, "Series at 0").
const ofCategory = (category: "network" | "model") => ERROR_TYPES.filter((type) => ERROR_TYPE_CATEGORY[type] === category);
const NETWORK_TYPES = ofCategory("network");
const MODEL_REASONS = ofCategory("model");

/** Every sample after recording fullTelemetry() (with its retry breakdown) and minimalTelemetry() with {model, endpoint}: the zero series of the identity, then the facts. */
function expectedSamples(): Map<string, number> {
  const out = new Map<string, number>();
  const set = (name: string, labels: string, value: number) => out.set(`${name}{${ID}${labels}}`, value);
  for (const name of ["l0_requests_total", "l0_tokens_total", "l0_network_errors_total", "l0_guardrail_violations_total"]) set(name, "", 0);
  for (const type of NETWORK_TYPES) {
    set("l0_network_errors_by_type_total", `,error_type="${type}"`, 0);
    set("l0_retries_total", `,l0_retry_kind="network",error_type="${type}"`, 0);
    set("l0_retries_network_total", `,l0_retry_kind="network",error_type="${type}"`, 0);
  }
  for (const reason of MODEL_REASONS) {
    set("l0_retries_total", `,l0_retry_kind="model",error_type="${reason}"`, 0);
    set("l0_retries_model_total", `,l0_retry_kind="model",error_type="${reason}"`, 0);
  }
  for (const severity of ["warning", "error", "fatal"]) set("l0_guardrail_violations_by_severity_total", `,severity="${severity}"`, 0);
  for (const type of DRIFT_TYPES) set("l0_drift_detected_total", `,drift_type="${type}"`, 0);
  set("l0_requests_total", "", 2);
  set("l0_request_duration_seconds_count", "", 1);
  set("l0_request_duration_seconds_sum", "", 1.5);
  set("l0_tokens_total", "", 150);
  set("l0_tokens_per_second", "", 100);
  set("l0_time_to_first_token_seconds_count", "", 1);
  set("l0_time_to_first_token_seconds_sum", "", 0.25);
  set("l0_retries_total", ',l0_retry_kind="network",error_type="connection_dropped"', 1);
  set("l0_retries_total", ',l0_retry_kind="network",error_type="timeout"', 1);
  set("l0_retries_total", ',l0_retry_kind="model",error_type="guardrail_violation"', 1);
  set("l0_retries_network_total", ',l0_retry_kind="network",error_type="connection_dropped"', 1);
  set("l0_retries_network_total", ',l0_retry_kind="network",error_type="timeout"', 1);
  set("l0_retries_model_total", ',l0_retry_kind="model",error_type="guardrail_violation"', 1);
  set("l0_network_errors_total", "", 2);
  set("l0_network_errors_by_type_total", ',error_type="connection_dropped"', 1);
  set("l0_network_errors_by_type_total", ',error_type="timeout"', 1);
  set("l0_guardrail_violations_total", "", 3);
  set("l0_guardrail_violations_by_severity_total", ',severity="warning"', 1);
  set("l0_guardrail_violations_by_severity_total", ',severity="error"', 2);
  set("l0_guardrail_violations_by_rule_total", ',rule="json-structure"', 2);
  set("l0_guardrail_violations_by_rule_total", ',rule="no-pii"', 1);
  set("l0_drift_detected_total", ',drift_type="tone_shift"', 1);
  set("l0_tokens_discarded_total", "", 40);
  set("l0_tokens_billed_total", ',l0_token_type="input"', 60);
  set("l0_tokens_billed_total", ',l0_token_type="output"', 190);
  set("l0_generation_seconds_total", "", 1.5);
  for (const family of L0_PROMETHEUS_METRICS) out.set(`l0_metric_overflow_total{service="my-app",metric="l0_${family.suffix}"}`, 0);
  return out;
}

/** `name{labels}` → value of every sample line, buckets left out. */
function samplesOf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#") || line.includes("_bucket{")) continue;
    const space = line.lastIndexOf(" ");
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

function captureDiag(): string[] {
  const messages: string[] = [];
  const log = (message: string) => void messages.push(message);
  const logger: DiagLogger = { error: log, warn: log, info: log, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.INFO, suppressOverrideMessage: true });
  return messages;
}

afterEach(() => diag.disable());

describe("createPrometheusCollector", () => {
  it("exposes the spec's metrics, names, types and labels exactly, the known labelled series from 0", () => {
    const collector = createPrometheusCollector({ prefix: "l0", defaultLabels: { service: "my-app" } });
    const retries = { network: { connection_dropped: 1, timeout: 1 }, model: { guardrail_violation: 1 } };
    collector.record(fullTelemetry({ retries }), { model: "gpt-4", endpoint: "/chat" });
    collector.record(minimalTelemetry(), { model: "gpt-4", endpoint: "/chat" });
    const text = collector.expose();
    expect(samplesOf(text)).toEqual(expectedSamples());
    for (const m of L0_PROMETHEUS_METRICS) expect(text).toContain(`# HELP l0_${m.suffix} ${m.help}\n# TYPE l0_${m.suffix} ${m.kind}\n`);
    for (const [name, le] of [
      ["l0_request_duration_seconds", 1.5],
      ["l0_time_to_first_token_seconds", 0.25],
    ] as const) {
      const buckets = [...text.matchAll(new RegExp(`^${name}_bucket\\{${ID},le="([^"]+)"\\} (\\d+)$`, "gm"))].map((m) => [
        m[1],
        Number(m[2]),
      ]);
      expect(buckets).toEqual([...PROMETHEUS_DURATION_BUCKETS.map((b) => [String(b), b >= le ? 1 : 0]), ["+Inf", 1]]);
    }
  });

  it("without a retry breakdown in the telemetry, counts its retries under reason unknown", () => {
    const collector = createPrometheusCollector();
    collector.record(fullTelemetry());
    const text = collector.expose();
    expect(text).toContain('l0_retries_total{l0_retry_kind="network",error_type="unknown"} 2\n');
    expect(text).toContain('l0_retries_model_total{l0_retry_kind="model",error_type="unknown"} 1\n');
  });

  it("exposes every metric of the table with its type", () => {
    const collector = createPrometheusCollector();
    collector.record(fullTelemetry());
    const text = collector.expose();
    for (const m of L0_PROMETHEUS_METRICS) expect(text).toContain(`# TYPE l0_${m.suffix} ${m.kind}\n`);
    expect(L0_PROMETHEUS_METRICS.map((m) => m.suffix)).toEqual([
      "requests_total",
      "request_duration_seconds",
      "tokens_total",
      "tokens_per_second",
      "time_to_first_token_seconds",
      "retries_total",
      "retries_network_total",
      "retries_model_total",
      "network_errors_total",
      "network_errors_by_type_total",
      "guardrail_violations_total",
      "guardrail_violations_by_severity_total",
      "guardrail_violations_by_rule_total",
      "drift_detected_total",
      "tokens_discarded_total",
      "tokens_billed_total",
      "generation_seconds_total",
    ]);
  });

  it("is up to date synchronously right after record(), and matches the async metrics()", async () => {
    const collector = createPrometheusCollector({ prefix: "app" });
    expect(collector).toBeInstanceOf(PrometheusRegistry);
    expect(collector).toBeInstanceOf(PrometheusCollector);
    expect(createPrometheusRegistry()).toBeInstanceOf(PrometheusCollector);
    expect(collector.expose()).toBe("");
    collector.record(minimalTelemetry("a"));
    expect(collector.expose()).toContain("app_requests_total 1\n");
    collector.record(minimalTelemetry("b"));
    expect(collector.expose()).toContain("app_requests_total 2\n");
    expect(await collector.metrics()).toBe(collector.expose());
    collector.record(minimalTelemetry("c"));
    expect(await collector.metrics()).toContain("app_requests_total 3\n");
    expect(collector.expose()).toContain("app_requests_total 3\n");
  });

  it("counts each call exactly once: repeats of the same object or session id are ignored", () => {
    const collector = createPrometheusCollector();
    const t = fullTelemetry();
    collector.record(t, { model: "gpt-4" });
    collector.record(t, { model: "gpt-4" });
    collector.record({ ...t }, { model: "other" });
    collector.record(undefined);
    const text = collector.expose();
    expect(text).toContain('l0_requests_total{model="gpt-4"} 1\n');
    expect(text).not.toContain('model="other"');
    expect(text).toContain('l0_tokens_total{model="gpt-4"} 150\n');
  });

  it("forgets the oldest session ids beyond dedupeWindow (bounded memory)", () => {
    const collector = createPrometheusCollector({ dedupeWindow: 2 });
    for (const id of ["a", "b", "c"]) collector.record(minimalTelemetry(id));
    collector.record(minimalTelemetry("c"));
    collector.record(minimalTelemetry("a"));
    expect(collector.expose()).toContain("l0_requests_total 4\n");
  });

  it("escapes label values (quotes, backslashes, newlines)", () => {
    const collector = createPrometheusCollector({ defaultLabels: { service: 'my "app"' } });
    collector.record(minimalTelemetry(), { path: "C:\\dir\nnext", n: 3, ok: true });
    expect(collector.expose()).toContain('l0_requests_total{service="my \\"app\\"",path="C:\\\\dir\\nnext",n="3",ok="true"} 1\n');
  });

  it("merges default labels, caller labels override them, metric labels win", () => {
    const collector = createPrometheusCollector({ defaultLabels: { service: "a", env: "prod" } });
    collector.record(fullTelemetry(), { env: "dev", error_type: "spoofed" });
    const text = collector.expose();
    expect(text).toContain('l0_requests_total{service="a",env="dev",error_type="spoofed"} 1\n');
    expect(text).toContain('l0_network_errors_by_type_total{service="a",env="dev",error_type="timeout"} 1\n');
  });

  it("drops invalid label names and object values with a diag warning instead of throwing", () => {
    const messages = captureDiag();
    const collector = createPrometheusCollector();
    const labels = { "bad-name": "x", __reserved: "y", le: "1", obj: { a: 1 } as unknown as string, fine: "z" };
    expect(() => collector.record(minimalTelemetry(), labels)).not.toThrow();
    expect(collector.expose()).toContain('l0_requests_total{fine="z"} 1\n');
    expect(messages.filter((m) => m.includes("bad-name"))).toHaveLength(1);
    expect(messages.some((m) => m.includes('"obj"'))).toBe(true);
  });

  it("ignores values that are not telemetry without throwing", () => {
    const messages = captureDiag();
    const collector = createPrometheusCollector();
    collector.record(42 as never);
    collector.record({ sessionId: "x" } as never);
    expect(collector.expose()).toBe("");
    expect(messages.filter((m) => m.includes("not an L0Telemetry"))).toHaveLength(2);
  });

  it("validates its options with typed errors naming the field", () => {
    const cases: Array<[unknown, string]> = [
      [{ prefix: "1abc" }, "prefix"],
      [{ prefix: "my-app" }, "prefix"],
      [{ defaultLabels: { "a-b": "x" } }, "defaultLabels.a-b"],
      [{ defaultLabels: { le: "x" } }, "defaultLabels.le"],
      [{ defaultLabels: { a: { b: 1 } } }, "defaultLabels.a"],
      [{ cardinalityLimit: 0 }, "cardinalityLimit"],
      [{ cardinalityLimit: 2.5 }, "cardinalityLimit"],
      [{ dedupeWindow: 1.5 }, "dedupeWindow"],
    ];
    for (const [options, field] of cases) {
      expectInvalidOption(() => createPrometheusCollector(options as never), field);
    }
  });

  it("records nothing after shutdown and shutdown is idempotent", async () => {
    const collector = createPrometheusCollector();
    collector.record(minimalTelemetry("a"));
    await collector.shutdown();
    await collector.shutdown();
    collector.record(minimalTelemetry("b"));
    expect(collector.expose()).toContain("l0_requests_total 1\n");
  });
});
