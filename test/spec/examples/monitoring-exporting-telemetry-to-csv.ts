// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 286: Exporting Telemetry / To CSV
import fs from "fs";
import { TelemetryExporter } from "l0";
import { eventfulTelemetry, probe } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
// Export to CSV format
const csv = TelemetryExporter.toCSV(telemetry);
console.log(csv);

// Append to CSV file
fs.appendFileSync("telemetry.csv", csv + "\n");
// </spec>

probe("file", fs.readFileSync("telemetry.csv", "utf8"));
