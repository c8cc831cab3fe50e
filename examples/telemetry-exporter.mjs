// TelemetryExporter: one call's telemetry as JSON, CSV, a structured log entry and time-series
// metrics, written next to each other.
//   node examples/telemetry-exporter.mjs [folder]     (default: a new temp folder)
import fs from "node:fs";
import path from "node:path";
import { createRecommendedGuardrails, l0, TelemetryExporter } from "l0";
import { faults, mockModel } from "./lib/mock-model.mjs";
import { outputFolder } from "./lib/stand-ins.mjs";

const folder = outputFolder(process.argv[2]);

const result = await l0({
  stream: mockModel({ failures: [faults.econnreset()] }),
  retry: { baseDelay: 20 },
  guardrails: createRecommendedGuardrails(),
  monitoring: { enabled: true, metadata: { environment: "development" } },
});
for await (const event of result.stream) {
  // Stream handling...
}
const telemetry = result.telemetry;

// JSON
const json = TelemetryExporter.toJSON(telemetry);
fs.writeFileSync(path.join(folder, "telemetry.json"), json);

// CSV: a header once, then one row per call
const csvFile = path.join(folder, "telemetry.csv");
if (!fs.existsSync(csvFile)) fs.writeFileSync(csvFile, TelemetryExporter.csvHeader() + "\n");
fs.appendFileSync(csvFile, TelemetryExporter.toCSVRow(telemetry) + "\n");

// Structured logs
const logEntry = TelemetryExporter.toLogFormat(telemetry);
console.log("log entry:", JSON.stringify(logEntry));

// Metrics (time series)
const metrics = TelemetryExporter.toMetrics(telemetry);
for (const metric of metrics) {
  console.log(`metric ${metric.name} = ${metric.value} ${JSON.stringify(metric.tags ?? {})}`);
}
console.log(`wrote ${path.join(folder, "telemetry.json")} and ${csvFile}`);
