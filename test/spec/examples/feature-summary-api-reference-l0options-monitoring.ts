// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 400: API Reference / L0Options.monitoring
import { l0 } from "l0";
import type { MonitoringConfig as OurMonitoringConfig } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt, type Equal, type Expect } from "../prelude.js";

// <spec>
interface MonitoringConfig {
  enabled?: boolean;
  sampleRate?: number;
  includeNetworkDetails?: boolean;
  includeTimings?: boolean;
  metadata?: Record<string, any>;
}
// </spec>

// The spec's MonitoringConfig and ours are the same type on every field the spec declares, and assignable both ways.
const sameFields: Expect<Equal<Pick<OurMonitoringConfig, keyof MonitoringConfig>, MonitoringConfig>> = true;
const specToOurs = (value: MonitoringConfig): OurMonitoringConfig => value;
const oursToSpec = (value: OurMonitoringConfig): MonitoringConfig => value;

const config: MonitoringConfig = { enabled: true, sampleRate: 1, includeNetworkDetails: true, includeTimings: true, metadata: { team: "search" } };
const result = await l0({ stream: () => streamText({ model, prompt }), monitoring: specToOurs(config) });
probe("text", await consume(result));
probe("metadata", result.telemetry?.metadata);
void sameFields;
void oursToSpec;
