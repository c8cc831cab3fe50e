// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 151: Export Formats / JSON Export
import fs from "fs";
import { eventfulTelemetry, probe } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
import { TelemetryExporter } from 'l0';

const json = TelemetryExporter.toJSON(telemetry);
fs.writeFileSync('telemetry.json', json);
// </spec>

probe("json", json);
probe("file", fs.readFileSync("telemetry.json", "utf8"));
