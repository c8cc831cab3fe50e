import { diag, DiagLogLevel } from "@opentelemetry/api";
import type { DiagLogger } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { createPrometheusCollector, L0Error, L0_PROMETHEUS_METRICS } from "../../src/index.js";
import { fullTelemetry, minimalTelemetry } from "./fixtures.js";

/** Exposition after recording fullTelemetry() and minimalTelemetry() with {model, endpoint}. */
const EXPECTED = `# HELP l0_requests_total Total L0 requests
# TYPE l0_requests_total counter
l0_requests_total{service="my-app",model="gpt-4",endpoint="/chat"} 2
# HELP l0_request_duration_seconds L0 request duration in seconds
# TYPE l0_request_duration_seconds histogram
l0_request_duration_seconds_count{service="my-app",model="gpt-4",endpoint="/chat"} 1
l0_request_duration_seconds_sum{service="my-app",model="gpt-4",endpoint="/chat"} 1.5
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.01"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.02"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.04"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.08"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.16"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.32"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.64"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="1.28"} 0
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="2.56"} 1
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="5.12"} 1
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="10.24"} 1
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="20.48"} 1
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="40.96"} 1
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="81.92"} 1
l0_request_duration_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="+Inf"} 1
# HELP l0_tokens_total Total tokens generated
# TYPE l0_tokens_total counter
l0_tokens_total{service="my-app",model="gpt-4",endpoint="/chat"} 150
# HELP l0_tokens_per_second Generation throughput in tokens per second (last request)
# TYPE l0_tokens_per_second gauge
l0_tokens_per_second{service="my-app",model="gpt-4",endpoint="/chat"} 100
# HELP l0_time_to_first_token_seconds Time to first token in seconds
# TYPE l0_time_to_first_token_seconds histogram
l0_time_to_first_token_seconds_count{service="my-app",model="gpt-4",endpoint="/chat"} 1
l0_time_to_first_token_seconds_sum{service="my-app",model="gpt-4",endpoint="/chat"} 0.25
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.01"} 0
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.02"} 0
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.04"} 0
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.08"} 0
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.16"} 0
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.32"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="0.64"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="1.28"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="2.56"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="5.12"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="10.24"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="20.48"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="40.96"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="81.92"} 1
l0_time_to_first_token_seconds_bucket{service="my-app",model="gpt-4",endpoint="/chat",le="+Inf"} 1
# HELP l0_retries_total Total retry attempts
# TYPE l0_retries_total counter
l0_retries_total{service="my-app",model="gpt-4",endpoint="/chat"} 3
# HELP l0_retries_network_total Network retries
# TYPE l0_retries_network_total counter
l0_retries_network_total{service="my-app",model="gpt-4",endpoint="/chat"} 2
# HELP l0_retries_model_total Model retries
# TYPE l0_retries_model_total counter
l0_retries_model_total{service="my-app",model="gpt-4",endpoint="/chat"} 1
# HELP l0_network_errors_total Total network errors
# TYPE l0_network_errors_total counter
l0_network_errors_total{service="my-app",model="gpt-4",endpoint="/chat"} 2
# HELP l0_network_errors_by_type_total Network errors by type
# TYPE l0_network_errors_by_type_total counter
l0_network_errors_by_type_total{service="my-app",model="gpt-4",endpoint="/chat",error_type="connection_dropped"} 1
l0_network_errors_by_type_total{service="my-app",model="gpt-4",endpoint="/chat",error_type="timeout"} 1
# HELP l0_guardrail_violations_total Total guardrail violations
# TYPE l0_guardrail_violations_total counter
l0_guardrail_violations_total{service="my-app",model="gpt-4",endpoint="/chat"} 3
# HELP l0_guardrail_violations_by_severity_total Guardrail violations by severity
# TYPE l0_guardrail_violations_by_severity_total counter
l0_guardrail_violations_by_severity_total{service="my-app",model="gpt-4",endpoint="/chat",severity="warning"} 1
l0_guardrail_violations_by_severity_total{service="my-app",model="gpt-4",endpoint="/chat",severity="error"} 2
l0_guardrail_violations_by_severity_total{service="my-app",model="gpt-4",endpoint="/chat",severity="fatal"} 0
# HELP l0_guardrail_violations_by_rule_total Guardrail violations by rule
# TYPE l0_guardrail_violations_by_rule_total counter
l0_guardrail_violations_by_rule_total{service="my-app",model="gpt-4",endpoint="/chat",rule="json-structure"} 2
l0_guardrail_violations_by_rule_total{service="my-app",model="gpt-4",endpoint="/chat",rule="no-pii"} 1
# HELP l0_drift_detected_total Drift detection events
# TYPE l0_drift_detected_total counter
l0_drift_detected_total{service="my-app",model="gpt-4",endpoint="/chat"} 1
`;

function captureDiag(): string[] {
  const messages: string[] = [];
  const log = (message: string) => void messages.push(message);
  const logger: DiagLogger = { error: log, warn: log, info: log, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.INFO, suppressOverrideMessage: true });
  return messages;
}

afterEach(() => diag.disable());

describe("createPrometheusCollector", () => {
  it("exposes the spec's metrics, names, types and labels exactly", () => {
    const collector = createPrometheusCollector({ prefix: "l0", defaultLabels: { service: "my-app" } });
    collector.record(fullTelemetry(), { model: "gpt-4", endpoint: "/chat" });
    collector.record(minimalTelemetry(), { model: "gpt-4", endpoint: "/chat" });
    expect(collector.expose()).toBe(EXPECTED);
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
    ]);
  });

  it("is up to date synchronously right after record(), and matches the async metrics()", async () => {
    const collector = createPrometheusCollector({ prefix: "app" });
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
      [{ maxLabelSets: 0 }, "maxLabelSets"],
      [{ dedupeWindow: 1.5 }, "dedupeWindow"],
    ];
    for (const [options, field] of cases) {
      let error: unknown;
      try {
        createPrometheusCollector(options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(L0Error);
      expect((error as L0Error).code).toBe("INVALID_OPTIONS");
      expect((error as L0Error).details.field).toBe(field);
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
