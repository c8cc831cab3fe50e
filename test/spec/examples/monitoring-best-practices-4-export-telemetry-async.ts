// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 782: Best Practices / 4. Export Telemetry Async
import { finishedResult, recorder } from "../prelude.js";

const result = await finishedResult();
const sendToMonitoring = recorder("sendToMonitoring");

// <spec>
// Don't block the response
setImmediate(() => {
  sendToMonitoring(result.telemetry);
});
// </spec>
