// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 167: Export Formats / Structured Logs
import { TelemetryExporter } from "l0";
import { eventfulTelemetry, logger } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
const logEntry = TelemetryExporter.toLogFormat(telemetry);

// Use with your logger
logger.info('L0 execution', logEntry);
// </spec>
