/**
 * The mapping of an attempt's adapter chunks to consumer events: token delivery (text, counters,
 * content checks), message/data/progress, the `response` and `finish` facts, provider `error`
 * chunks, and continuation overlap removal.
 * @packageDocumentation
 */
import type { L0Chunk, L0Event, L0TokenEvent, L0Usage } from "../types/events.js";
import type { AttemptHost, PullResult } from "./attempt-host.js";
import type { ContentChecks } from "./content-checks.js";
import type { OverlapFilter } from "./continuation.js";
import type { TimeoutFiring, TimeoutWatchdog } from "./timeout-watchdog.js";
import { turnNow } from "./turn-clock.js";

/** Usage and other facts the provider stream reported for an attempt. */
export interface ResponseFacts {
  usage?: L0Usage;
  finishReason?: string;
  model?: string;
  responseId?: string;
  /** `gen_ai.provider.name` value the stream named. */
  provider?: string;
}

/** The attempt whose chunks are delivered (implemented by `Attempt`). */
export interface DeliveringAttempt {
  readonly host: AttemptHost;
  /** 1-based attempt number. */
  readonly number: number;
  /** Monotonic ms at the attempt's start. */
  readonly startedAt: number;
  readonly watchdog: TimeoutWatchdog | undefined;
  readonly overlap: OverlapFilter | undefined;
  readonly checks: ContentChecks | undefined;
  readonly facts: ResponseFacts;
  tokens: number;
  hadOutput: boolean;
  hadText: boolean;
  held: L0Event | undefined;
  /** Ends the attempt (`failure` undefined: the stream ended normally). */
  end(failure: unknown): PullResult;
  /** Ends the attempt with a timeout an answer came too late for. */
  timeoutResult(firing: TimeoutFiring): PullResult;
  /** The provider stream ended normally. */
  sourceEnded(): void;
}

/**
 * Handles the adapter's chunk (undefined: its stream ended). Returns what the consumer gets, or
 * undefined for "nothing to deliver, pull again".
 */
export function handleChunk(attempt: DeliveringAttempt, chunk: L0Chunk | undefined): PullResult | undefined {
  const watchdog = attempt.watchdog;
  if (watchdog !== undefined) {
    const content =
      chunk !== undefined && (chunk.type === "token" || chunk.type === "message" || chunk.type === "data" || chunk.type === "progress");
    const late = watchdog.endWait(content);
    if (late !== undefined) return attempt.timeoutResult(late);
  }
  if (chunk === undefined) return sourceEnded(attempt);
  switch (chunk.type) {
    case "token": {
      attempt.host.events.chunkReceived();
      const overlap = attempt.overlap;
      const value = overlap === undefined ? chunk.value : overlap.push(chunk.value);
      return typeof value === "string" && value.length > 0 ? deliverToken(attempt, value) : undefined;
    }
    case "message":
      attempt.hadOutput = true;
      return deliverContent(attempt, {
        type: "message",
        value: chunk.value,
        ...(chunk.role !== undefined && { role: chunk.role }),
        timestamp: timestamp(attempt),
      });
    case "data":
      attempt.hadOutput = true;
      return deliverContent(attempt, { type: "data", data: chunk.data, timestamp: timestamp(attempt) });
    case "progress":
      return deliverContent(attempt, { type: "progress", progress: chunk.progress, timestamp: timestamp(attempt) });
    case "finish": {
      const facts = attempt.facts;
      if (chunk.usage !== undefined) facts.usage = chunk.usage;
      if (chunk.finishReason !== undefined) facts.finishReason = chunk.finishReason;
      if (chunk.model !== undefined) facts.model = chunk.model;
      if (chunk.responseId !== undefined) facts.responseId = chunk.responseId;
      return undefined;
    }
    case "response": {
      const facts = attempt.facts;
      if (chunk.model !== undefined) facts.model ??= chunk.model;
      if (chunk.responseId !== undefined) facts.responseId ??= chunk.responseId;
      // A stream that names its provider says more than the adapter's shape (e.g. Anthropic via an OpenAI-shaped stream).
      if (chunk.provider !== undefined) facts.provider = chunk.provider;
      const { type: _type, ...said } = chunk;
      attempt.host.events.streamFacts(said);
      return undefined;
    }
    case "error":
      return attempt.end(chunk.error ?? new Error("The provider stream reported an error without details"));
    default:
      return undefined;
  }
}

/** Text that is not only whitespace. */
const NON_WHITESPACE = /\S/;

/** Epoch ms of a content event delivered now. */
function timestamp(attempt: DeliveringAttempt): number {
  return attempt.host.epochBase + turnNow();
}

function sourceEnded(attempt: DeliveringAttempt): PullResult {
  attempt.sourceEnded();
  const overlap = attempt.overlap;
  if (overlap !== undefined && overlap.pending) {
    const text = overlap.flush();
    if (text.length > 0) return deliverToken(attempt, text);
  }
  return attempt.end(undefined);
}

/** Non-text content: flushes held-back continuation text first so order is kept. */
function deliverContent(attempt: DeliveringAttempt, event: L0Event): PullResult {
  const overlap = attempt.overlap;
  if (overlap !== undefined && overlap.pending) {
    const text = overlap.flush();
    if (text.length > 0) {
      attempt.held = event;
      return deliverToken(attempt, text);
    }
  }
  attempt.host.events.streamEvent(event);
  return { done: false, value: event };
}

function deliverToken(attempt: DeliveringAttempt, value: string): PullResult {
  const { host } = attempt;
  const { state } = host;
  host.text.append(value);
  state.tokenCount++;
  if (!attempt.hadText && NON_WHITESPACE.test(value)) attempt.hadText = true;
  const tokens = ++attempt.tokens;
  const checks = attempt.checks;
  if (checks !== undefined) {
    const failure = checks.afterToken(value);
    if (failure !== undefined) return attempt.end(failure);
  }
  const now = turnNow();
  const event: L0TokenEvent = { type: "token", value, timestamp: host.epochBase + now };
  host.events.tokenDelivered(event, attempt.number, tokens === 1 ? now - attempt.startedAt : undefined);
  return { done: false, value: event };
}
