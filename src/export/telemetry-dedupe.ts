/**
 * Remembers which telemetry objects were already recorded, so recording the same call twice
 * never double counts.
 */
import type { L0Telemetry } from "../types/telemetry.js";

/** Default number of recent session ids remembered. */
export const DEFAULT_DEDUPE_WINDOW = 10_000;

/**
 * A telemetry object is a repeat when it is the same object as one recorded before, or carries a
 * `sessionId` among the last `window` recorded ones (oldest forgotten first, so memory stays bounded).
 */
export class TelemetryDedupe {
  private readonly objects = new WeakSet<object>();
  private readonly ids = new Set<string>();

  /** @param window number of recent session ids remembered */
  constructor(private readonly window: number) {}

  /** Returns true the first time a telemetry is seen, false for a repeat (and remembers it). */
  firstSeen(telemetry: L0Telemetry): boolean {
    if (this.objects.has(telemetry)) return false;
    const id = telemetry.sessionId;
    if (typeof id === "string" && id !== "") {
      if (this.ids.has(id)) return false;
      this.ids.add(id);
      if (this.ids.size > this.window) {
        const oldest = this.ids.values().next();
        if (oldest.done !== true) this.ids.delete(oldest.value);
      }
    }
    this.objects.add(telemetry);
    return true;
  }
}
