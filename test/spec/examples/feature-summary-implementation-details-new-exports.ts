// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 384: Implementation Details / New Exports

// <spec>
// Classes
export { L0Monitor, createMonitor, TelemetryExporter } from 'l0';

// Types
export type { 
  L0Telemetry, 
  CategorizedNetworkError,
  MonitoringConfig 
} from 'l0';
// </spec>

import { probe } from "../prelude.js";

// What this module re-exports at run time, read once it has loaded (the type exports are checked by tsc).
void import(import.meta.url).then((self: Record<string, unknown>) =>
  probe("exports", Object.fromEntries(Object.entries(self).map(([name, value]) => [name, typeof value]))),
);
