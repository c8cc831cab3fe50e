// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 633: Advanced Usage / L0Monitor Class
import { faults } from "l0/testing";

const error = faults.econnreset();

// <spec>
import { L0Monitor } from "l0";

const monitor = new L0Monitor({
  enabled: true,
  includeTimings: true,
});

monitor.start();

// Record events manually
monitor.recordToken();
monitor.recordToken();
monitor.recordNetworkError(error, true, 1000, 1);
monitor.recordRetry(true);

monitor.complete();

// Get telemetry
const telemetry = monitor.getTelemetry();
console.log(telemetry);

// Get summary
const summary = monitor.getSummary();
console.log(summary);

// Export
const json = monitor.toJSON();
console.log(json);
// </spec>
