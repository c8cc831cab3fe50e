// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 66: Configuration / Monitoring Options
import { l0 } from "l0";
import type { MonitoringConfig as OurMonitoringConfig } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt, type Equal, type Expect } from "../prelude.js";

// <spec>
interface MonitoringConfig {
  /**
   * Enable telemetry collection (default: false)
   */
  enabled?: boolean;

  /**
   * Sample rate for telemetry (0-1, default: 1.0)
   * 0.5 = monitor 50% of requests
   */
  sampleRate?: number;

  /**
   * Include detailed network error information
   * (default: true)
   */
  includeNetworkDetails?: boolean;

  /**
   * Include timing metrics like TTFT, inter-token times
   * (default: true)
   */
  includeTimings?: boolean;

  /**
   * Custom metadata to attach to all events
   */
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
