/**
 * Checks of FEATURE_SUMMARY.md's examples.
 */
import { expect } from "vitest";
import { expectCleanExit, printed, probe, probes, sampleValue } from "./check-helpers.js";
import { expectCsv, expectTelemetryLines, gaugesCheck, structuredLogCheck, TIME_SERIES_GAUGES } from "./checks-monitoring-core.js";
import { DATADOG_GAUGES, expectConsoleLogging, expectLogFile, statsdCheck } from "./checks-monitoring-integrations.js";
import {
  monitoringConfigInterface,
  optionsMember,
  streamedAndMonitored,
  telemetryInterface,
  tenPercentSampled,
  type ExampleCheck,
} from "./example-check.js";

/** Checks by example name. */
export const FEATURE_SUMMARY_CHECKS: Record<string, ExampleCheck> = {
  "feature-summary-what-changed-before": {
    check(run) {
      expectCleanExit(run);
      expect(probe(run, "monitoring.trackError")).toEqual([{}]);
      expect(probe(run, "analytics.track")).toEqual(["event", {}]);
    },
  },
  "feature-summary-what-changed-after": streamedAndMonitored,
  "feature-summary-key-features-3-built-in-abort-handling": {
    check(run) {
      expectCleanExit(run);
      for (const name of ["first", "second"]) {
        expect(run.probes.has(`${name}.text`), `${name} call should not deliver its answer after abort`).toBe(false);
        expect(probe(run, `${name}.aborted`)).toEqual({ code: "STREAM_ABORTED", aborted: true, telemetry: false });
      }
    },
  },
  "feature-summary-usage-enable-monitoring": {
    check(run) {
      streamedAndMonitored.check(run);
      expect(probe(run, "telemetry")["metadata"]).toEqual({ user_id: "user_123", environment: "production" });
    },
  },
  "feature-summary-usage-access-telemetry": {
    check(run) {
      expectCleanExit(run);
      expectTelemetryLines(run);
      expect(printed(run)).toMatch(/^Retries: 0$/m);
    },
  },
  "feature-summary-usage-complete-telemetry-structure": telemetryInterface,
  "feature-summary-export-formats-json-export": {
    check(run) {
      expectCleanExit(run);
      const json = probe<string>(run, "json");
      expect(JSON.parse(json).metrics.totalRetries).toBe(1);
      expect(probe<string>(run, "file")).toBe(json);
    },
  },
  "feature-summary-export-formats-csv-export": {
    check(run) {
      expectCleanExit(run);
      expectCsv(run, probe<string>(run, "csv"));
    },
  },
  "feature-summary-export-formats-structured-logs": structuredLogCheck("L0 execution"),
  "feature-summary-export-formats-metrics-time-series": gaugesCheck(TIME_SERIES_GAUGES),
  "feature-summary-integration-examples-console-logging": { check: (run) => expectConsoleLogging(run, false) },
  "feature-summary-integration-examples-file-logging": { check: expectLogFile },
  "feature-summary-integration-examples-datadog-integration": statsdCheck(DATADOG_GAUGES),
  "feature-summary-integration-examples-prometheus-integration": {
    check(run) {
      expectCleanExit(run);
      expect(sampleValue(printed(run), "l0_duration_milliseconds")).toBeGreaterThan(0);
      expect(sampleValue(printed(run), "l0_tokens_total")).toBe(5);
    },
  },
  "feature-summary-configuration-options-production-settings": optionsMember({
    metadata: { environment: "production", user_id: "user_42", model: "gpt-4" },
    networkDetails: false,
  }),
  "feature-summary-configuration-options-development-settings": optionsMember({
    metadata: { environment: "development", test_id: "test_7" },
    networkDetails: true,
  }),
  "feature-summary-configuration-options-sampling": tenPercentSampled,
  "feature-summary-advanced-usage-direct-monitor-access": {
    check(run) {
      expectCleanExit(run);
      expect(printed(run)).toMatch(/totalTokens: 1,\s+totalRetries: 0,/);
      expect(printed(run)).toMatch(/errorCount: 1,\s+errorsByType: \{ econnreset: 1 \}/);
    },
  },
  "feature-summary-advanced-usage-custom-metadata": optionsMember({
    metadata: { custom_metric: 0.93, feature_flag: true, user_tier: "premium", request_id: "req_9" },
  }),
  "feature-summary-implementation-details-new-exports": {
    check(run) {
      expectCleanExit(run);
      expect(probe(run, "exports")).toEqual({ L0Monitor: "function", createMonitor: "function", TelemetryExporter: "function" });
    },
  },
  "feature-summary-api-reference-l0options-monitoring": monitoringConfigInterface,
  "feature-summary-api-reference-l0result-telemetry": {
    check(run) {
      expectCleanExit(run);
      expect(probe(run, "signatures")).toEqual([
        { path: ["result", "telemetry"], kind: "object", sessionId: expect.stringMatching(/^l0_/) },
      ]);
    },
  },
  "feature-summary-api-reference-l0result-abort": {
    virtualTime: true,
    check(run) {
      expectCleanExit(run);
      expect(probe(run, "abort")).toEqual({
        path: ["result", "abort"],
        returned: "undefined",
        outcome: { code: "STREAM_ABORTED" },
        aborted: true,
      });
    },
  },
  "feature-summary-api-reference-telemetryexporter": {
    check(run) {
      expectCleanExit(run);
      const calls = probes(run, "call") as { path: string[]; type: string; returned: string; first?: Record<string, unknown> }[];
      const kinds: Record<string, string> = { string: "string", "Record<string, any>": "object", "Array<Metric>": "array" };
      expect(calls.map((call) => call.path[1])).toEqual(["toJSON", "toCSV", "toLogFormat", "toMetrics"]);
      for (const call of calls) expect(call.returned, call.path.join(".")).toBe(kinds[call.type]);
      expect(Object.keys(calls[3]?.first ?? {}).sort()).toEqual(["name", "tags", "timestamp", "value"]);
    },
  },
  "feature-summary-migration-guide-old-pattern-external": {
    check(run) {
      expectCleanExit(run);
      // The sketch's l0({ /* ... */ }) gets no stream: a typed rejection naming the field, then the catch runs.
      expect(probe(run, "l0.rejected")).toMatchObject({ code: "INVALID_OPTIONS", details: { field: "stream" } });
      expect(probe(run, "monitoring.trackError")).toEqual([{ type: "network_error" }]);
    },
  },
  "feature-summary-migration-guide-new-pattern-built-in": {
    check(run) {
      expectCleanExit(run);
      expect(printed(run)).toMatch(/sessionId: 'l0_/);
      const [telemetry] = probe<[Record<string, any>]>(run, "sendToYourService");
      expect(telemetry["sessionId"]).toMatch(/^l0_/);
    },
  },
};
