// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 273: Exporting Telemetry / To JSON
import fs from "fs";
import { eventfulTelemetry, probe } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
import { TelemetryExporter } from "l0";

// Export to JSON string
const json = TelemetryExporter.toJSON(telemetry);
console.log(json);

// Or write to file
fs.writeFileSync("telemetry.json", json);
// </spec>

probe("file", fs.readFileSync("telemetry.json", "utf8"));
