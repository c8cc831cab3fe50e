// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 902: Prometheus Integration / Using the Registry Directly
import { eventfulTelemetry } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
import { createPrometheusRegistry } from "l0";

const registry = createPrometheusRegistry({
  prefix: "myapp_l0",
  defaultLabels: { service: "api" },
});

// Record telemetry
registry.recordTelemetry(telemetry, { model: "gpt-4" });

// Or record custom metrics
registry.incCounter("custom_events_total", "Custom event count", 1, {
  type: "special",
});
registry.setGauge("active_streams", "Active streams", 5);
registry.observeHistogram("custom_latency_seconds", "Custom latency", 0.5);

// Export
console.log(registry.expose());
// </spec>
