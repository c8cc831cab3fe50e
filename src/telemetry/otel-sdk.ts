/**
 * The OTel SDK packages l0 uses, loaded on first use instead of at `import "l0"`.
 *
 * Most apps bring their own OTel SDK (or none), so the entry point loads only
 * `@opentelemetry/api` and the semantic-conventions constants. The SDK packages load the first
 * time l0 needs one: the embedded pipeline of a monitored call with no SDK registered,
 * `registerL0Instrumentation({ prometheus })`, or a constructor that needs the SDK
 * (`createPrometheusCollector()`, the JSON/CSV metric readers). Loading is synchronous
 * (`require`, through `createRequire` in the ES module build) because several of those public
 * APIs are synchronous; each module is loaded once and cached by Node.
 *
 * Dual packages: the OTel SDK 2.x packages publish no `exports` map, so Node gives `import` and
 * `require` the same (CommonJS) module instance; l0's lazy `require` shares it with the app.
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import type * as ApiLogs from "@opentelemetry/api-logs";
import type * as Core from "@opentelemetry/core";
import type * as ExporterPrometheus from "@opentelemetry/exporter-prometheus";
import type * as Resources from "@opentelemetry/resources";
import type * as SdkMetrics from "@opentelemetry/sdk-metrics";
import type * as SdkTraceBase from "@opentelemetry/sdk-trace-base";

const load = createRequire(import.meta.url);

let apiLogsModule: typeof ApiLogs | undefined;
let coreModule: typeof Core | undefined;
let prometheusModule: typeof ExporterPrometheus | undefined;
let resourcesModule: typeof Resources | undefined;
let metricsModule: typeof SdkMetrics | undefined;
let traceModule: typeof SdkTraceBase | undefined;

/** `@opentelemetry/api-logs` (the Logs API: the global `LoggerProvider`). */
export function apiLogs(): typeof ApiLogs {
  return (apiLogsModule ??= load("@opentelemetry/api-logs") as typeof ApiLogs);
}

/** `@opentelemetry/core`. */
export function otelCore(): typeof Core {
  return (coreModule ??= load("@opentelemetry/core") as typeof Core);
}

/** `@opentelemetry/exporter-prometheus`. */
export function exporterPrometheus(): typeof ExporterPrometheus {
  return (prometheusModule ??= load("@opentelemetry/exporter-prometheus") as typeof ExporterPrometheus);
}

/** `@opentelemetry/resources`. */
export function otelResources(): typeof Resources {
  return (resourcesModule ??= load("@opentelemetry/resources") as typeof Resources);
}

/** `@opentelemetry/sdk-metrics`. */
export function sdkMetrics(): typeof SdkMetrics {
  return (metricsModule ??= load("@opentelemetry/sdk-metrics") as typeof SdkMetrics);
}

/** `@opentelemetry/sdk-trace-base`. */
export function sdkTraceBase(): typeof SdkTraceBase {
  return (traceModule ??= load("@opentelemetry/sdk-trace-base") as typeof SdkTraceBase);
}
