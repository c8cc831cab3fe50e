/**
 * The clock behind the `timestamp` of content events (`token`, `message`, `data`, `progress`).
 *
 * Reading `Date.now()` costs tens of nanoseconds, a large share of l0's per-token work when a
 * provider delivers a buffered burst of chunks in one event-loop turn. So the clock is read for
 * the first content event of every event-loop turn and then once every {@link REFRESH_EVERY}
 * events within the same turn. A timestamp is therefore never older than the delivery of the last
 * 15 events of the same synchronous burst (microseconds), well below the field's millisecond
 * resolution, and an event that arrives in a later turn (any network chunk) always gets a fresh
 * reading.
 * @packageDocumentation
 */

/** Content events per clock reading within one event-loop turn. */
export const REFRESH_EVERY = 16;

let cached = 0;
let left = 0;
let armed = false;

function expire(): void {
  armed = false;
  left = 0;
}

/** Epoch milliseconds for a content event delivered now. */
export function contentTimestamp(): number {
  if (left > 0) {
    left--;
    return cached;
  }
  cached = Date.now();
  left = REFRESH_EVERY - 1;
  if (!armed) {
    armed = true;
    setImmediate(expire);
  }
  return cached;
}
