// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 245: Accessing Telemetry / Guardrail Analysis
import { eventfulTelemetry } from "../prelude.js";

const telemetry = await eventfulTelemetry();

// <spec>
// Check guardrail violations
if (telemetry.guardrails) {
  console.log("Violations:", telemetry.guardrails.violationCount);
  console.log("By severity:", telemetry.guardrails.violationsBySeverity);
  console.log("By rule:", telemetry.guardrails.violationsByRule);
}
// </spec>
