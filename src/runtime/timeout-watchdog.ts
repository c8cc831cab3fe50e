/**
 * Initial-token and inter-token timeouts that race the provider iterator.
 *
 * No timer and no clock read per token:
 * - the initial timeout is one timer from the attempt start;
 * - the inter-token timeout is one re-armed timer that ticks every quarter of `interToken` while the
 *   attempt waits for the provider; a wait that spans enough ticks to exceed the limit times out.
 *   A pull only resets a tick counter, so a timeout fires between `interToken` and 1.25 × `interToken`
 *   after the provider was asked for the next chunk.
 *
 * Time the consumer spends between pulls is never counted (a slow consumer does not make the
 * provider time out), and the timer stops re-arming while nobody waits.
 * @packageDocumentation
 */

/** Which timeout fired. */
export type TimeoutKind = "initial" | "inter";

/** Ticks per inter-token limit: a timeout fires at most a quarter of the limit late. */
const TICKS_PER_LIMIT = 4;

/** Watches one attempt. */
export class TimeoutWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armed = false;
  private waiting = true;
  private gotFirst = false;
  private stopped = false;
  /** Whole ticks the current wait has spanned. */
  private ticks = 0;
  private readonly tickMs: number;
  private readonly attemptStart: number;
  private readonly onTick = (): void => this.tick();

  /**
   * Starts watching at once (the attempt starts now and waits for the provider).
   * @param initialMs Max ms from the attempt start to the first content chunk.
   * @param interMs Max ms the provider may take to deliver the next chunk after it was pulled.
   * @param onTimeout Called once when a limit is passed; the watchdog stops itself first.
   */
  constructor(
    private readonly initialMs: number | undefined,
    private readonly interMs: number | undefined,
    private readonly onTimeout: (kind: TimeoutKind, elapsedMs: number) => void,
  ) {
    this.attemptStart = Date.now();
    this.tickMs = interMs === undefined ? 0 : Math.max(1, interMs / TICKS_PER_LIMIT);
    if (initialMs !== undefined) this.arm(initialMs);
  }

  /** The attempt pulls the provider again and waits. */
  beginWait(): void {
    this.waiting = true;
    this.ticks = 0;
    if (!this.armed && this.gotFirst && this.interMs !== undefined && !this.stopped) this.arm(this.tickMs);
  }

  /** The provider answered; `content` when it was a content chunk (token, message, data, progress). */
  endWait(content: boolean): void {
    this.waiting = false;
    if (content && !this.gotFirst) {
      this.gotFirst = true;
      // The initial timer is no longer needed; ticking starts with the next wait.
      this.disarm();
    }
  }

  /** Stops watching (attempt ended). Idempotent. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(ms: number): void {
    this.armed = true;
    if (this.timer === undefined) this.timer = setTimeout(this.onTick, ms);
    else this.timer.refresh();
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armed = false;
  }

  private tick(): void {
    this.armed = false;
    if (this.stopped) return;
    if (!this.gotFirst) {
      // Only the initial timer is armed before the first content chunk.
      this.fire("initial", Date.now() - this.attemptStart);
      return;
    }
    if (!this.waiting || this.interMs === undefined) return;
    this.ticks++;
    // The wait began somewhere inside the first tick, so it has lasted at least (ticks - 1) ticks.
    const waited = (this.ticks - 1) * this.tickMs;
    if (waited >= this.interMs) {
      this.fire("inter", Math.round(waited));
      return;
    }
    this.arm(this.tickMs);
  }

  private fire(kind: TimeoutKind, elapsedMs: number): void {
    this.stop();
    this.onTimeout(kind, elapsedMs);
  }
}
