import { diag, DiagLogLevel } from "@opentelemetry/api";
import type { DiagLogger } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { createPrometheusRegistry, L0Error } from "../../src/index.js";
import { OVERFLOW_LABEL } from "../../src/semconv.js";
import { fullTelemetry } from "./fixtures.js";

function captureWarnings(): string[] {
  const messages: string[] = [];
  const log = (message: string) => void messages.push(message);
  const logger: DiagLogger = { error: log, warn: log, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return messages;
}

function fieldOf(call: () => void): string | undefined {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(L0Error);
    return (error as L0Error).details.field;
  }
  return undefined;
}

afterEach(() => diag.disable());

const OVERFLOW_HELP = (name: string) =>
  `# HELP ${name} Measurements folded into a metric's overflow series because it reached its series limit`;

describe("createPrometheusRegistry", () => {
  it("renders custom counters, gauges and histograms exactly (the spec's example)", () => {
    const registry = createPrometheusRegistry({ prefix: "myapp_l0", defaultLabels: { service: "api" } });
    registry.incCounter("custom_events_total", "Custom event count", 1, { type: "special" });
    registry.incCounter("custom_events_total", "Custom event count", 2, { type: "special" });
    registry.setGauge("active_streams", "Active streams", 5);
    registry.setGauge("active_streams", "Active streams", 3);
    registry.observeHistogram("custom_latency_seconds", "Custom latency", 0.5, undefined, [0.1, 1]);
    registry.observeHistogram("custom_latency_seconds", "Custom latency", 2, undefined, [0.1, 1]);
    expect(registry.expose()).toBe(
      [
        OVERFLOW_HELP("myapp_l0_metric_overflow_total"),
        "# TYPE myapp_l0_metric_overflow_total counter",
        'myapp_l0_metric_overflow_total{service="api",metric="myapp_l0_custom_events_total"} 0',
        'myapp_l0_metric_overflow_total{service="api",metric="myapp_l0_active_streams"} 0',
        'myapp_l0_metric_overflow_total{service="api",metric="myapp_l0_custom_latency_seconds"} 0',
        "# HELP myapp_l0_custom_events_total Custom event count",
        "# TYPE myapp_l0_custom_events_total counter",
        'myapp_l0_custom_events_total{service="api",type="special"} 3',
        "# HELP myapp_l0_active_streams Active streams",
        "# TYPE myapp_l0_active_streams gauge",
        'myapp_l0_active_streams{service="api"} 3',
        "# HELP myapp_l0_custom_latency_seconds Custom latency",
        "# TYPE myapp_l0_custom_latency_seconds histogram",
        'myapp_l0_custom_latency_seconds_count{service="api"} 2',
        'myapp_l0_custom_latency_seconds_sum{service="api"} 2.5',
        'myapp_l0_custom_latency_seconds_bucket{service="api",le="0.1"} 0',
        'myapp_l0_custom_latency_seconds_bucket{service="api",le="1"} 1',
        'myapp_l0_custom_latency_seconds_bucket{service="api",le="+Inf"} 2',
        "",
      ].join("\n"),
    );
  });

  it("shares one exposition between recordTelemetry and custom metrics, with the prefix", () => {
    const registry = createPrometheusRegistry({ prefix: "myapp_l0", defaultLabels: { service: "api" } });
    registry.recordTelemetry(fullTelemetry(), { model: "gpt-4" });
    registry.incCounter("requests", "Total L0 requests", 1, { model: "gpt-4" });
    const text = registry.expose();
    expect(text).toContain('myapp_l0_requests_total{service="api",model="gpt-4"} 2\n');
    expect(text).toContain('myapp_l0_request_duration_seconds_bucket{service="api",model="gpt-4",le="+Inf"} 1\n');
    expect(text).toContain('myapp_l0_request_duration_seconds_sum{service="api",model="gpt-4"} 1.5\n');
  });

  it("appends _total to counters and creates each instrument once", () => {
    const registry = createPrometheusRegistry({ prefix: "" });
    registry.incCounter("jobs", "Jobs");
    registry.incCounter("jobs_total", "Jobs");
    expect(registry.expose()).toBe(
      [
        OVERFLOW_HELP("metric_overflow_total"),
        "# TYPE metric_overflow_total counter",
        'metric_overflow_total{metric="jobs_total"} 0',
        "# HELP jobs_total Jobs",
        "# TYPE jobs_total counter",
        "jobs_total 2",
        "",
      ].join("\n"),
    );
  });

  it("throws a typed error when a name is reused with another type", () => {
    const registry = createPrometheusRegistry();
    registry.setGauge("depth", "Queue depth", 1);
    expect(() => registry.observeHistogram("depth", "Queue depth", 1)).toThrow(/already registered as a gauge/);
    expect(fieldOf(() => registry.observeHistogram("depth", "Queue depth", 1))).toBe("name");
    expect(fieldOf(() => registry.setGauge("requests", "x", 1))).toBe(undefined);
    expect(fieldOf(() => registry.setGauge("request_duration_seconds", "x", 1))).toBe("name");
    expect(() => registry.observeHistogram("tokens_per_second", "x", 1)).toThrow(L0Error);
    expect(() => registry.incCounter("tokens_per_second", "x")).not.toThrow();
  });

  it("validates definitions: names, help, buckets, label names", () => {
    const registry = createPrometheusRegistry();
    expect(fieldOf(() => registry.incCounter("bad-name", "h"))).toBe("name");
    expect(fieldOf(() => registry.incCounter("ok", ""))).toBe("help");
    expect(fieldOf(() => registry.setGauge("queue_count", "h", 1))).toBe("name");
    expect(fieldOf(() => registry.observeHistogram("lat", "h", 1, undefined, [1, 1]))).toBe("buckets");
    expect(fieldOf(() => registry.observeHistogram("lat2", "h", 1, undefined, []))).toBe("buckets");
    registry.observeHistogram("lat3", "h", 1, undefined, [1, 2]);
    expect(fieldOf(() => registry.observeHistogram("lat3", "h", 1, undefined, [1, 3]))).toBe("buckets");
    expect(fieldOf(() => registry.incCounter("ok", "h", 1, { "a-b": "x" }))).toBe("labels.a-b");
    expect(fieldOf(() => registry.incCounter("ok", "h", 1, { le: "x" }))).toBe("labels.le");
  });

  it("drops invalid values with a diag warning", () => {
    const warnings = captureWarnings();
    const registry = createPrometheusRegistry({ prefix: "" });
    registry.incCounter("c", "c", -1);
    registry.setGauge("g", "g", Number.NaN);
    registry.observeHistogram("h", "h", Number.POSITIVE_INFINITY);
    expect(registry.expose()).toBe("");
    expect(warnings).toHaveLength(3);
  });

  it("caps exported series per metric with one overflow series, an overflow count and one warning", () => {
    const warnings = captureWarnings();
    const registry = createPrometheusRegistry({ prefix: "", defaultLabels: { service: "s" }, cardinalityLimit: 3 });
    for (let i = 0; i < 10; i++) registry.incCounter("hits", "Hits", 1, { user: `u${i}` });
    registry.incCounter("hits", "Hits", 1, { user: "u0" });
    registry.setGauge("other", "Other", 1, { user: "u9" });
    expect(registry.expose()).toBe(
      [
        OVERFLOW_HELP("metric_overflow_total"),
        "# TYPE metric_overflow_total counter",
        'metric_overflow_total{service="s",metric="hits_total"} 8',
        'metric_overflow_total{service="s",metric="other"} 0',
        "# HELP hits_total Hits",
        "# TYPE hits_total counter",
        'hits_total{service="s",user="u0"} 2',
        'hits_total{service="s",user="u1"} 1',
        `hits_total{service="s",${OVERFLOW_LABEL}="true"} 8`,
        "# HELP other Other",
        "# TYPE other gauge",
        'other{service="s",user="u9"} 1',
        "",
      ].join("\n"),
    );
    expect(warnings.filter((w) => w.includes('"hits_total"'))).toHaveLength(1);
  });

  it("counts a histogram's buckets, +Inf, _sum and _count against the limit", () => {
    const registry = createPrometheusRegistry({ prefix: "", cardinalityLimit: 12 });
    // 2 buckets: 5 series per label set; 12 admits two label sets (10) only if the overflow one (5) fits too: one.
    for (const route of ["a", "b", "c"]) registry.observeHistogram("lat", "Latency", 0.5, { route }, [0.1, 1]);
    const series = registry
      .expose()
      .split("\n")
      .filter((l) => l.startsWith("lat_"));
    expect(series).toHaveLength(10);
    expect(series.filter((l) => l.includes('route="a"'))).toHaveLength(5);
    expect(series.filter((l) => l.includes(`${OVERFLOW_LABEL}="true"`))).toHaveLength(5);
    expect(series).toContain(`lat_count{${OVERFLOW_LABEL}="true"} 2`);
  });

  it("keeps memory bounded past the cap across many collections (the SDK's own limit is per interval)", () => {
    const registry = createPrometheusRegistry({ prefix: "", cardinalityLimit: 50 });
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 40; i++) registry.incCounter("hits", "Hits", 1, { user: `r${round}_${i}` });
      registry.expose();
    }
    const series = registry
      .expose()
      .split("\n")
      .filter((l) => l.startsWith("hits_total{"));
    expect(series).toHaveLength(50);
    expect(series.at(-1)).toBe(`hits_total{${OVERFLOW_LABEL}="true"} 751`);
    expect(registry.expose()).toContain('metric_overflow_total{metric="hits_total"} 751\n');
  });
});
