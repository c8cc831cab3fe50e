// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 224: Accessing Telemetry / Network Error Analysis
import { eventfulTelemetry } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
// Check for network errors
if (telemetry.network.errorCount > 0) {
  console.log("Network errors by type:");
  for (const [type, count] of Object.entries(telemetry.network.errorsByType)) {
    console.log(`  ${type}: ${count}`);
  }

  // Access detailed errors (if includeNetworkDetails: true)
  if (telemetry.network.errors) {
    for (const error of telemetry.network.errors) {
      console.log("Error:", error.type, error.message);
      console.log("  Retried:", error.retried);
      console.log("  Delay:", error.delay, "ms");
    }
  }
}
// </spec>
