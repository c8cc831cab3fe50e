/**
 * Guardrail, drift and zero-output checks of one attempt, and how their findings are reported
 * (state and the call's port). Retries they cause go through the one retry policy.
 * @packageDocumentation
 */
import type { ErrorType } from "../errors/error-types.js";
import { L0Error } from "../errors/l0-error.js";
import { runGuardrails, type GuardrailCheckResult } from "../guardrails/guardrail-engine.js";
import type { DriftResult } from "../types/drift.js";
import type { GuardrailViolation } from "../types/guardrails.js";
import type { AttemptHost } from "./attempt-host.js";
import { retryBlocker } from "./retry-policy.js";

/** The attempt whose output is checked. */
export interface CheckedAttempt {
  readonly host: AttemptHost;
  /** 1-based attempt number. */
  readonly number: number;
  /** 0 = primary stream. */
  readonly fallbackIndex: number;
  /** Token events delivered in this attempt. */
  readonly tokens: number;
  /** The attempt delivered a message or data event (output that is not text). */
  readonly hadOutput: boolean;
  /** The attempt delivered a token that is not only whitespace. */
  readonly hadText: boolean;
}

/**
 * The checks after an attempt's provider stream ended normally: zero output first (empty or
 * whitespace-only text and no message/data events, unless `detectZeroTokens: false`), then the
 * attempt's content checks. Returns the failure that decides the attempt, if any.
 */
export function finalChecks(attempt: CheckedAttempt, checks: ContentChecks | undefined): L0Error | undefined {
  const { host } = attempt;
  // The text is read (joined) only when no delivered token had visible text: a continuation's checkpoint counts as output.
  if (host.config.detectZeroTokens && !attempt.hadOutput && !attempt.hadText && !/\S/.test(host.state.content)) {
    return new L0Error("ZERO_OUTPUT", "The attempt produced no output (empty or whitespace only)", {
      details: { ...host.details(), errorType: "zero_output" },
    });
  }
  return checks?.final();
}

/** The check state of one attempt. */
export class ContentChecks {
  /** Tokens since the last streaming guardrail check. */
  #sinceCheck = 0;
  /** Length of `state.content` at the last guardrail check. */
  #checkedLength = 0;
  /** Token values delivered since the last guardrail check (joined into the next check's `delta`). */
  readonly #uncheckedParts: string[] = [];
  /** Keys of violations already reported in this attempt (rules may repeat themselves). */
  readonly #reported = new Set<string>();
  /** A retryable finding seen mid-stream that could not end the attempt then. */
  #pending: L0Error | undefined;
  readonly #streamingRules: boolean;

  constructor(private readonly attempt: CheckedAttempt) {
    const { config } = attempt.host;
    this.#streamingRules = config.rules.some((rule) => rule.streaming);
    // A continuing attempt starts from the checkpoint: drift sees it as context, and the first
    // guardrail check's delta includes it (the rules have not seen this attempt's text yet).
    config.drift?.reset();
    const checkpoint = attempt.host.state.content;
    if (checkpoint.length > 0) config.drift?.push(checkpoint);
  }

  /**
   * Checks a delivered delta: drift on every token, streaming guardrails every
   * `checkIntervals.guardrails` tokens. Returns the failure that ends the attempt now, if any.
   */
  afterToken(value: string): L0Error | undefined {
    const { config } = this.attempt.host;
    if (config.drift !== undefined) {
      const failure = this.#checkDrift(value);
      if (failure !== undefined) return failure;
    }
    if (config.rules.length > 0) {
      if (this.#streamingRules) this.#uncheckedParts.push(value);
      if (++this.#sinceCheck >= config.guardrailInterval) return this.#checkStreaming();
    }
    return undefined;
  }

  /**
   * Checks after the provider stream ended normally (and the output is not empty): the final
   * guardrail check (`completed: true`), the final drift check, then a finding held back while
   * streaming. Returns the failure that decides the attempt, or undefined when the output is accepted.
   */
  final(): L0Error | undefined {
    const { attempt } = this;
    const { config, state } = attempt.host;
    if (config.rules.length > 0) {
      const content = state.content;
      const delta = this.#uncheckedDelta(content);
      const result = runGuardrails(config.rules, { content, delta, tokenCount: attempt.tokens, completed: true });
      const failure = this.#guardrailOutcome(result, false);
      if (failure !== undefined) return failure;
    }
    if (config.drift !== undefined) {
      const result = config.drift.finish(state.content);
      if (result.detected) {
        this.#reportDrift(result);
        if (config.retryOnDrift) return this.#driftError(result);
      }
    }
    return this.#pending;
  }

  #checkDrift(delta: string): L0Error | undefined {
    const { config } = this.attempt.host;
    const result = (config.drift as NonNullable<typeof config.drift>).push(delta);
    if (!result.detected) return undefined;
    this.#reportDrift(result);
    if (!config.retryOnDrift) return undefined;
    return this.#endNowOrLater(this.#driftError(result), "drift");
  }

  /**
   * Runs the streaming guardrail rules on the text since the last check. When no rule runs while
   * streaming, only the check point moves (the final check's `delta` starts there, as it would).
   */
  #checkStreaming(): L0Error | undefined {
    this.#sinceCheck = 0;
    const { host } = this.attempt;
    if (!this.#streamingRules) {
      this.#uncheckedParts.length = 0;
      this.#checkedLength = host.text.length;
      return undefined;
    }
    const content = host.state.content;
    const delta = this.#uncheckedDelta(content);
    const result = runGuardrails(host.config.rules, { content, delta, tokenCount: this.attempt.tokens, completed: false });
    return this.#guardrailOutcome(result, true);
  }

  /**
   * The text added to `content` since the last check. Joined from the token values delivered since
   * then, so the accumulated text is never copied; when `content` changed otherwise, it is sliced.
   */
  #uncheckedDelta(content: string): string {
    const parts = this.#uncheckedParts;
    let delta = parts.length === 0 ? "" : parts.length === 1 ? (parts[0] as string) : parts.join("");
    parts.length = 0;
    if (content.length !== this.#checkedLength + delta.length) delta = content.slice(this.#checkedLength);
    this.#checkedLength = content.length;
    return delta;
  }

  #guardrailOutcome(result: GuardrailCheckResult, streaming: boolean): L0Error | undefined {
    if (result.violations.length === 0) return undefined;
    this.#reportViolations(result.violations);
    if (result.halt) {
      const fatal = result.violations.find((v) => v.severity === "fatal" || (v.severity === "error" && !v.recoverable));
      return this.#guardrailError("FATAL_GUARDRAIL_VIOLATION", fatal);
    }
    if (!result.retry) return undefined;
    const failure = this.#guardrailError(
      "GUARDRAIL_VIOLATION",
      result.violations.find((v) => v.severity === "error"),
    );
    return streaming ? this.#endNowOrLater(failure, "guardrail_violation") : failure;
  }

  /**
   * A mid-stream finding ends the attempt now only when a retry (by the policy's budget and
   * `retryOn`) or a fallback could follow; otherwise the attempt runs to its end so the output is
   * whole, and the finding decides at the end.
   */
  #endNowOrLater(failure: L0Error, type: ErrorType): L0Error | undefined {
    const { attempt } = this;
    const { config, budget } = attempt.host;
    if (retryBlocker(config.policy, budget, type) === undefined || attempt.fallbackIndex + 1 < config.factories.length) return failure;
    this.#pending ??= failure;
    return undefined;
  }

  /** Reports each new violation once per attempt: `state.violations` and the port. */
  #reportViolations(violations: readonly GuardrailViolation[]): void {
    const { host, number } = this.attempt;
    for (const found of violations) {
      const key = `${found.rule}\u0000${found.message}\u0000${found.position ?? ""}`;
      if (this.#reported.has(key)) continue;
      this.#reported.add(key);
      const violation = found.timestamp === undefined ? { ...found, timestamp: Date.now() } : found;
      host.state.violations.push(violation);
      host.events.violation(violation, number);
    }
  }

  #reportDrift(result: DriftResult): void {
    const { host, number } = this.attempt;
    host.state.driftDetected = true;
    host.events.drift(result, number);
  }

  #guardrailError(code: "GUARDRAIL_VIOLATION" | "FATAL_GUARDRAIL_VIOLATION", violation: GuardrailViolation | undefined): L0Error {
    const what = violation === undefined ? "a guardrail rule" : `guardrail "${violation.rule}": ${violation.message}`;
    return new L0Error(code, `Output violated ${what}`, {
      details: { ...this.attempt.host.details(), errorType: "guardrail_violation" },
    });
  }

  #driftError(result: DriftResult): L0Error {
    const types = result.detections.map((d) => d.type).join(", ");
    return new L0Error("DRIFT_DETECTED", `Output drift detected (${types}; confidence ${result.confidence.toFixed(2)})`, {
      details: { ...this.attempt.host.details(), errorType: "drift" },
    });
  }
}
