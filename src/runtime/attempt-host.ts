/**
 * What an attempt needs from the call it belongs to (implemented by `Call`).
 * @packageDocumentation
 */
import type { L0ErrorDetails } from "../errors/l0-error.js";
import type { L0Event } from "../types/events.js";
import type { L0State } from "../types/result.js";
import type { CallConfig } from "./call-config.js";
import type { CallEvents } from "./call-events.js";
import type { RetryBudget } from "./retry-policy.js";
import type { TextBuffer } from "./text-buffer.js";

/** What a pull resolves to: an event, or (a promise of) what follows the attempt's end. */
export type PullResult = IteratorResult<L0Event> | Promise<IteratorResult<L0Event>>;

/** The call, as its attempts see it. */
export interface AttemptHost {
  readonly config: CallConfig;
  /** Live state of the call (`result.state`). */
  readonly state: L0State;
  /** The text behind `state.content`. */
  readonly text: TextBuffer;
  /** The call's outbound port. */
  readonly events: CallEvents;
  /** Epoch ms minus monotonic ms at the call's start: event timestamps are `epochBase + turnNow()`. */
  readonly epochBase: number;
  /** Retries used on the current stream. */
  readonly budget: RetryBudget;
  /** Facts for an `L0Error` raised now. */
  details(): L0ErrorDetails;
  /** Settles the consumer's pending pull (if any). */
  settle(result: PullResult): void;
  /** True while the consumer waits for an event. */
  readonly pullPending: boolean;
  /** The current attempt ended: continues the control flow; resolves with the consumer's next event. */
  afterAttempt(): Promise<IteratorResult<L0Event>>;
}
