/**
 * The control flow of one call: attempts on the primary stream and the fallbacks, the retry
 * decision after each failed attempt, and the terminal `complete` / `error` events. Streaming an
 * attempt is handed to the hot path by yielding {@link STREAMING}.
 * @packageDocumentation
 */
import { ERROR_TYPE_CATEGORY, type ErrorType } from "../errors/error-types.js";
import { L0Error } from "../errors/l0-error.js";
import type { L0CompleteEvent, L0ErrorEvent, L0FallbackEvent, L0RetryEvent } from "../types/events.js";
import { finalChecks } from "./attempt-checks.js";
import { STREAMING, type CallRun, type FlowItem } from "./call-run.js";
import { classifyError } from "../errors/classify-error.js";
import { callSafely } from "./emit.js";
import { abortError, asError, messageOf, toFinalError } from "./failures.js";
import { runAfter, runOnError } from "./interceptors.js";
import { RetryBudget, decideRetry, type RetryKind } from "./retry-policy.js";

/** Failures about the content itself: the next attempt starts fresh even with continuation on. */
const CONTENT_FAILURES: ReadonlySet<ErrorType> = new Set(["guardrail_violation", "drift", "zero_output"]);

/** Runs the whole call; yields stream events and {@link STREAMING} hand-overs. */
export async function* callFlow(run: CallRun): AsyncGenerator<FlowItem, void, undefined> {
  const { config, state } = run;
  run.startedAt = Date.now();
  config.observer.callStarted();
  run.lifecycle({ type: "SESSION_START" });
  let reason: ErrorType | undefined;
  let retryKind: RetryKind | undefined;
  try {
    for (let index = 0; index < config.factories.length; index++) {
      run.budget = new RetryBudget();
      run.fallbackIndex = index;
      for (;;) {
        if (run.cancelled) return;
        if (run.isAborted) return yield* fail(run, abortError(run.callSignal.reason, run.details()), "aborted");
        run.startAttempt(reason, retryKind);
        // An abort from a callback of the attempt start (onEvent ATTEMPT_START) lands while no attempt runs.
        if (run.isAborted) return yield* fail(run, abortError(run.callSignal.reason, run.details()), "aborted");
        let failure: unknown;
        try {
          await run.setup(config.factories[index] as (typeof config.factories)[number]);
        } catch (error) {
          failure = error ?? new Error("The stream factory failed without an error");
        }
        if (run.cancelled) return;
        if (failure === undefined) {
          yield STREAMING;
          failure = run.outcome;
          if (failure === undefined) {
            failure = finalChecks(run);
            if (failure !== undefined) run.abandon(failure);
          }
        } else {
          run.abandon(failure);
        }
        // An abort from a callback of the final checks (onViolation, onDrift) lands while no attempt runs.
        if (failure === undefined && !run.isAborted) return yield* complete(run);
        failure ??= abortError(run.callSignal.reason, run.details());

        if (run.isAborted) return yield* failAborted(run, failure);
        const type = classifyError(failure);
        run.errors.push(asError(failure));
        if (type === "aborted") return yield* fail(run, toFinalError(failure, type, run.details()), type);
        if (L0Error.isL0Error(failure) && failure.code === "FATAL_GUARDRAIL_VIOLATION") return yield* fail(run, failure, type);

        // A hung shouldRetry must not outlive an abort.
        const decision = await run.untilAborted(decideRetry(config.policy, run.budget, { type, error: failure, attempt: state.attempt }));
        if (run.cancelled) return;
        if (decision === undefined || run.isAborted) return yield* fail(run, abortError(run.callSignal.reason, run.details()), "aborted");
        const delayMs = decision.retry ? decision.delayMs : undefined;
        if (ERROR_TYPE_CATEGORY[type] === "network") {
          config.observer.networkError(type, failure, decision.retry, delayMs);
          run.lifecycle({ type: "NETWORK_ERROR", errorType: type, message: messageOf(failure), error: failure, willRetry: decision.retry, attempt: state.attempt });
        }

        if (decision.retry) {
          const { kind } = decision;
          run.budget.record(kind);
          if (kind === "network") state.networkRetryCount++;
          else state.modelRetryCount++;
          config.observer.retryScheduled(kind, type, decision.delayMs);
          run.endAttemptObserver({ outcome: "retry", errorType: type, error: failure });
          const event: L0RetryEvent = {
            type: "retry",
            attempt: state.attempt + 1,
            reason: type,
            kind,
            delayMs: decision.delayMs,
            ...nextOutput(run, type),
            timestamp: Date.now(),
          };
          run.lifecycle({ type: "RETRY", attempt: event.attempt, reason: type, kind, delayMs: decision.delayMs });
          callSafely("onEvent", config.onEvent, event);
          yield event;
          await run.sleep(decision.delayMs);
          reason = type;
          retryKind = kind;
          continue;
        }

        if (index + 1 < config.factories.length) {
          run.endAttemptObserver({ outcome: "fallback", errorType: type, error: failure });
          const event: L0FallbackEvent = { type: "fallback", index, reason: type, ...nextOutput(run, type), timestamp: Date.now() };
          config.observer.fallbackStarted(index, index + 1, type);
          run.lifecycle({ type: "FALLBACK", fromIndex: index, toIndex: index + 1, reason: type });
          callSafely("onEvent", config.onEvent, event);
          yield event;
          reason = type;
          retryKind = undefined;
          break;
        }

        if (config.acceptViolations && run.sourceDone && (type === "guardrail_violation" || type === "drift")) {
          return yield* complete(run);
        }
        return yield* fail(run, toFinalError(failure, type, run.details()), type);
      }
    }
  } catch (error) {
    // A defect in the runtime itself: still end the call properly and type the error.
    const type = classifyError(error);
    return yield* fail(run, toFinalError(error, type, run.details()), type);
  }
}

/**
 * Prepares the output for the next attempt: with continuation on (and a failure that is not about
 * the content) the delivered text becomes the checkpoint and is kept; otherwise it is discarded.
 */
function nextOutput(run: CallRun, type: ErrorType): { discardsOutput: boolean; continuedFromLength?: number } {
  const { state } = run;
  if (run.config.continuation && state.content.length > 0 && !CONTENT_FAILURES.has(type)) {
    run.checkpoint = state.content;
    return { discardsOutput: false, continuedFromLength: state.content.length };
  }
  run.checkpoint = undefined;
  state.content = "";
  state.tokenCount = 0;
  state.violations = [];
  state.driftDetected = false;
  delete state.usage;
  delete state.finishReason;
  return { discardsOutput: true };
}

async function* complete(run: CallRun): AsyncGenerator<FlowItem, void, undefined> {
  const { config, state } = run;
  const info = run.finishInfo();
  state.completed = true;
  if (info.usage !== undefined) state.usage = info.usage;
  if (info.finishReason !== undefined) state.finishReason = info.finishReason;
  run.endAttemptObserver({ outcome: "success" });
  const event: L0CompleteEvent = {
    type: "complete",
    ...(info.usage !== undefined && { usage: info.usage }),
    ...(info.finishReason !== undefined && { finishReason: info.finishReason }),
    tokenCount: state.tokenCount,
    timestamp: Date.now(),
  };
  callSafely("onEvent", config.onEvent, event);
  run.lifecycle({
    type: "COMPLETE",
    tokenCount: state.tokenCount,
    durationMs: event.timestamp - run.startedAt,
    ...(info.usage !== undefined && { usage: info.usage }),
    ...(info.finishReason !== undefined && { finishReason: info.finishReason }),
  });
  run.endCall("success");
  if (run.result !== undefined) await runAfter(config.interceptors, run.result, config.options);
  yield event;
}

/** Fails an aborted call; `failure` is what ended the attempt (the abort itself, or a provider error it caused). */
function failAborted(run: CallRun, failure: unknown): AsyncGenerator<FlowItem, void, undefined> {
  if (L0Error.isL0Error(failure) && failure.code === "STREAM_ABORTED") return fail(run, failure, "aborted");
  run.errors.push(asError(failure));
  return fail(run, abortError(run.callSignal.reason, run.details()), "aborted");
}

async function* fail(run: CallRun, error: L0Error, type: ErrorType): AsyncGenerator<FlowItem, void, undefined> {
  const { config, state } = run;
  const aborted = type === "aborted";
  if (aborted) run.abandon(error);
  run.endAttemptObserver({ outcome: aborted ? "aborted" : "failed", errorType: type, error });
  run.finalError = error;
  const event: L0ErrorEvent = { type: "error", error, errorType: type, timestamp: Date.now() };
  callSafely("onEvent", config.onEvent, event);
  if (aborted) run.lifecycle({ type: "ABORT", tokenCount: state.tokenCount });
  else run.lifecycle({ type: "ERROR", error, errorType: type, tokenCount: state.tokenCount });
  run.endCall(aborted ? "aborted" : "failed", type, error);
  await runOnError(config.interceptors, error, config.options);
  yield event;
}
