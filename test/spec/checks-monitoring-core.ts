/**
 * Checks of MONITORING.md's examples up to "Monitoring Patterns": quick start, configuration,
 * telemetry access and exports.
 */
import { expect } from "vitest";
import { expectCleanExit, expectPositiveAfter, numberAfter, printed, probe, probes, SESSION_ID } from "./check-helpers.js";
import {
  expectFinishedTelemetry,
  monitoringConfigInterface,
  optionsMember,
  streamedAndMonitored,
  telemetryInterface,
  tenPercentSampled,
  type CheckedRun,
  type ExampleCheck,
} from "./example-check.js";

/** The five `telemetry.*` lines of "Basic Usage" / "Access Telemetry". */
export function expectTelemetryLines(run: CheckedRun): void {
  const out = printed(run);
  expect(out).toMatch(/^Session ID: l0_\d+_[a-z0-9]+$/m);
  expect(numberAfter(out, "Duration:")).toBeGreaterThan(0);
  expect(out).toMatch(/^Tokens: 5$/m);
  expect(numberAfter(out, "Tokens/sec:")).toBeGreaterThan(0);
  expect(out).toMatch(/^Network errors: 0$/m);
}

/** `TelemetryExporter.toLogFormat` as documented in "To Structured Logs". */
function expectLogEntry(entry: Record<string, any>): void {
  expect(entry.session_id).toMatch(SESSION_ID);
  expect(entry.timestamp).toBeGreaterThan(0);
  expect(entry.duration_ms).toBeGreaterThan(0);
  // Kept tokens: the five of the answer; the failed first attempt's "Hello" is discarded.
  expect(entry.metrics).toMatchObject({ tokens: 5, discarded_tokens: 1, total_retries: 1 });
  expect(entry.metrics.tokens_per_second).toBeGreaterThan(0);
  expect(entry.metrics.time_to_first_token_ms).toBeGreaterThan(0);
  expect(entry.network).toEqual({ error_count: 1, errors_by_type: { econnreset: 1 } });
}

/** The gauges both "Metrics (Time Series)" blocks list (MONITORING.md's also splits the retries by kind). */
export const TIME_SERIES_GAUGES = [
  "l0.duration",
  "l0.tokens.total",
  "l0.tokens.per_second",
  "l0.time_to_first_token",
  "l0.retries.total",
  "l0.network.errors",
  "l0.guardrails.violations",
];

/** `TelemetryExporter.toMetrics` sent through `metricsClient.gauge`: every name the block lists. */
export function gaugesCheck(listed: readonly string[]): ExampleCheck {
  return { check: (run) => expectGauges(run, listed) };
}

/** `TelemetryExporter.toLogFormat` passed to `logger.info` with `message`. */
export function structuredLogCheck(message: string): ExampleCheck {
  return {
    check(run) {
      expectCleanExit(run);
      const [logged, entry] = probe<[string, Record<string, any>]>(run, "logger.info");
      expect(logged).toBe(message);
      expectLogEntry(entry);
    },
  };
}

function expectGauges(run: CheckedRun, listed: readonly string[]): void {
  expectCleanExit(run);
  const calls = probes(run, "metricsClient.gauge") as [string, number, { timestamp: number; tags: Record<string, string> }][];
  const names = calls.map(([name]) => name);
  for (const name of listed) expect(names, `metric ${name} listed in the example`).toContain(name);
  for (const [, value, options] of calls) {
    expect(Number.isFinite(value)).toBe(true);
    expect(options.timestamp).toBeGreaterThan(0);
    expect(options.tags).toEqual({ model: "gpt-4", environment: "test" });
  }
  expect(Object.fromEntries(calls.map(([name, value]) => [name, value]))).toMatchObject({
    "l0.tokens.total": 5,
    "l0.tokens.discarded": 1,
    "l0.retries.total": 1,
    "l0.network.errors": 1,
  });
}

/** A CSV export: header plus one row, printed and appended to `telemetry.csv`. */
export function expectCsv(run: CheckedRun, csv: string): void {
  const [header, row, ...rest] = csv.split("\n");
  expect(rest).toEqual([]);
  expect(header).toMatch(/^session_id,start_time,end_time,duration_ms,tokens,/);
  const fields = Object.fromEntries((header as string).split(",").map((name, i) => [name, (row as string).split(",")[i]]));
  expect(fields["session_id"]).toMatch(SESSION_ID);
  expect(fields).toMatchObject({
    tokens: "5",
    discarded_tokens: "1",
    total_retries: "1",
    network_retries: "1",
    network_errors: "1",
    violations: "1",
  });
  expect(run.files["telemetry.csv"]).toBe(`${csv}\n`);
}

const SUMMARY =
  /Summary: \{\s+sessionId: 'l0_\d+_[a-z0-9]+',\s+duration: [\d.]+,\s+tokens: 5,\s+tokensPerSecond: [\d.]+,\s+retries: 1,\s+networkErrors: 1,\s+violations: 1\s+\}/;

/** Checks by example name. */
export const MONITORING_CORE_CHECKS: Record<string, ExampleCheck> = {
  "monitoring-quick-start-enable-monitoring": {
    check(run) {
      streamedAndMonitored.check(run);
      // Printed before the stream was read: the call's telemetry exists from the start.
      expect(printed(run)).toMatch(/sessionId: 'l0_\d+_[a-z0-9]+'/);
    },
  },
  "monitoring-quick-start-basic-usage": {
    check(run) {
      expectCleanExit(run);
      expectTelemetryLines(run);
    },
  },
  "monitoring-configuration-monitoring-options": monitoringConfigInterface,
  "monitoring-configuration-full-example": {
    check(run) {
      streamedAndMonitored.check(run);
      const telemetry = probe(run, "telemetry");
      expect(telemetry.metadata).toEqual({ user_id: "user_123", model: "gpt-4", environment: "production" });
      expect(telemetry.network.errors).toEqual([]);
    },
  },
  "monitoring-configuration-sampling": tenPercentSampled,
  "monitoring-telemetry-data-structure-complete-structure": telemetryInterface,
  "monitoring-accessing-telemetry-after-stream-completion": {
    check(run) {
      expectCleanExit(run);
      expect(printed(run)).toMatch(/sessionId: 'l0_\d+_[a-z0-9]+'/);
      expect(printed(run)).toMatch(/totalTokens: 5,/);
      expect(printed(run)).toMatch(/duration: [\d.]+/);
    },
  },
  "monitoring-accessing-telemetry-quick-summary": {
    check(run) {
      expectCleanExit(run);
      expect(printed(run)).toMatch(SUMMARY);
    },
  },
  "monitoring-accessing-telemetry-network-error-analysis": {
    check(run) {
      expectCleanExit(run);
      // The error's message text ("read ECONNRESET") is content: without captureContent the
      // telemetry describes the error by its type and code.
      expect(printed(run)).toBe(
        ["Network errors by type:", "  econnreset: 1", "Error: econnreset Error ECONNRESET", "  Retried: true", "  Delay: 20 ms", ""].join(
          "\n",
        ),
      );
    },
  },
  "monitoring-accessing-telemetry-guardrail-analysis": {
    check(run) {
      expectCleanExit(run);
      expect(printed(run)).toBe(
        ["Violations: 1", "By severity: { warning: 1, error: 0, fatal: 0 }", "By rule: { 'no-mock-mention': 1 }", ""].join("\n"),
      );
    },
  },
  "monitoring-accessing-telemetry-performance-analysis": {
    check(run) {
      expectCleanExit(run);
      const out = printed(run);
      expectPositiveAfter(out, ["Time to first token:", "Tokens per second:", "Total duration:"]);
      expect(numberAfter(out, "Avg inter-token time:")).toBeGreaterThanOrEqual(0);
    },
  },
  "monitoring-exporting-telemetry-to-json": {
    check(run) {
      expectCleanExit(run);
      const json = printed(run).trimEnd();
      const parsed = JSON.parse(json) as Record<string, any>;
      expect(parsed.sessionId).toMatch(SESSION_ID);
      expect(parsed.metrics.totalRetries).toBe(1);
      expect(probe<string>(run, "file")).toBe(json);
      expect(run.files["telemetry.json"]).toBe(json);
    },
  },
  "monitoring-exporting-telemetry-to-csv": {
    check(run) {
      expectCleanExit(run);
      const csv = printed(run).trimEnd();
      expectCsv(run, csv);
    },
  },
  "monitoring-exporting-telemetry-to-structured-logs": structuredLogCheck("L0 execution completed"),
  "monitoring-exporting-telemetry-to-metrics-time-series": gaugesCheck([...TIME_SERIES_GAUGES, "l0.retries.network", "l0.retries.model"]),
  "monitoring-best-practices-1-enable-in-production-with-sampling": optionsMember({ networkDetails: false }),
  "monitoring-best-practices-2-full-details-in-development": optionsMember({ networkDetails: true }),
  "monitoring-best-practices-3-add-contextual-metadata": optionsMember({
    metadata: { user_id: "user_42", model: "gpt-4", request_id: "req_9" },
  }),
  "monitoring-best-practices-4-export-telemetry-async": {
    check(run) {
      expectCleanExit(run);
      const [telemetry] = probe<[Record<string, any>]>(run, "sendToMonitoring");
      expectFinishedTelemetry(telemetry);
    },
  },
};
