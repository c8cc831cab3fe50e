/**
 * Validation of `monitoring` (`MonitoringConfig`): the one place its rules live, used by `l0()` and
 * by the telemetry code that builds a call's observer.
 * @packageDocumentation
 */
import type { MonitoringConfig } from "../types/monitoring.js";
import { childPath, optionalBoolean, optionalNumber, optionalObject, optionalString } from "./field-checks.js";
import { optionBag, optionKeys } from "./known-keys.js";

/** Every key of `monitoring`. */
export const MONITORING_OPTION_KEYS = optionKeys<MonitoringConfig>()({
  enabled: true,
  sampleRate: true,
  includeNetworkDetails: true,
  includeTimings: true,
  metadata: true,
  captureContent: true,
  provider: true,
  model: true,
  operation: true,
});

/**
 * Checks `monitoring` (at `path`): known keys only (`metadata` is free-form); `enabled`,
 * `includeNetworkDetails`, `includeTimings`, `captureContent` booleans; `sampleRate` a number in
 * [0, 1]; `provider`, `model`, `operation` non-empty strings; `metadata` an object.
 * Throws `L0Error` `INVALID_OPTIONS` naming the field.
 */
export function validateMonitoringConfig(value: unknown, path = "monitoring"): asserts value is MonitoringConfig | undefined {
  const monitoring = optionBag(value, MONITORING_OPTION_KEYS, path);
  if (monitoring === undefined) return;
  optionalBoolean(monitoring, "enabled", childPath(path, "enabled"));
  optionalNumber(monitoring, "sampleRate", childPath(path, "sampleRate"), { min: 0, max: 1 });
  for (const field of ["includeNetworkDetails", "includeTimings", "captureContent"])
    optionalBoolean(monitoring, field, childPath(path, field));
  for (const field of ["provider", "model", "operation"]) optionalString(monitoring, field, childPath(path, field), true);
  optionalObject(monitoring["metadata"], childPath(path, "metadata"), "a plain object");
}
