/**
 * Initial-token and inter-token timeouts that race the provider iterator, on deadlines.
 *
 * - `initialToken`: the deadline is `initialMs` after the attempt started; the first content chunk
 *   (token, message, data, progress) clears it.
 * - `interToken`: once the first content chunk arrived, every wait for the provider (from the pull
 *   to its answer) has the deadline `interMs` after the wait began. Time the consumer spends
 *   between pulls never counts.
 *
 * One timer per attempt, armed for the exact deadline and re-armed for the exact remainder when it
 * fires early (a newer wait, or a limit longer than a timer can hold: limits above 2^31−1 ms are
 * chained), so a timeout fires with the precision of a plain `setTimeout` of the same length. No
 * timer and no clock read per token: a wait that the provider answers within the turn it began
 * (a buffered burst) is never late; the start of a wait that outlives its turn is the time at the
 * end of that turn (one reading per turn, see `turn-clock.ts`).
 *
 * The deadline wins: an answer that arrives after its deadline (when the event loop was blocked,
 * the timer and the answer can be due together) is not accepted; {@link TimeoutWatchdog.endWait}
 * reports it as a timeout instead.
 * @packageDocumentation
 */
import { MAX_TIMER_MS } from "./long-timer.js";
import { atTurnEnd, currentTurn, turnNow, type TurnEndListener } from "./turn-clock.js";

/** Which timeout fired. */
export type TimeoutKind = "initial" | "inter";

/** A timeout that fired: its kind and how long the wait had lasted, ms. */
export interface TimeoutFiring {
  readonly kind: TimeoutKind;
  readonly elapsedMs: number;
}

/**
 * A timer is counted as on time up to this many ms before its deadline: Node's timers run on a
 * millisecond loop clock, so a plain `setTimeout(ms)` runs up to 1 ms before `ms` have passed on
 * `performance.now()`.
 */
const TIMER_SLACK_MS = 1;

/** Watches one attempt. */
export class TimeoutWatchdog implements TurnEndListener {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private gotFirst = false;
  private waiting = true;
  /** Turn in which the current wait began. */
  private waitTurn: number;
  /** When the current wait began; NaN until the end of its turn. */
  private waitStart = Number.NaN;
  /** The turn whose end this watchdog waits for (-1: none). */
  private listening = -1;
  private readonly attemptStart: number;
  private readonly startTurn: number;
  private readonly onTick = (): void => this.tick();

  /**
   * Starts watching at once (the attempt starts now and waits for the provider).
   * @param initialMs Max ms from the attempt start to the first content chunk.
   * @param interMs Max ms the provider may take to answer a pull after the first content chunk.
   * @param onTimeout Called once when a deadline passes while waiting; the watchdog stops itself first.
   */
  constructor(
    private readonly initialMs: number | undefined,
    private readonly interMs: number | undefined,
    private readonly onTimeout: (firing: TimeoutFiring) => void,
  ) {
    this.attemptStart = performance.now();
    this.startTurn = currentTurn();
    this.waitTurn = this.startTurn;
    if (initialMs !== undefined) this.arm(initialMs);
  }

  /** The attempt pulls the provider and waits for its answer. */
  beginWait(): void {
    this.waiting = true;
    if (!this.gotFirst || this.interMs === undefined || this.stopped) return;
    const turn = currentTurn();
    this.waitTurn = turn;
    this.waitStart = Number.NaN;
    if (this.listening !== turn) {
      this.listening = turn;
      atTurnEnd(this);
    }
  }

  /**
   * The provider answered (`content`: a token, message, data or progress chunk). Returns undefined
   * when the answer came in time; otherwise the watchdog has stopped and returns the timeout the
   * answer came too late for (the caller drops the answer and ends the attempt with it).
   */
  endWait(content: boolean): TimeoutFiring | undefined {
    this.waiting = false;
    if (this.stopped) return undefined;
    if (!this.gotFirst) {
      const initialMs = this.initialMs;
      if (initialMs !== undefined && currentTurn() !== this.startTurn) {
        const elapsed = turnNow() - this.attemptStart;
        if (elapsed > initialMs) return this.late("initial", elapsed);
      }
      if (content) {
        this.gotFirst = true;
        this.disarm();
      }
      return undefined;
    }
    const interMs = this.interMs;
    if (interMs !== undefined && currentTurn() !== this.waitTurn) {
      const elapsed = turnNow() - this.waitStart;
      if (elapsed > interMs) return this.late("inter", elapsed);
    }
    return undefined;
  }

  /** The end of the turn in which a wait began: that wait's start, and its deadline. */
  onTurnEnd(now: number): void {
    this.listening = -1;
    if (this.stopped || !this.waiting || !Number.isNaN(this.waitStart)) return;
    this.waitStart = now;
    if (this.timer === undefined) this.arm(this.interMs as number);
  }

  /** Stops watching (the attempt ended). Idempotent. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(ms: number): void {
    this.timer = setTimeout(this.onTick, Math.min(Math.max(ms, 1), MAX_TIMER_MS));
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = performance.now();
    if (!this.gotFirst) {
      const initialMs = this.initialMs as number;
      const elapsed = now - this.attemptStart;
      if (elapsed >= initialMs - TIMER_SLACK_MS) this.fire("initial", elapsed);
      else this.arm(initialMs - elapsed);
      return;
    }
    // Nobody waits: no timer until the next wait's turn ends.
    if (!this.waiting) return;
    const interMs = this.interMs as number;
    // The wait began in a turn whose end has not come yet (it began inside a check phase): it
    // began no later than now.
    if (Number.isNaN(this.waitStart)) this.waitStart = now;
    const elapsed = now - this.waitStart;
    if (elapsed >= interMs - TIMER_SLACK_MS) this.fire("inter", elapsed);
    else this.arm(interMs - elapsed);
  }

  private late(kind: TimeoutKind, elapsedMs: number): TimeoutFiring {
    this.stop();
    return { kind, elapsedMs: Math.round(elapsedMs) };
  }

  private fire(kind: TimeoutKind, elapsedMs: number): void {
    this.stop();
    this.onTimeout({ kind, elapsedMs: Math.round(elapsedMs) });
  }
}
