// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 855: Prometheus Integration / Configuration
import { createPrometheusCollector } from "l0";

// <spec>
const collector = createPrometheusCollector({
  prefix: "l0", // Metric prefix (default: 'l0')
  defaultLabels: {
    // Labels added to all metrics
    service: "my-app",
    environment: "production",
  },
});
// </spec>

import { eventfulTelemetry } from "../prelude.js";
collector.record(await eventfulTelemetry(), { model: "gpt-4" });
console.log(collector.expose());
