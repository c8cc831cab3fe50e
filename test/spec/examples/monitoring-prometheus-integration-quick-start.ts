// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 816: Prometheus Integration / Quick Start
import { streamText } from "ai";
import { model, prompt, redirectListen } from "../prelude.js";

redirectListen();

// <spec>
import { l0, createPrometheusCollector, prometheusMiddleware } from "l0";
import express from "express";

const collector = createPrometheusCollector();
const app = express();

// Parse JSON request bodies
app.use(express.json());

// Expose metrics endpoint
app.get("/metrics", prometheusMiddleware(collector));

// Record telemetry after each request
app.post("/chat", async (req, res) => {
  const result = await l0({
    stream: () => streamText({ model, prompt: req.body.prompt }),
    monitoring: { enabled: true },
  });

  let response = "";
  for await (const event of result.stream) {
    if (event.type === "token") response += event.value;
  }

  // Record to Prometheus
  collector.record(result.telemetry, {
    model: "gpt-4",
    endpoint: "/chat",
  });

  res.json({ response });
});

app.listen(3000);
// </spec>
