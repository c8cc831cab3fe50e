// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 562: Monitoring Patterns / Performance Profiling
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";
import type { L0Telemetry } from "l0";

// <spec>
const runs: L0Telemetry[] = [];

for (let i = 0; i < 100; i++) {
  const result = await l0({
    stream: () => streamText({ model, prompt }),
    monitoring: { enabled: true },
  });

  for await (const event of result.stream) {
    // Consume stream
  }

  runs.push(result.telemetry);
}

// Analyze performance
const avgDuration = runs.reduce((sum, t) => sum + t.duration, 0) / runs.length;
const avgTokensPerSec =
  runs.reduce((sum, t) => sum + t.metrics.tokensPerSecond, 0) / runs.length;
const totalNetworkErrors = runs.reduce(
  (sum, t) => sum + t.network.errorCount,
  0,
);

console.log("Performance profile:");
console.log("  Avg duration:", avgDuration, "ms");
console.log("  Avg tokens/sec:", avgTokensPerSec);
console.log("  Total network errors:", totalNetworkErrors);
// </spec>
