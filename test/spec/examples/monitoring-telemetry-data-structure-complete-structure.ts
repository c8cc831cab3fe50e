// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 132: Telemetry Data Structure / Complete Structure
import type { L0Telemetry as OurTelemetry } from "l0";
import { eventfulTelemetry, probe, type Equal, type Expect } from "../prelude.js";

// <spec>
interface L0Telemetry {
  // Session identification
  sessionId: string;
  startTime: number;
  endTime?: number;
  duration?: number;

  // Performance metrics
  metrics: {
    timeToFirstToken?: number; // TTFT in ms
    avgInterTokenTime?: number; // Average ms between tokens
    tokensPerSecond?: number; // Throughput
    totalTokens: number; // Total tokens received
    totalRetries: number; // All retries
    networkRetries: number; // Network retries (doesn't count)
    modelRetries: number; // Model retries (counts)
  };

  // Network tracking
  network: {
    errorCount: number; // Total network errors
    errorsByType: Record<string, number>; // Errors grouped by type
    errors?: Array<{
      // Detailed errors (if enabled)
      type: string;
      message: string;
      timestamp: number;
      retried: boolean;
      delay?: number;
    }>;
  };

  // Guardrail violations
  guardrails?: {
    violationCount: number;
    violationsByRule: Record<string, number>;
    violationsBySeverity: {
      warning: number;
      error: number;
      fatal: number;
    };
  };

  // Drift detection
  drift?: {
    detected: boolean;
    types: string[];
  };

  // Custom metadata
  metadata?: Record<string, any>;
}
// </spec>

// The spec's L0Telemetry and ours are the same type on every field the spec declares (ours adds
// fields to `metrics`), and assignable both ways.
type SpecMetrics = L0Telemetry["metrics"];
const sameFields: Expect<Equal<Pick<OurTelemetry, Exclude<keyof L0Telemetry, "metrics">>, Omit<L0Telemetry, "metrics">>> = true;
const sameMetrics: Expect<Equal<Pick<OurTelemetry["metrics"], keyof SpecMetrics>, SpecMetrics>> = true;
const specToOurs = (value: L0Telemetry): OurTelemetry => value;
const oursToSpec = (value: OurTelemetry): L0Telemetry => value;

const telemetry: L0Telemetry = oursToSpec(await eventfulTelemetry());
probe("telemetry", telemetry);
void sameFields;
void sameMetrics;
void specToOurs;
