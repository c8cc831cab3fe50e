/**
 * The shape of a per-example check, and shared checks used by several examples.
 */
import { expect } from "vitest";
import { ANSWER, ANSWER_TOKEN_COUNT, expectCleanExit, probe, SESSION_ID } from "./check-helpers.js";
import type { ExampleRun } from "./run-example.js";

/** A finished example run, plus what the harness observed around it. */
export interface CheckedRun extends ExampleRun {
  /** StatsD lines received (when `statsd`). */
  statsd: string[];
  /** What `serve` returned (server examples). */
  served: Record<string, unknown>;
}

/** How to run one example and what must hold afterwards. */
export interface ExampleCheck {
  /** Extra environment (e.g. `SPEC_RANDOM`, `SPEC_SEED` of the prelude). */
  env?: Record<string, string>;
  /** Kill after this many ms. @default 90000 */
  timeoutMs?: number;
  /**
   * Run on a virtual clock (`virtual-time.ts`): for examples that wait on timers (abort after 5 s)
   * and do no I/O, so they take as long as their work, not their timers.
   */
  virtualTime?: boolean;
  /** Open a local StatsD (UDP) sink and point `hot-shots` at it. */
  statsd?: boolean;
  /** For server examples: talk to it once it listens; the example is stopped afterwards. */
  serve?: (port: number) => Promise<Record<string, unknown>>;
  /** Assertions on the run. */
  check(run: CheckedRun): void;
}

/** Fails on any difference from a monitored, finished call of the mock model. */
export function expectFinishedTelemetry(telemetry: Record<string, any>, tokens = ANSWER_TOKEN_COUNT): void {
  expect(telemetry.sessionId).toMatch(SESSION_ID);
  expect(telemetry.duration).toBeGreaterThan(0);
  expect(telemetry.endTime).toBeGreaterThanOrEqual(telemetry.startTime);
  expect(telemetry.metrics).toMatchObject({ totalTokens: tokens, totalRetries: 0, networkRetries: 0, modelRetries: 0 });
  expect(telemetry.metrics.timeToFirstToken).toBeGreaterThan(0);
  expect(telemetry.metrics.tokensPerSecond).toBeGreaterThan(0);
  expect(telemetry.network).toMatchObject({ errorCount: 0, errorsByType: {} });
}

/** The example printed its text, then the telemetry of the call (probes `text`, `telemetry`). */
export const streamedAndMonitored: ExampleCheck = {
  check(run) {
    expectCleanExit(run);
    expect(probe<string>(run, "text")).toBe(ANSWER);
    expectFinishedTelemetry(probe(run, "telemetry"));
  },
};

/** A `monitoring: {...}` member wrapped into options and run: probes `text` and `telemetry`. */
export function optionsMember(expected: { metadata?: Record<string, unknown>; networkDetails?: boolean }): ExampleCheck {
  return {
    env: { SPEC_RANDOM: "0" },
    check(run) {
      expectCleanExit(run);
      expect(probe<string>(run, "text")).toBe(ANSWER);
      const telemetry = probe(run, "telemetry");
      expect(telemetry, "with Math.random() = 0 every sampled call is monitored").not.toBeNull();
      expectFinishedTelemetry(telemetry);
      if (expected.metadata) expect(telemetry.metadata).toEqual(expected.metadata);
      if (expected.networkDetails === false) expect(telemetry.network.errors).toBeUndefined();
      if (expected.networkDetails === true) expect(telemetry.network.errors).toEqual([]);
    },
  };
}

/** A sampling member run 100 times with seeded randomness: about 10 % of calls get telemetry. */
export const tenPercentSampled: ExampleCheck = {
  check(run) {
    expectCleanExit(run);
    const { sampled, of } = probe(run, "sampled");
    expect(of).toBe(100);
    // Expected 10; with the prelude's seed the count is fixed, and a fair 10 % sampler lands in 2..25.
    expect(sampled).toBeGreaterThanOrEqual(2);
    expect(sampled).toBeLessThanOrEqual(25);
  },
};

/** A spec `interface` compared with ours: the run proves a value of the spec's type works with l0. */
export const monitoringConfigInterface: ExampleCheck = {
  check(run) {
    expectCleanExit(run);
    expect(probe<string>(run, "text")).toBe(ANSWER);
    expect(probe(run, "metadata")).toEqual({ team: "search" });
  },
};

// The spec's fields, plus l0's additive `retries` (retries by kind and reason, present when the call retried).
const TELEMETRY_KEYS = [
  "sessionId",
  "startTime",
  "endTime",
  "duration",
  "metrics",
  "network",
  "guardrails",
  "drift",
  "metadata",
  "retries",
];

/** The spec's `L0Telemetry` interface against a real telemetry object (network error, guardrail warning). */
export const telemetryInterface: ExampleCheck = {
  check(run) {
    expectCleanExit(run);
    const telemetry = probe(run, "telemetry");
    for (const key of Object.keys(telemetry)) expect(TELEMETRY_KEYS, `unexpected field ${key}`).toContain(key);
    // The spec's metrics, in its order, then l0's additions (semconv.md, "Numbers"); no billed
    // tokens: this provider reports no usage.
    expect(Object.keys(telemetry.metrics)).toEqual([
      ...["totalTokens", "totalRetries", "networkRetries", "modelRetries", "timeToFirstToken", "avgInterTokenTime", "tokensPerSecond"],
      ...["tokenSource", "discardedTokens", "totalChunks", "generationTime"],
    ]);
    // "Hello" of the failed first attempt is discarded, the five tokens of the second are kept.
    expect(telemetry.metrics).toMatchObject({ totalTokens: 5, discardedTokens: 1, totalChunks: 6, tokenSource: "counted" });
    expect(telemetry.network.errors).toHaveLength(1);
    expect(Object.keys(telemetry.network.errors[0]).sort()).toEqual(["delay", "message", "retried", "timestamp", "type"]);
    expect(telemetry.guardrails).toEqual({
      violationCount: 1,
      violationsByRule: { "no-mock-mention": 1 },
      violationsBySeverity: { warning: 1, error: 0, fatal: 0 },
    });
    expect(telemetry.metadata).toEqual({ model: "gpt-4", environment: "test" });
  },
};
