// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 297: Exporting Telemetry / To Structured Logs
import { TelemetryExporter } from "l0";
import { eventfulTelemetry, logger } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
// Export to structured log format
const logEntry = TelemetryExporter.toLogFormat(telemetry);

// Log with your logger
logger.info("L0 execution completed", logEntry);

// Example output:
// {
//   session_id: "l0_1234567890_abc123",
//   timestamp: 1234567890,
//   duration_ms: 1500,
//   metrics: {
//     tokens: 150,
//     tokens_per_second: 100,
//     time_to_first_token_ms: 250,
//     total_retries: 1
//   },
//   network: {
//     error_count: 1,
//     errors_by_type: { "connection_dropped": 1 }
//   }
// }
// </spec>
