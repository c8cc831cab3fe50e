// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 324: Exporting Telemetry / To Metrics (Time-Series)
import { TelemetryExporter } from "l0";
import { eventfulTelemetry, metricsClient } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
// Export to metrics format for Datadog, Prometheus, etc.
const metrics = TelemetryExporter.toMetrics(telemetry);

// Send to your metrics backend
for (const metric of metrics) {
  metricsClient.gauge(metric.name, metric.value, {
    timestamp: metric.timestamp,
    tags: metric.tags,
  });
}

// Example metrics:
// - l0.duration
// - l0.tokens.total
// - l0.tokens.per_second
// - l0.time_to_first_token
// - l0.retries.total
// - l0.retries.network
// - l0.retries.model
// - l0.network.errors
// - l0.guardrails.violations
// </spec>
