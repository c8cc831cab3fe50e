/**
 * Every guardrail severity, least to most severe: `warning` is reported only, `error` is retried
 * through the retry policy when recoverable, `fatal` halts the call at once, without retry.
 */
export const GUARDRAIL_SEVERITIES = Object.freeze(["warning", "error", "fatal"] as const);

/** Severity of a guardrail violation: one of {@link GUARDRAIL_SEVERITIES}. */
export type GuardrailSeverity = (typeof GUARDRAIL_SEVERITIES)[number];

/** What a rule sees when it runs. */
export interface GuardrailContext {
  /** All content of the current attempt so far (or final content when `completed`). */
  readonly content: string;
  /** Text added since the previous check of this attempt. */
  readonly delta: string;
  /** Token events received in this attempt so far. */
  readonly tokenCount: number;
  /** True for the final check after the stream ended. */
  readonly completed: boolean;
}

/** One rule violation. */
export interface GuardrailViolation {
  /** Name of the rule that produced it. */
  rule: string;
  /**
   * What is wrong, without quoting the output (the built-in rules template it: rule, reason,
   * counts). Recorded in telemetry; a custom rule should keep output text out of it and put it in
   * `excerpt`.
   */
  message: string;
  /**
   * The output text behind the violation, when the rule quotes it. Recorded in telemetry only with
   * `monitoring.captureContent: true`.
   */
  excerpt?: string;
  severity: GuardrailSeverity;
  /** Whether a retry could fix it. */
  recoverable: boolean;
  /** Character offset in the content, where known. */
  position?: number;
  /** Epoch ms when detected. */
  timestamp?: number;
}

/** A guardrail rule. */
export interface GuardrailRule {
  /** Unique, low-cardinality rule name (used as a metric label). */
  readonly name: string;
  /** Human description. */
  readonly description?: string;
  /**
   * The rule ids its violations carry, when they are not only `name` (the pattern rule reports one
   * id per category, e.g. `pattern-placeholder`). Monitoring starts each id's
   * `l0_guardrail_violations_by_rule_total` series at 0 before its first violation.
   */
  readonly ruleIds?: readonly string[];
  /** True: runs during the stream as well as at the end. False: final-only. */
  readonly streaming: boolean;
  /** Returns the violations for this context (empty when clean). */
  check(context: GuardrailContext): GuardrailViolation[];
  /** Clears per-attempt incremental state. Called when an attempt starts. */
  reset?(): void;
  /**
   * Returns a private copy with fresh incremental state. `l0()` calls it once per call, so one
   * rule object (e.g. from a preset) can be shared by concurrent calls. Stateless rules omit it.
   */
  instantiate?(): GuardrailRule;
}
