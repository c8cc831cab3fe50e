/**
 * The state of the current attempt and the mapping of adapter chunks to consumer events:
 * token delivery (text, counters, streaming guardrail and drift checks), message/data/progress,
 * `finish` facts, provider `error` chunks, and continuation overlap removal.
 * @packageDocumentation
 */
import type { L0Error, L0ErrorDetails } from "../errors/l0-error.js";
import type { L0Chunk, L0Event, L0TokenEvent, L0Usage } from "../types/events.js";
import type { L0LifecycleEvent } from "../types/lifecycle.js";
import type { L0State } from "../types/result.js";
import { checkDriftDelta, checkStreamingGuardrails } from "./attempt-checks.js";
import type { CallConfig } from "./call-config.js";
import { createCallState } from "./call-state.js";
import type { OverlapFilter } from "./continuation.js";
import { callSafely } from "./emit.js";
import { RetryBudget } from "./retry-policy.js";
import { TextBuffer } from "./text-buffer.js";
import type { TimeoutWatchdog } from "./timeout-watchdog.js";
import { contentTimestamp } from "./token-clock.js";

/** What a pull resolves to: an event, or (a promise of) what follows the attempt's end. */
export type PullResult = IteratorResult<L0Event> | Promise<IteratorResult<L0Event>>;

/** Usage and other facts of the attempt's `finish` chunk. */
export interface FinishFacts {
  usage?: L0Usage;
  finishReason?: string;
  model?: string;
  responseId?: string;
}

/** `Omit` applied to each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Attempt state plus chunk-to-event mapping; the pulling is left to the subclass. */
export abstract class ChunkDelivery {
  /** The text behind `state.content`. */
  readonly text = new TextBuffer();
  /** Live state of the call (`result.state`). */
  readonly state: L0State = createCallState(this.text);
  /** Token events delivered in this attempt. */
  attemptTokens = 0;
  /** The attempt delivered a message or data event (output that is not text). */
  attemptHadOutput = false;
  /** The provider stream of this attempt ended normally. */
  sourceDone = false;
  /** Why the attempt ended early (undefined when the provider stream ended normally). */
  outcome: unknown;
  /** Tokens since the last streaming guardrail check. */
  sinceCheck = 0;
  /** Length of `state.content` at the last guardrail check. */
  checkedLength = 0;
  /** Token values delivered since the last guardrail check (joined into the next check's `delta`). */
  readonly uncheckedParts: string[] = [];
  /** Some guardrail rule runs while streaming (`streaming: true`); read once per call. */
  readonly streamingRules: boolean;
  /** Keys of violations already reported in this attempt (rules may repeat themselves). */
  readonly reported = new Set<string>();
  /** A retryable guardrail/drift failure seen mid-stream that could not end the attempt then. */
  pendingFailure: L0Error | undefined;
  /** Retries used on the current stream (fresh for the primary and each fallback). */
  budget = new RetryBudget();
  /** 0 = primary stream, n = `fallbackStreams[n - 1]`. */
  fallbackIndex = 0;

  protected attemptStartedAt = 0;
  protected facts: FinishFacts = {};
  protected overlap: OverlapFilter | undefined;
  protected watchdog: TimeoutWatchdog | undefined;
  /** A content event held back while flushed continuation text goes first. */
  protected held: L0Event | undefined;

  constructor(readonly config: CallConfig) {
    this.streamingRules = config.rules.some((rule) => rule.streaming);
  }

  /** Emits a lifecycle event to `onEvent` (built only when there is a handler). */
  lifecycle(event: DistributiveOmit<L0LifecycleEvent, "ts" | "sessionId">): void {
    const onEvent = this.config.onEvent;
    if (onEvent === undefined) return;
    callSafely("onEvent", onEvent, { ...event, ts: Date.now(), sessionId: this.config.sessionId } as L0LifecycleEvent);
  }

  /** Facts for an `L0Error` raised now. */
  details(): L0ErrorDetails {
    return { attempt: this.state.attempt, fallbackIndex: this.fallbackIndex, tokenCount: this.state.tokenCount };
  }

  /** Ends the attempt (`failure` undefined: the provider stream ended normally). */
  protected abstract endAttempt(failure: unknown): Promise<IteratorResult<L0Event>>;

  /** The provider stream ended normally; the subclass forgets it. */
  protected abstract forgetSource(): void;

  /** Maps the adapter's chunk (undefined: its stream ended); undefined means "nothing to deliver, pull again". */
  protected handle(chunk: L0Chunk | undefined): PullResult | undefined {
    const watchdog = this.watchdog;
    if (chunk === undefined) {
      watchdog?.endWait(false);
      return this.sourceEnded();
    }
    switch (chunk.type) {
      case "token": {
        watchdog?.endWait(true);
        this.config.observer.chunkReceived();
        const value = this.overlap === undefined ? chunk.value : this.overlap.push(chunk.value);
        return typeof value === "string" && value.length > 0 ? this.deliverToken(value) : undefined;
      }
      case "message":
        watchdog?.endWait(true);
        this.attemptHadOutput = true;
        return this.deliverContent({ type: "message", value: chunk.value, ...(chunk.role !== undefined && { role: chunk.role }), timestamp: contentTimestamp() });
      case "data":
        watchdog?.endWait(true);
        this.attemptHadOutput = true;
        return this.deliverContent({ type: "data", data: chunk.data, timestamp: contentTimestamp() });
      case "progress":
        watchdog?.endWait(true);
        return this.deliverContent({ type: "progress", progress: chunk.progress, timestamp: contentTimestamp() });
      case "finish": {
        watchdog?.endWait(false);
        const facts = this.facts;
        if (chunk.usage !== undefined) facts.usage = chunk.usage;
        if (chunk.finishReason !== undefined) facts.finishReason = chunk.finishReason;
        if (chunk.model !== undefined) facts.model = chunk.model;
        if (chunk.responseId !== undefined) facts.responseId = chunk.responseId;
        return undefined;
      }
      case "error":
        watchdog?.endWait(false);
        return this.endAttempt(chunk.error ?? new Error("The provider stream reported an error without details"));
      default:
        watchdog?.endWait(false);
        return undefined;
    }
  }

  private sourceEnded(): PullResult {
    this.sourceDone = true;
    this.forgetSource();
    const overlap = this.overlap;
    if (overlap !== undefined && overlap.pending) {
      const text = overlap.flush();
      if (text.length > 0) return this.deliverToken(text);
    }
    return this.endAttempt(undefined);
  }

  /** Non-text content: flushes held-back continuation text first so order is kept. */
  private deliverContent(event: L0Event): PullResult {
    const overlap = this.overlap;
    if (overlap !== undefined && overlap.pending) {
      const text = overlap.flush();
      if (text.length > 0) {
        this.held = event;
        return this.deliverToken(text);
      }
    }
    return this.deliver(event);
  }

  protected deliver(event: L0Event): IteratorResult<L0Event> {
    callSafely("onEvent", this.config.onEvent, event);
    return { done: false, value: event };
  }

  private deliverToken(value: string): PullResult {
    const { config, state } = this;
    this.text.append(value);
    state.tokenCount++;
    const tokens = ++this.attemptTokens;
    if (config.drift !== undefined) {
      const failure = checkDriftDelta(this, value);
      if (failure !== undefined) return this.endAttempt(failure);
    }
    if (config.rules.length > 0) {
      if (this.streamingRules) this.uncheckedParts.push(value);
      if (++this.sinceCheck >= config.guardrailInterval) {
        const failure = checkStreamingGuardrails(this);
        if (failure !== undefined) return this.endAttempt(failure);
      }
    }
    const event: L0TokenEvent = { type: "token", value, timestamp: contentTimestamp() };
    if (tokens === 1) this.lifecycle({ type: "FIRST_TOKEN", attempt: state.attempt, ttftMs: event.timestamp - this.attemptStartedAt });
    if (config.onEvent !== undefined) callSafely("onEvent", config.onEvent, event);
    config.observer.tokenDelivered();
    return { done: false, value: event };
  }
}
