// Console logging: stream tokens to stdout with `onEvent`, then print the call's telemetry.
//   node examples/console-logging.mjs
import { l0 } from "l0";
import { faults, mockModel } from "./lib/mock-model.mjs";

const result = await l0({
  // The connection drops after three words on the first attempt; l0 retries it.
  stream: mockModel({ failures: [faults.econnreset()] }),
  retry: { baseDelay: 50 },
  monitoring: { enabled: true },
  onEvent: (event) => {
    if (event.type === "token") process.stdout.write(event.value || "");
    if (event.type === "retry") process.stdout.write(`\n[retry: ${event.reason}, output so far discarded]\n`);
  },
});

for await (const _event of result.stream) {
  // Stream handling... (tokens are printed by onEvent above)
}

console.log("\n--- Telemetry ---");
console.log("Duration:", result.telemetry.duration, "ms");
console.log("Tokens:", result.telemetry.metrics.totalTokens);
console.log("Tokens/sec:", result.telemetry.metrics.tokensPerSecond?.toFixed(2));
console.log("Retries:", result.telemetry.metrics.totalRetries);
console.log("Network errors:", result.telemetry.network.errorCount);
console.log("Errors by type:", JSON.stringify(result.telemetry.network.errorsByType));
