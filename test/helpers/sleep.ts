/** Waiting on the real clock in tests (a timer, not a guess at how long work takes). */

/** Resolves after `ms` (0: after pending promise reactions and timers of 0 ms). */
export function sleep(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
