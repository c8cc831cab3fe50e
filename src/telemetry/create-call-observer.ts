/**
 * Entry point the runtime uses to get a {@link CallObserver} for one call.
 * Until the OTel recorder lands, monitoring records nothing.
 */
import { NOOP_OBSERVER, type CallObserver } from "../runtime/call-observer.js";
import type { MonitoringConfig } from "../types/monitoring.js";

/** Returns the observer for one `l0()` call with these monitoring options. */
export function createCallObserver(config: MonitoringConfig | undefined, sessionId: string): CallObserver {
  void config;
  void sessionId;
  return NOOP_OBSERVER;
}
