// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 160: Export Formats / CSV Export
import fs from "fs";
import { TelemetryExporter } from "l0";
import { eventfulTelemetry, probe } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
const csv = TelemetryExporter.toCSV(telemetry);
fs.appendFileSync('telemetry.csv', csv + '\n');
// </spec>

probe("csv", csv);
probe("file", fs.readFileSync("telemetry.csv", "utf8"));
