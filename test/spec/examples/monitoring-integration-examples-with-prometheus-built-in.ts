// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 435: Integration Examples / With Prometheus (Built-in)
import { streamText } from "ai";
import { model, prompt, redirectListen } from "../prelude.js";

redirectListen();

// <spec>
import { l0, createPrometheusCollector, prometheusMiddleware } from "l0";
import express from "express";

// Create collector
const collector = createPrometheusCollector({
  prefix: "l0",
  defaultLabels: { service: "my-app" },
});

// After each L0 execution, record telemetry
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true },
});

for await (const event of result.stream) {
  // Stream handling...
}

// Record to Prometheus
collector.record(result.telemetry, { model: "gpt-4", endpoint: "/chat" });

// Expose /metrics endpoint
const app = express();
app.get("/metrics", prometheusMiddleware(collector));
app.listen(9090);
// </spec>
