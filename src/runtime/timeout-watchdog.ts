/**
 * Initial-token and inter-token timeouts that race the provider iterator, on deadlines.
 *
 * - `initialToken`: the deadline is `initialMs` after the attempt started; the first content chunk
 *   (token, message, data, progress) clears it.
 * - `interToken`: once the first content chunk arrived, every wait for the provider (from the pull
 *   to its answer) has the deadline `interMs` after the wait began. Time the consumer spends
 *   between pulls never counts.
 *
 * One timer per attempt, armed for the exact deadline, so a timeout fires when a plain `setTimeout`
 * of the same length would; when it was armed for an earlier deadline (an older wait, or the first
 * link of a limit longer than a timer holds: limits above 2^31−1 ms are chained) it is re-armed for
 * the exact remainder, so there is no timer per token. A pull the provider answers at once (a
 * buffered chunk) is no wait and costs nothing; a real wait reads the clock once when it begins,
 * and its answer is checked against the deadline only when it came in a later event-loop turn
 * (within one turn no timer could have run).
 *
 * The deadline wins: an answer that arrives after its deadline (when the event loop was blocked,
 * the timer and the answer can be due together) is not accepted; {@link TimeoutWatchdog.endWait}
 * reports it as a timeout instead.
 * @packageDocumentation
 */
import { MAX_TIMER_MS } from "./long-timer.js";
import { currentTurn, turnNow } from "./turn-clock.js";

/** Which timeout fired. */
export type TimeoutKind = "initial" | "inter";

/** A timeout that fired: its kind and how long the wait had lasted, ms. */
export interface TimeoutFiring {
  readonly kind: TimeoutKind;
  readonly elapsedMs: number;
}

/** Deadlines this close (ms) count as the same: a timer armed for one fires for the other. */
const TIMER_SLACK_MS = 1;

/** Watches one attempt. */
export class TimeoutWatchdog {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline (monotonic ms) the armed timer was set for. */
  #armedFor = Number.NEGATIVE_INFINITY;
  #stopped = false;
  #gotFirst = false;
  /** A real wait is under way (the provider did not answer the pull at once). */
  #waiting = false;
  /** Turn in which the current wait began. */
  #waitTurn = -1;
  /** When the current wait began. */
  #waitStart = 0;
  readonly #attemptStart: number;
  readonly #onTick = (): void => this.#tick();

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
    this.#attemptStart = performance.now();
    if (initialMs !== undefined) this.#arm(this.#attemptStart + initialMs, this.#attemptStart);
  }

  /** The provider did not answer a pull at once: a real wait begins now. */
  beginWait(): void {
    this.#waiting = true;
    this.#waitTurn = currentTurn();
    if (!this.#gotFirst || this.interMs === undefined || this.#stopped) return;
    const now = performance.now();
    this.#waitStart = now;
    if (this.#timer === undefined) this.#arm(now + this.interMs, now);
  }

  /**
   * The provider answered (`content`: a token, message, data or progress chunk). Returns undefined
   * when the answer came in time; otherwise the watchdog has stopped and returns the timeout the
   * answer came too late for (the caller drops the answer and ends the attempt with it).
   */
  endWait(content: boolean): TimeoutFiring | undefined {
    const waited = this.#waiting && currentTurn() !== this.#waitTurn;
    this.#waiting = false;
    if (this.#stopped) return undefined;
    if (!this.#gotFirst) {
      const initialMs = this.initialMs;
      if (initialMs !== undefined && waited) {
        const elapsed = turnNow() - this.#attemptStart;
        if (elapsed > initialMs) return this.#late("initial", elapsed);
      }
      if (content) {
        this.#gotFirst = true;
        this.#disarm();
      }
      return undefined;
    }
    const interMs = this.interMs;
    if (interMs !== undefined && waited) {
      const elapsed = turnNow() - this.#waitStart;
      if (elapsed > interMs) return this.#late("inter", elapsed);
    }
    return undefined;
  }

  /** Stops watching (the attempt ended). Idempotent. */
  stop(): void {
    this.#stopped = true;
    this.#disarm();
  }

  /** Arms the timer for `deadline` (monotonic ms), at most {@link MAX_TIMER_MS} ahead of `now`. */
  #arm(deadline: number, now: number): void {
    const delay = Math.min(Math.max(deadline - now, 1), MAX_TIMER_MS);
    this.#armedFor = now + delay;
    this.#timer = setTimeout(this.#onTick, delay);
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * The timer ran. It fires the timeout when it was armed for the current deadline (it runs when a
   * plain `setTimeout` of that length would), and is re-armed for the rest when it was armed for an
   * earlier deadline (an older wait, or the first link of a chained long limit).
   */
  #tick(): void {
    this.#timer = undefined;
    if (this.#stopped) return;
    const now = performance.now();
    if (!this.#gotFirst) {
      const deadline = this.#attemptStart + (this.initialMs as number);
      if (this.#armedFor >= deadline - TIMER_SLACK_MS) this.#fire("initial", now - this.#attemptStart);
      else this.#arm(deadline, now);
      return;
    }
    // Nobody waits: no timer until the next wait begins.
    if (!this.#waiting) return;
    const deadline = this.#waitStart + (this.interMs as number);
    if (this.#armedFor >= deadline - TIMER_SLACK_MS) this.#fire("inter", now - this.#waitStart);
    else this.#arm(deadline, now);
  }

  #late(kind: TimeoutKind, elapsedMs: number): TimeoutFiring {
    this.stop();
    return { kind, elapsedMs: Math.round(elapsedMs) };
  }

  #fire(kind: TimeoutKind, elapsedMs: number): void {
    this.stop();
    this.onTimeout({ kind, elapsedMs: Math.round(elapsedMs) });
  }
}
