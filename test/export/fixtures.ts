import type { L0Telemetry } from "../../src/types/telemetry.js";

/** A completed call with retries, network errors, guardrail violations and drift. */
export function fullTelemetry(overrides: Partial<L0Telemetry> = {}): L0Telemetry {
  return {
    sessionId: "l0_1700000000000_abc123",
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_001_500,
    duration: 1500,
    metrics: {
      timeToFirstToken: 250,
      avgInterTokenTime: 8.5,
      tokensPerSecond: 100,
      totalTokens: 150,
      tokenSource: "provider",
      discardedTokens: 40,
      billedInputTokens: 60,
      billedOutputTokens: 190,
      totalChunks: 120,
      generationTime: 1500,
      totalRetries: 3,
      networkRetries: 2,
      modelRetries: 1,
    },
    network: {
      errorCount: 2,
      errorsByType: { connection_dropped: 1, timeout: 1 },
      errors: [
        { type: "connection_dropped", message: "socket hang up", timestamp: 1_700_000_000_100, retried: true, delay: 200 },
        { type: "timeout", message: "inter-token timeout", timestamp: 1_700_000_000_900, retried: true, delay: 400 },
      ],
    },
    guardrails: {
      violationCount: 3,
      violationsByRule: { "json-structure": 2, "no-pii": 1 },
      violationsBySeverity: { warning: 1, error: 2, fatal: 0 },
    },
    drift: { detected: true, types: ["tone_shift"] },
    metadata: { user_tier: "premium", region: "us-east-1", attempt_budget: 3, beta: true, nested: { a: 1 }, list: [1, 2], nothing: null },
    ...overrides,
  };
}

/** A minimal call: no timings, no guardrails, no drift. */
export function minimalTelemetry(sessionId = "l0_min"): L0Telemetry {
  return {
    sessionId,
    startTime: 1_700_000_000_000,
    metrics: { totalTokens: 0, totalRetries: 0, networkRetries: 0, modelRetries: 0 },
    network: { errorCount: 0, errorsByType: {} },
  };
}
