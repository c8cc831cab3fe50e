/**
 * Initial-token and inter-token timeouts that race the provider iterator.
 *
 * One timer per attempt, not one per token: the timer fires at the earliest moment a timeout could
 * be due; if the attempt is still waiting for the provider and the limit has passed it reports the
 * timeout, otherwise it re-arms for the remaining time. Time the consumer spends between pulls is
 * never counted (a slow consumer does not make the provider time out).
 * @packageDocumentation
 */

/** Which timeout fired. */
export type TimeoutKind = "initial" | "inter";

/** Watches one attempt. */
export class TimeoutWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiting = true;
  private waitStart: number;
  private readonly attemptStart: number;
  private gotFirst = false;
  private stopped = false;
  private readonly fire = (): void => this.check();

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
    this.waitStart = this.attemptStart;
    this.arm();
  }

  /** The attempt pulls the provider again and waits. */
  beginWait(): void {
    if (this.stopped) return;
    this.waiting = true;
    if (!this.gotFirst) {
      if (this.timer === undefined) this.arm();
      return;
    }
    if (this.interMs === undefined) return;
    this.waitStart = Date.now();
    if (this.timer === undefined) this.arm();
  }

  /** The provider answered; `content` when it was a content chunk (token, message, data, progress). */
  endWait(content: boolean): void {
    this.waiting = false;
    if (content) this.gotFirst = true;
  }

  /** Stops watching (attempt ended). Idempotent. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private limit(): { kind: TimeoutKind; ms: number; since: number } | undefined {
    if (!this.gotFirst) return this.initialMs === undefined ? undefined : { kind: "initial", ms: this.initialMs, since: this.attemptStart };
    return this.interMs === undefined ? undefined : { kind: "inter", ms: this.interMs, since: this.waitStart };
  }

  private arm(): void {
    const limit = this.limit();
    if (limit === undefined) return;
    const remaining = limit.ms - (Date.now() - limit.since);
    this.timer = setTimeout(this.fire, Math.max(0, remaining));
  }

  private check(): void {
    this.timer = undefined;
    if (this.stopped || !this.waiting) return;
    const limit = this.limit();
    if (limit === undefined) return;
    const elapsed = Date.now() - limit.since;
    if (elapsed >= limit.ms) {
      this.stop();
      this.onTimeout(limit.kind, elapsed);
      return;
    }
    this.arm();
  }
}
