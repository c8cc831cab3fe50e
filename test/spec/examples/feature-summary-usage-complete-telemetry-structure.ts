// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 99: Usage / Complete Telemetry Structure
import type { L0Telemetry as OurTelemetry } from "l0";
import { eventfulTelemetry, probe, type Equal, type Expect } from "../prelude.js";

// <spec>
interface L0Telemetry {
  sessionId: string;
  startTime: number;
  endTime?: number;
  duration?: number;

  metrics: {
    timeToFirstToken?: number;
    avgInterTokenTime?: number;
    tokensPerSecond?: number;
    totalTokens: number;
    totalRetries: number;
    networkRetries: number;
    modelRetries: number;
  };

  network: {
    errorCount: number;
    errorsByType: Record<string, number>;
    errors?: Array<{
      type: string;
      message: string;
      timestamp: number;
      retried: boolean;
      delay?: number;
    }>;
  };

  guardrails?: {
    violationCount: number;
    violationsByRule: Record<string, number>;
    violationsBySeverity: {
      warning: number;
      error: number;
      fatal: number;
    };
  };

  drift?: {
    detected: boolean;
    types: string[];
  };

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
