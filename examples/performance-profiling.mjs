// Performance profiling: run many calls and summarise their telemetry.
//   node examples/performance-profiling.mjs [runs]     (default 30)
import { l0 } from "l0";
import { faults, mockModel } from "./lib/mock-model.mjs";

const count = Number(process.argv[2] ?? 30);
const runs = [];

for (let i = 0; i < count; i++) {
  const result = await l0({
    // One call in five loses its connection once.
    stream: mockModel({ failures: i % 5 === 4 ? [faults.econnreset()] : [], chunkDelayMs: 1 }),
    retry: { baseDelay: 5 },
    monitoring: { enabled: true },
  });
  for await (const _event of result.stream) {
    // Consume stream
  }
  runs.push(result.telemetry);
}

const avgDuration = runs.reduce((sum, t) => sum + t.duration, 0) / runs.length;
const avgTokensPerSec = runs.reduce((sum, t) => sum + t.metrics.tokensPerSecond, 0) / runs.length;
const totalNetworkErrors = runs.reduce((sum, t) => sum + t.network.errorCount, 0);
const ttft = runs.map((t) => t.metrics.timeToFirstToken).sort((a, b) => a - b);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

console.log("Performance profile:");
console.log("  Runs:", runs.length);
console.log("  Avg duration:", avgDuration.toFixed(2), "ms");
console.log("  Avg tokens/sec:", avgTokensPerSec.toFixed(1));
console.log("  TTFT p50 / p95:", percentile(ttft, 50).toFixed(2), "/", percentile(ttft, 95).toFixed(2), "ms");
console.log("  Total network errors:", totalNetworkErrors);
