/**
 * `createPrometheusCollector`: MONITORING.md's name for a {@link PrometheusRegistry} used to record
 * `L0Telemetry` per call (`collector.record(result.telemetry, labels)`) and expose l0's metrics.
 * It is the registry itself, not a wrapper: `registry.record` and `registry.recordTelemetry` are
 * the same method, and custom metrics share the exposition.
 */
import { PrometheusRegistry } from "./prometheus-registry.js";
import type { PrometheusRegistryOptions } from "./prometheus-registry.js";

/** Options of {@link createPrometheusCollector}. */
export type PrometheusCollectorOptions = PrometheusRegistryOptions;

/**
 * The collector of MONITORING.md: a {@link PrometheusRegistry} (`new PrometheusCollector(options)`
 * and `collector instanceof PrometheusCollector` work).
 */
export const PrometheusCollector = PrometheusRegistry;
/** The collector of MONITORING.md: a {@link PrometheusRegistry}. */
export type PrometheusCollector = PrometheusRegistry;

/**
 * Creates the registry that counts each `l0()` call once (repeats of the same telemetry object or
 * `sessionId` are ignored) into `{prefix}_requests_total`, `{prefix}_request_duration_seconds`, ...
 * (MONITORING.md, "Exported Metrics"); `prefix` defaults to `"l0"`.
 */
export function createPrometheusCollector(options?: PrometheusCollectorOptions): PrometheusCollector {
  return new PrometheusRegistry(options);
}
