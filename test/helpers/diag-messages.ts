/**
 * Reading what l0 reports to OpenTelemetry's `diag` logger (telemetry failures never throw; they are
 * reported there).
 */
import { diag, type DiagLogLevel } from "@opentelemetry/api";

/**
 * Installs a `diag` logger keeping every message at `level` and above, and returns the list it
 * fills. Remove it with `diag.disable()`.
 */
export function captureDiag(level: DiagLogLevel): string[] {
  const messages: string[] = [];
  const keep = (message: string) => void messages.push(message);
  diag.setLogger({ error: keep, warn: keep, info: keep, debug: keep, verbose: keep }, { logLevel: level, suppressOverrideMessage: true });
  return messages;
}
