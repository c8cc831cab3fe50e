/**
 * Guardrail, drift and zero-output checks of an attempt, and how their findings are reported
 * (state, observer, callbacks, lifecycle). Retries they cause go through the one retry policy.
 * @packageDocumentation
 */
import { L0Error } from "../errors/l0-error.js";
import type { ErrorType } from "../errors/error-types.js";
import { runGuardrails, type GuardrailCheckResult } from "../guardrails/guardrail-engine.js";
import type { DriftResult } from "../types/drift.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { ChunkDelivery } from "./chunk-delivery.js";
import { callSafely, callSafely2 } from "./emit.js";
import { retryBlocker } from "./retry-policy.js";

/** Reports each new violation once per attempt: `state.violations`, observer, `onViolation`, lifecycle. */
export function reportViolations(run: ChunkDelivery, violations: readonly GuardrailViolation[]): void {
  const { config, state } = run;
  for (const found of violations) {
    const key = `${found.rule}\u0000${found.message}\u0000${found.position ?? ""}`;
    if (run.reported.has(key)) continue;
    run.reported.add(key);
    const violation = found.timestamp === undefined ? { ...found, timestamp: Date.now() } : found;
    state.violations.push(violation);
    config.observer.guardrailViolation(violation);
    callSafely("onViolation", config.options.onViolation, violation);
    run.lifecycle({ type: "GUARDRAIL_VIOLATION", violation, attempt: state.attempt });
  }
}

/** Reports a drift detection: `state.driftDetected`, observer, `onDrift`, lifecycle. */
export function reportDrift(run: ChunkDelivery, result: DriftResult): void {
  const { config, state } = run;
  state.driftDetected = true;
  config.observer.drift(result.detections, result.confidence);
  callSafely2("onDrift", config.options.onDrift, result.detections, result.confidence);
  run.lifecycle({ type: "DRIFT", detections: result.detections, confidence: result.confidence, attempt: state.attempt });
}

/**
 * Whether a mid-stream finding of `type` should end the attempt now: only when a retry (by the
 * policy's budget and `retryOn`) or a fallback could follow. Otherwise the attempt runs to its end
 * so the output is whole, and the finding is decided on at the end.
 */
function mayEndNow(run: ChunkDelivery, type: ErrorType): boolean {
  return retryBlocker(run.config.policy, run.budget, type) === undefined || run.fallbackIndex + 1 < run.config.factories.length;
}

function guardrailError(run: ChunkDelivery, code: "GUARDRAIL_VIOLATION" | "FATAL_GUARDRAIL_VIOLATION", violation: GuardrailViolation | undefined): L0Error {
  const what = violation === undefined ? "a guardrail rule" : `guardrail "${violation.rule}": ${violation.message}`;
  return new L0Error(code, `Output violated ${what}`, {
    details: { ...run.details(), errorType: "guardrail_violation" },
  });
}

function driftError(run: ChunkDelivery, result: DriftResult): L0Error {
  const types = result.detections.map((d) => d.type).join(", ");
  return new L0Error("DRIFT_DETECTED", `Output drift detected (${types}; confidence ${result.confidence.toFixed(2)})`, {
    details: { ...run.details(), errorType: "drift" },
  });
}

function guardrailOutcome(run: ChunkDelivery, result: GuardrailCheckResult, streaming: boolean): L0Error | undefined {
  if (result.violations.length === 0) return undefined;
  reportViolations(run, result.violations);
  if (result.halt) {
    const fatal = result.violations.find((v) => v.severity === "fatal" || (v.severity === "error" && !v.recoverable));
    return guardrailError(run, "FATAL_GUARDRAIL_VIOLATION", fatal);
  }
  if (!result.retry) return undefined;
  const failure = guardrailError(run, "GUARDRAIL_VIOLATION", result.violations.find((v) => v.severity === "error"));
  if (streaming && !mayEndNow(run, "guardrail_violation")) {
    run.pendingFailure ??= failure;
    return undefined;
  }
  return failure;
}

/**
 * The text added to `content` since the last check, and the check's new `checkedLength`. Joined
 * from the token values delivered since then, so the accumulated text is never copied; when
 * `content` changed otherwise (the continuation checkpoint an attempt starts from), it is sliced.
 */
function uncheckedDelta(run: ChunkDelivery, content: string): string {
  const parts = run.uncheckedParts;
  let delta = parts.length === 0 ? "" : parts.length === 1 ? (parts[0] as string) : parts.join("");
  parts.length = 0;
  if (content.length !== run.checkedLength + delta.length) delta = content.slice(run.checkedLength);
  run.checkedLength = content.length;
  return delta;
}

/**
 * Runs the streaming guardrail rules on the text since the last check. When no rule runs while
 * streaming, only the check point moves (the final check's `delta` starts there, as it would).
 */
export function checkStreamingGuardrails(run: ChunkDelivery): L0Error | undefined {
  run.sinceCheck = 0;
  if (!run.streamingRules) {
    run.uncheckedParts.length = 0;
    run.checkedLength = run.text.length;
    return undefined;
  }
  const content = run.state.content;
  const delta = uncheckedDelta(run, content);
  const result = runGuardrails(run.config.rules, { content, delta, tokenCount: run.attemptTokens, completed: false });
  return guardrailOutcome(run, result, true);
}

/** Feeds a delivered delta to the drift detector. */
export function checkDriftDelta(run: ChunkDelivery, delta: string): L0Error | undefined {
  const result = (run.config.drift as NonNullable<typeof run.config.drift>).push(delta);
  if (!result.detected) return undefined;
  reportDrift(run, result);
  if (!run.config.retryOnDrift) return undefined;
  const failure = driftError(run, result);
  if (!mayEndNow(run, "drift")) {
    run.pendingFailure ??= failure;
    return undefined;
  }
  return failure;
}

/**
 * Checks after the provider stream ended normally: zero output (empty or whitespace-only text and
 * no message/data events), the final guardrail check (`completed: true`), the final drift check.
 * Returns the failure that decides the attempt, or undefined when the output is accepted.
 */
export function finalChecks(run: ChunkDelivery): L0Error | undefined {
  const { config, state } = run;
  if (config.detectZeroTokens && !run.attemptHadOutput && !/\S/.test(state.content)) {
    return new L0Error("ZERO_OUTPUT", "The attempt produced no output (empty or whitespace only)", {
      details: { ...run.details(), errorType: "zero_output" },
    });
  }
  if (config.rules.length > 0) {
    const content = state.content;
    const delta = uncheckedDelta(run, content);
    const result = runGuardrails(config.rules, { content, delta, tokenCount: run.attemptTokens, completed: true });
    const failure = guardrailOutcome(run, result, false);
    if (failure !== undefined) return failure;
  }
  if (config.drift !== undefined) {
    const result = config.drift.finish(state.content);
    if (result.detected) {
      reportDrift(run, result);
      if (config.retryOnDrift) return driftError(run, result);
    }
  }
  return run.pendingFailure;
}
