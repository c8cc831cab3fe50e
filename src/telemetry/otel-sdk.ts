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

/** The package `name`, required on the first call and kept. */
function lazyModule<T>(name: string): () => T {
  let module: T | undefined;
  return () => (module ??= load(name) as T);
}

/** `@opentelemetry/api-logs` (the Logs API: the global `LoggerProvider`). */
export const apiLogs = /* @__PURE__ */ lazyModule<typeof ApiLogs>("@opentelemetry/api-logs");

/** `@opentelemetry/core`. */
export const otelCore = /* @__PURE__ */ lazyModule<typeof Core>("@opentelemetry/core");

/** `@opentelemetry/exporter-prometheus`. */
export const exporterPrometheus = /* @__PURE__ */ lazyModule<typeof ExporterPrometheus>("@opentelemetry/exporter-prometheus");

/** `@opentelemetry/resources`. */
export const otelResources = /* @__PURE__ */ lazyModule<typeof Resources>("@opentelemetry/resources");

/** `@opentelemetry/sdk-metrics`. */
export const sdkMetrics = /* @__PURE__ */ lazyModule<typeof SdkMetrics>("@opentelemetry/sdk-metrics");

/** `@opentelemetry/sdk-trace-base`. */
export const sdkTraceBase = /* @__PURE__ */ lazyModule<typeof SdkTraceBase>("@opentelemetry/sdk-trace-base");
