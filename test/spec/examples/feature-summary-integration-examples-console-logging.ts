// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 201: Integration Examples / Console Logging
import { l0 } from "l0";
import { streamText } from "ai";
import { model, prompt } from "../prelude.js";

// <spec>
const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true }
});

for await (const event of result.stream) {
  if (event.type === 'token') {
    process.stdout.write(event.value || '');
  }
}

console.log('\n--- Telemetry ---');
console.log('Duration:', result.telemetry.duration, 'ms');
console.log('Tokens:', result.telemetry.metrics.totalTokens);
console.log('Tokens/sec:', result.telemetry.metrics.tokensPerSecond?.toFixed(2));
// </spec>
