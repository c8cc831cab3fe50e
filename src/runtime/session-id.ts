/**
 * Ids of `l0()` calls.
 * @packageDocumentation
 */

/**
 * Returns a new session id `l0_<epoch ms>_<random base36>`, used for lifecycle events and
 * `telemetry.sessionId`. Unique enough to correlate logs; never used as a metric label.
 */
export function createSessionId(now: number = Date.now()): string {
  return `l0_${now}_${Math.random().toString(36).slice(2, 10).padEnd(8, "0")}`;
}
