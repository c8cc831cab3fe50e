// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 176: Export Formats / Metrics (Time-Series)
import { TelemetryExporter } from "l0";
import { eventfulTelemetry, metricsClient } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
const metrics = TelemetryExporter.toMetrics(telemetry);

// Send to Datadog, Prometheus, etc.
for (const metric of metrics) {
  metricsClient.gauge(metric.name, metric.value, {
    timestamp: metric.timestamp,
    tags: metric.tags
  });
}

// Metrics include:
// - l0.duration
// - l0.tokens.total
// - l0.tokens.per_second
// - l0.time_to_first_token
// - l0.retries.total
// - l0.network.errors
// - l0.guardrails.violations
// </spec>
