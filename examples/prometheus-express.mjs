// Prometheus with express: record each call's telemetry into l0's collector and serve /metrics.
//   PORT=3000 node examples/prometheus-express.mjs
//   curl -s -XPOST localhost:3000/chat -H 'content-type: application/json' -d '{"prompt":"hi"}'
//   curl -s localhost:3000/metrics
import express from "express";
import { createPrometheusCollector, l0, prometheusMiddleware } from "l0";
import { mockModel } from "./lib/mock-model.mjs";

const collector = createPrometheusCollector({
  prefix: "l0",
  defaultLabels: { service: "my-app" },
});
const app = express();
app.use(express.json());

// Expose the metrics endpoint
app.get("/metrics", prometheusMiddleware(collector));

// Record telemetry after each request
app.post("/chat", async (req, res) => {
  const result = await l0({
    stream: mockModel({ answer: `You said: ${req.body?.prompt ?? ""}. Here is a streamed answer.` }),
    monitoring: { enabled: true },
  });

  let response = "";
  for await (const event of result.stream) {
    if (event.type === "token") response += event.value;
  }

  collector.record(result.telemetry, { model: "gpt-4", endpoint: "/chat" });
  res.json({ response });
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const server = app.listen(port, host, () => console.log(`listening on http://${host}:${port} (POST /chat, GET /metrics)`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => server.close(() => collector.shutdown().then(() => process.exit(0))));
}
