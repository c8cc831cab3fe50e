/**
 * `createPrometheusCollector`: records `L0Telemetry` per call and exposes MONITORING.md's metrics.
 */
import type { L0Telemetry } from "../types/telemetry.js";
import type { PrometheusLabels } from "./prometheus-labels.js";
import { PrometheusRegistry } from "./prometheus-registry.js";
import type { PrometheusRegistryOptions, PrometheusSource } from "./prometheus-registry.js";

/** Options of {@link createPrometheusCollector}. */
export type PrometheusCollectorOptions = PrometheusRegistryOptions;

/**
 * Counts each `l0()` call once (repeats of the same telemetry object or `sessionId` are ignored)
 * into `{prefix}_requests_total`, `{prefix}_request_duration_seconds`, ... (MONITORING.md,
 * "Exported Metrics"). A thin face over {@link PrometheusRegistry}, reachable as `registry` for
 * custom metrics on the same exposition.
 */
export class PrometheusCollector implements PrometheusSource {
  /** The registry holding the metrics. */
  readonly registry: PrometheusRegistry;

  /** @param options see {@link PrometheusRegistryOptions}; invalid options throw `INVALID_OPTIONS` */
  constructor(options?: PrometheusCollectorOptions) {
    this.registry = new PrometheusRegistry(options);
  }

  /** Content type of the exposition. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Records one call's telemetry with optional per-request labels (e.g. `model`, `endpoint`).
   * Never throws; `undefined` telemetry (monitoring off, not sampled) is ignored.
   */
  record(telemetry: L0Telemetry | undefined, labels?: PrometheusLabels): void {
    this.registry.recordTelemetry(telemetry, labels);
  }

  /** The text exposition, synchronously and up to date. */
  expose(): string {
    return this.registry.expose();
  }

  /** The text exposition after an async SDK collection. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** Releases the private meter provider. Idempotent. */
  shutdown(): Promise<void> {
    return this.registry.shutdown();
  }
}

/** Creates a {@link PrometheusCollector} (`prefix` defaults to `"l0"`). */
export function createPrometheusCollector(options?: PrometheusCollectorOptions): PrometheusCollector {
  return new PrometheusCollector(options);
}
