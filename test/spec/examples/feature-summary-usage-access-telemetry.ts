// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 85: Usage / Access Telemetry
import { finishedResult } from "../prelude.js";

const result = await finishedResult();

// <spec>
// After stream completes
const telemetry = result.telemetry;

console.log('Session ID:', telemetry.sessionId);
console.log('Duration:', telemetry.duration, 'ms');
console.log('Tokens:', telemetry.metrics.totalTokens);
console.log('Tokens/sec:', telemetry.metrics.tokensPerSecond);
console.log('Network errors:', telemetry.network.errorCount);
console.log('Retries:', telemetry.metrics.totalRetries);
// </spec>
