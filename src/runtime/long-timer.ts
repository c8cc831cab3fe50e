/**
 * Waits of any length: Node fires a `setTimeout` longer than 2^31−1 ms at once, so longer waits
 * are chained.
 * @packageDocumentation
 */
/** Longest delay one `setTimeout` holds (Node fires longer ones at once). */
export const MAX_TIMER_MS = 2_147_483_647;

/** Calls `done` after `ms` (any finite length); returns a function that cancels the wait. */
export function sleepFor(ms: number, done: () => void): () => void {
  let left = ms;
  let timer: ReturnType<typeof setTimeout>;
  const step = (): void => {
    if (left <= MAX_TIMER_MS) {
      timer = setTimeout(done, left);
      return;
    }
    left -= MAX_TIMER_MS;
    timer = setTimeout(step, MAX_TIMER_MS);
  };
  step();
  return () => clearTimeout(timer);
}
