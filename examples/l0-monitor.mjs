// The L0Monitor manual API: record a session's facts by hand (for streams l0 does not run) and
// get the same telemetry shape as result.telemetry.
//   node examples/l0-monitor.mjs
import { L0Monitor } from "l0";

const monitor = new L0Monitor({
  enabled: true,
  includeTimings: true,
});

monitor.start();

// Record events manually
monitor.recordToken();
monitor.recordToken();
const error = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
monitor.recordNetworkError(error, true, 1000, 1);
monitor.recordRetry(true);
monitor.recordToken();

monitor.complete();

// Get telemetry
const telemetry = monitor.getTelemetry();
console.log("telemetry:", JSON.stringify(telemetry));

// Get summary
const summary = monitor.getSummary();
console.log("summary:", JSON.stringify(summary));

// Export
const json = monitor.toJSON();
console.log("json:", json);
