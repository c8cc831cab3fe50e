// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 426: API Reference / TelemetryExporter
import { TelemetryExporter } from "l0";
import type { TelemetryMetric } from "l0";
import { eventfulTelemetry, parseSignatures, probe } from "../prelude.js";

const telemetry = await eventfulTelemetry();

const signatures = String.raw`

// <spec>
TelemetryExporter.toJSON(telemetry): string
TelemetryExporter.toCSV(telemetry): string
TelemetryExporter.toLogFormat(telemetry): Record<string, any>
TelemetryExporter.toMetrics(telemetry): Array<Metric>
// </spec>
`;

// The declared types, checked by tsc:
const json: string = TelemetryExporter.toJSON(telemetry);
const csv: string = TelemetryExporter.toCSV(telemetry);
const log: Record<string, any> = TelemetryExporter.toLogFormat(telemetry);
const metrics: Array<TelemetryMetric> = TelemetryExporter.toMetrics(telemetry);
void [json, csv, log, metrics];

// Each documented call made by name at run time, with what it returned.
for (const { path, type } of parseSignatures(signatures)) {
  const method = (TelemetryExporter as unknown as Record<string, (t: unknown) => unknown>)[path[1] as string];
  const value = method?.call(TelemetryExporter, telemetry);
  probe("call", { path, type, returned: Array.isArray(value) ? "array" : value === null ? "null" : typeof value, first: Array.isArray(value) ? value[0] : undefined });
}
