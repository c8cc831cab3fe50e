// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 209: Accessing Telemetry / Quick Summary
import { eventfulTelemetry } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
// Get high-level summary
console.log("Summary:", {
  sessionId: telemetry.sessionId,
  duration: telemetry.duration,
  tokens: telemetry.metrics.totalTokens,
  tokensPerSecond: telemetry.metrics.tokensPerSecond,
  retries: telemetry.metrics.totalRetries,
  networkErrors: telemetry.network.errorCount,
  violations: telemetry.guardrails?.violationCount ?? 0,
});
// </spec>
