/**
 * One time base per call. Span times handed to the OTel SDK as `performance.now()` numbers are
 * converted per span with an offset read when that span was created, so a parent and its child can
 * carry different offsets (and a child can end after its parent) while `Date.now()` slews against
 * the monotonic clock. Every time of a call is therefore read as epoch ms from one base, taken once:
 * `base + performance.now()`. Times within a call are monotonic, and children lie within parents.
 * @packageDocumentation
 */

/** The clock of one call. */
export class CallClock {
  private readonly base = Date.now() - performance.now();

  /** Epoch ms now, on this call's time base. */
  now(): number {
    return this.base + performance.now();
  }
}
