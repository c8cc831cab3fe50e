// A/B testing: assign each user to a config, tag the call's telemetry with the variant, and
// compare the variants' latency and retries.
//   node examples/ab-testing.mjs
import { createHash } from "node:crypto";
import { l0 } from "l0";
import { faults, mockModel } from "./lib/mock-model.mjs";

// A: patient retries. B: fast retries with a tight inter-token timeout.
const configA = { retry: { backoff: "exponential", baseDelay: 40, maxDelay: 200 } };
const configB = { retry: { backoff: "fixed", baseDelay: 5 }, timeout: { interToken: 1000 } };

// Stable assignment: the same user always gets the same variant.
const variantOf = (userId) => (createHash("sha256").update(userId).digest()[0] % 2 === 0 ? "A" : "B");

const results = { A: [], B: [] };
async function trackABTest(performance) {
  results[performance.config].push(performance);
}

for (let i = 0; i < 12; i++) {
  const userId = `user_${i}`;
  const variant = variantOf(userId);
  const config = variant === "A" ? configA : configB;
  // Every third call hits a dropped connection first.
  const failures = i % 3 === 0 ? [faults.econnreset()] : [];

  const result = await l0({
    stream: mockModel({ failures }),
    monitoring: {
      enabled: true,
      metadata: { ab_test: variant, user_id: userId },
    },
    ...config,
  });
  for await (const _event of result.stream) {
    // Stream handling...
  }

  await trackABTest({
    config: result.telemetry.metadata.ab_test,
    duration: result.telemetry.duration,
    tokens_per_second: result.telemetry.metrics.tokensPerSecond,
    retries: result.telemetry.metrics.totalRetries,
  });
}

const avg = (rows, key) => rows.reduce((sum, r) => sum + r[key], 0) / rows.length;
for (const variant of ["A", "B"]) {
  const rows = results[variant];
  if (rows.length === 0) continue;
  console.log(
    `variant ${variant}: ${rows.length} calls, avg duration ${avg(rows, "duration").toFixed(1)} ms, ` +
      `avg tokens/s ${avg(rows, "tokens_per_second").toFixed(1)}, retries ${rows.reduce((s, r) => s + r.retries, 0)}`,
  );
}
