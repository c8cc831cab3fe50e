// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 341: Advanced Usage / Direct Monitor Access
import { faults } from "l0/testing";

const error = faults.econnreset();

// <spec>
import { L0Monitor } from 'l0';

const monitor = new L0Monitor({
  enabled: true,
  includeTimings: true
});

monitor.start();
monitor.recordToken();
monitor.recordNetworkError(error, true, 1000);
monitor.complete();

const telemetry = monitor.getTelemetry();
console.log(telemetry);
// </spec>
