import { describe, expect, it } from "vitest";
import { createPrometheusCollector, createPrometheusRegistry } from "../../src/index.js";
import { fullTelemetry, minimalTelemetry } from "./fixtures.js";
import { promtoolCheckMetrics } from "./promtool.js";

function expectPromtoolClean(text: string): void {
  expect(promtoolCheckMetrics(text)).toEqual({ status: 0, output: "" });
}

describe("promtool check metrics accepts every exposition, lint warnings included", () => {
  it("the collector after full and minimal calls", () => {
    const collector = createPrometheusCollector({ defaultLabels: { service: "my-app", environment: "production" } });
    collector.record(fullTelemetry(), { model: "gpt-4", endpoint: "/chat", user_tier: "premium", region: "us-east-1" });
    collector.record(minimalTelemetry(), { model: "gpt-3.5" });
    const { guardrails: _g, drift: _d, ...noGuardrails } = fullTelemetry({ sessionId: "other" });
    collector.record(noGuardrails, { model: "gpt-4", endpoint: "/chat" });
    expectPromtoolClean(collector.expose());
  });

  it("an empty collector and a collector with a custom prefix", () => {
    expectPromtoolClean(createPrometheusCollector().expose());
    const collector = createPrometheusCollector({ prefix: "myapp_l0" });
    collector.record(fullTelemetry());
    expectPromtoolClean(collector.expose());
  });

  it("the registry with telemetry and custom counters, gauges and histograms", () => {
    const registry = createPrometheusRegistry({ prefix: "myapp_l0", defaultLabels: { service: "api" } });
    registry.recordTelemetry(fullTelemetry(), { model: "gpt-4" });
    registry.incCounter("custom_events_total", "Custom event count", 1, { type: "special" });
    registry.incCounter("jobs", "Jobs started");
    registry.setGauge("active_streams", "Active streams", 5);
    registry.observeHistogram("custom_latency_seconds", "Custom latency", 0.5);
    registry.observeHistogram("payload_bytes", "Payload size", 2048, { route: "/x" }, [1024, 4096, 16384]);
    expectPromtoolClean(registry.expose());
  });

  it("label values needing escapes and the overflow series", () => {
    const registry = createPrometheusRegistry({ cardinalityLimit: 2, defaultLabels: { service: 'quote " back \\ nl \n end' } });
    for (let i = 0; i < 5; i++) registry.recordTelemetry(minimalTelemetry(`s${i}`), { user: `u${i}}{,="` });
    const text = registry.expose();
    expect(text).toContain('otel_metric_overflow="true"');
    expectPromtoolClean(text);
  });

  it("rejects what it should (the check is not a no-op)", () => {
    expect(promtoolCheckMetrics("# TYPE x counter\nx 1\n").status).not.toBe(0);
    expect(promtoolCheckMetrics('x{a="1} 1\n').status).not.toBe(0);
  });
});
