// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 889: Prometheus Integration / Labels
import { createPrometheusCollector } from "l0";
import { eventfulTelemetry } from "../prelude.js";

const telemetry = await eventfulTelemetry();
const collector = createPrometheusCollector();

// <spec>
collector.record(telemetry, {
  model: "gpt-4",
  endpoint: "/chat",
  user_tier: "premium",
  region: "us-east-1",
});
// </spec>

console.log(collector.expose());
