// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 256: Accessing Telemetry / Performance Analysis
import { finishedResult } from "../prelude.js";

const telemetry = (await finishedResult()).telemetry;

// <spec>
// Analyze performance
console.log("Performance metrics:");
console.log("  Time to first token:", telemetry.metrics.timeToFirstToken, "ms");
console.log(
  "  Avg inter-token time:",
  telemetry.metrics.avgInterTokenTime,
  "ms",
);
console.log("  Tokens per second:", telemetry.metrics.tokensPerSecond);
console.log("  Total duration:", telemetry.duration, "ms");
// </spec>
