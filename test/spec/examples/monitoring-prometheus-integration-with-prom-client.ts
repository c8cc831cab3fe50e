// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 985: Prometheus Integration / With prom-client
import express from "express";
import { eventfulTelemetry, redirectListen } from "../prelude.js";

redirectListen();
const app = express();

// <spec>
import { Registry } from "prom-client";
import { createPrometheusCollector } from "l0";

const promRegistry = new Registry();
const l0Collector = createPrometheusCollector();

// Combine metrics in your endpoint
app.get("/metrics", async (req, res) => {
  const promMetrics = await promRegistry.metrics();
  const l0Metrics = l0Collector.expose();

  res.set("Content-Type", "text/plain");
  res.send(promMetrics + "\n" + l0Metrics);
});
// </spec>

// Something in each registry, then serve.
import { Counter } from "prom-client";
new Counter({ name: "app_requests_total", help: "App requests", registers: [promRegistry] }).inc();
l0Collector.record(await eventfulTelemetry(), { model: "gpt-4" });
app.listen(9090);
