/**
 * The runtime's clock: monotonic milliseconds (`performance.now()`), read at most once every
 * {@link REFRESH_EVERY} reads within one event-loop turn, plus a counter of turns.
 *
 * Reading a clock costs tens of nanoseconds, a large share of l0's per-token work when a provider
 * hands over a buffered burst of chunks in one turn. Within a turn a cached reading is at most the
 * few microseconds of the last {@link REFRESH_EVERY} reads old (it is never later than the true
 * time), and the first read of every later turn (any chunk that came over the network) is fresh.
 * A turn ends at the next `setImmediate` (the check phase).
 * @packageDocumentation
 */

/** Reads per clock reading within one event-loop turn. */
export const REFRESH_EVERY = 16;

let turn = 0;
let marked = false;
let cached = 0;
let cachedTurn = -1;
let left = 0;

function endTurn(): void {
  marked = false;
  turn++;
}

/** The number of the current event-loop turn (marks the turn, so its end is noticed). */
export function currentTurn(): number {
  if (!marked) {
    marked = true;
    setImmediate(endTurn);
  }
  return turn;
}

/** Monotonic ms now: fresh for the first read of a turn and every {@link REFRESH_EVERY}th read after. */
export function turnNow(): number {
  const t = currentTurn();
  if (cachedTurn !== t || left === 0) {
    cached = performance.now();
    cachedTurn = t;
    left = REFRESH_EVERY;
  }
  left--;
  return cached;
}
