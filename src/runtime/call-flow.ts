/**
 * The control flow of one call: attempts on the primary stream and the fallbacks, the retry
 * decision after each failed attempt, and the terminal `complete` / `error` events. Streaming an
 * attempt is handed to the hot path by yielding {@link STREAMING}.
 * @packageDocumentation
 */
import { classifyError } from "../errors/classify-error.js";
import { ERROR_TYPE_CATEGORY, type ErrorType } from "../errors/error-types.js";
import { L0Error } from "../errors/l0-error.js";
import type { L0CompleteEvent, L0ErrorEvent, L0FallbackEvent, L0RetryEvent } from "../types/events.js";
import { STREAMING, type Call, type FlowItem } from "./call.js";
import { finalChecks } from "./content-checks.js";
import { abortError, asError, messageOf, toFinalError } from "./failures.js";
import { runAfter, runOnError } from "./interceptors.js";
import { RetryBudget, decideRetry, type RetryKind } from "./retry-policy.js";

/** Failures about the content itself: the next attempt starts fresh even with continuation on. */
const CONTENT_FAILURES: ReadonlySet<ErrorType> = new Set(["guardrail_violation", "drift", "zero_output"]);

/** Runs the whole call; yields stream events and {@link STREAMING} hand-overs. */
export async function* callFlow(call: Call): AsyncGenerator<FlowItem, void, undefined> {
  const { config, state } = call;
  call.startedAt = Date.now();
  call.events.callStarted();
  let reason: ErrorType | undefined;
  let retryKind: RetryKind | undefined;
  try {
    for (let index = 0; index < config.factories.length; index++) {
      call.budget = new RetryBudget();
      call.fallbackIndex = index;
      for (;;) {
        if (call.cancelled) return;
        if (call.isAborted) return yield* fail(call, abortError(call.abortReason, call.details()), "aborted");
        const attempt = call.startAttempt(reason, retryKind);
        // An abort from a callback of the attempt start (onEvent ATTEMPT_START) lands while no attempt runs.
        if (call.isAborted) return yield* fail(call, abortError(call.abortReason, call.details()), "aborted");
        let failure: unknown;
        try {
          await attempt.setup(config.factories[index] as (typeof config.factories)[number]);
        } catch (error) {
          failure = error ?? new Error("The stream factory failed without an error");
        }
        if (call.cancelled) return;
        if (failure === undefined) {
          yield STREAMING;
          failure = attempt.outcome;
          if (failure === undefined) {
            failure = finalChecks(attempt, attempt.checks);
            if (failure !== undefined) attempt.abandon(failure);
          }
        } else {
          attempt.abandon(failure);
        }
        // An abort from a callback of the final checks (onViolation, onDrift) lands while no attempt runs.
        if (failure === undefined && !call.isAborted) return yield* complete(call);
        failure ??= abortError(call.abortReason, call.details());

        if (call.isAborted) return yield* failAborted(call, failure);
        const type = classifyError(failure);
        call.errors.push(asError(failure));
        if (type === "aborted") return yield* fail(call, toFinalError(failure, type, call.details()), type);
        if (L0Error.isL0Error(failure) && failure.code === "FATAL_GUARDRAIL_VIOLATION") return yield* fail(call, failure, type);

        // A hung shouldRetry must not outlive an abort.
        const decision = await call.untilAborted(decideRetry(config.policy, call.budget, { type, error: failure, attempt: state.attempt }));
        if (call.cancelled) return;
        if (decision === undefined || call.isAborted) return yield* fail(call, abortError(call.abortReason, call.details()), "aborted");
        if (ERROR_TYPE_CATEGORY[type] === "network") {
          call.events.networkError(type, failure, messageOf(failure), decision.retry ? decision.delayMs : undefined, state.attempt);
        }

        if (decision.retry) {
          const { kind } = decision;
          call.budget.record(kind);
          if (kind === "network") state.networkRetryCount++;
          else state.modelRetryCount++;
          const end = call.attemptEndInfo("retry", type, failure);
          const output = nextOutput(call, type);
          if (end !== undefined) end.outputKept = !output.discardsOutput;
          const event: L0RetryEvent = {
            type: "retry",
            attempt: state.attempt + 1,
            reason: type,
            kind,
            delayMs: decision.delayMs,
            ...output,
            timestamp: Date.now(),
          };
          call.events.retry(event, kind, end);
          yield event;
          await call.sleep(decision.delayMs);
          reason = type;
          retryKind = kind;
          continue;
        }

        if (index + 1 < config.factories.length) {
          const end = call.attemptEndInfo("fallback", type, failure);
          const output = nextOutput(call, type);
          if (end !== undefined) end.outputKept = !output.discardsOutput;
          const event: L0FallbackEvent = { type: "fallback", index, reason: type, ...output, timestamp: Date.now() };
          call.events.fallback(event, end);
          yield event;
          reason = type;
          retryKind = undefined;
          break;
        }

        if (config.acceptViolations && attempt.sourceDone && (type === "guardrail_violation" || type === "drift")) {
          return yield* complete(call);
        }
        return yield* fail(call, toFinalError(failure, type, call.details()), type);
      }
    }
  } catch (error) {
    // A defect in the runtime itself: still end the call properly and type the error.
    const type = classifyError(error);
    return yield* fail(call, toFinalError(error, type, call.details()), type);
  }
}

/**
 * Prepares the output for the next attempt: with continuation on (and a failure that is not about
 * the content) the delivered text becomes the checkpoint and is kept; otherwise it is discarded.
 */
function nextOutput(call: Call, type: ErrorType): { discardsOutput: boolean; continuedFromLength?: number } {
  const { state } = call;
  if (call.config.continuation && state.content.length > 0 && !CONTENT_FAILURES.has(type)) {
    call.checkpoint = state.content;
    return { discardsOutput: false, continuedFromLength: state.content.length };
  }
  call.checkpoint = undefined;
  state.content = "";
  state.tokenCount = 0;
  state.violations = [];
  state.driftDetected = false;
  delete state.usage;
  delete state.finishReason;
  return { discardsOutput: true };
}

async function* complete(call: Call): AsyncGenerator<FlowItem, void, undefined> {
  const { config, state } = call;
  const attempt = call.attempt;
  const facts = attempt?.facts ?? {};
  state.completed = true;
  if (facts.usage !== undefined) state.usage = facts.usage;
  if (facts.finishReason !== undefined) state.finishReason = facts.finishReason;
  const end = call.attemptEndInfo("success");
  const event: L0CompleteEvent = {
    type: "complete",
    ...(facts.usage !== undefined && { usage: facts.usage }),
    ...(facts.finishReason !== undefined && { finishReason: facts.finishReason }),
    tokenCount: state.tokenCount,
    timestamp: Date.now(),
  };
  call.endCall();
  call.events.completed(event, event.timestamp - call.startedAt, end);
  // The call's telemetry ends as the consumer receives `complete`; the after hooks run once it has
  // (on its next pull, or when it stops reading).
  try {
    yield event;
  } finally {
    if (call.result !== undefined) await runAfter(config.interceptors, call.result, config.options);
  }
}

/** Fails an aborted call; `failure` is what ended the attempt (the abort itself, or a provider error it caused). */
function failAborted(call: Call, failure: unknown): AsyncGenerator<FlowItem, void, undefined> {
  if (L0Error.isL0Error(failure) && failure.code === "STREAM_ABORTED") return fail(call, failure, "aborted");
  call.errors.push(asError(failure));
  return fail(call, abortError(call.abortReason, call.details()), "aborted");
}

async function* fail(call: Call, error: L0Error, type: ErrorType): AsyncGenerator<FlowItem, void, undefined> {
  const { config, state } = call;
  const aborted = type === "aborted";
  if (aborted) call.attempt?.abandon(error);
  const end = call.attemptEndInfo(aborted ? "aborted" : "failed", type, error);
  call.finalError = error;
  const event: L0ErrorEvent = { type: "error", error, errorType: type, timestamp: Date.now() };
  call.endCall();
  call.events.failed(event, state.tokenCount, end);
  // As for `complete`: the onError hooks run once the consumer has the `error` event, before the
  // error is thrown to it (or when it stops reading).
  try {
    yield event;
  } finally {
    await runOnError(config.interceptors, error, config.options);
  }
}
