/**
 * Guardrail and drift results as OTel events: each guardrail violation is a `gen_ai.guardrail.result`
 * event (GenAI conventions, the draft event of semantic-conventions-genai PR #427) and each drift
 * detection an `l0.drift` event of the same shape, both as a span event on the attempt span and as a
 * log record through l0's logger (a no-op until the app registers a LoggerProvider). Content (the
 * output a result quotes) only with `captureContent`.
 * @packageDocumentation
 */
import type { Attributes, Context, Span } from "@opentelemetry/api";
import type { Logger } from "@opentelemetry/api-logs";
import type { DriftDetection } from "../types/drift.js";
import type { GuardrailSeverity, GuardrailViolation } from "../types/guardrails.js";
import * as names from "./semconv-names.js";

/** Where one result goes. */
export interface EventTarget {
  /** The attempt span (else the operation span) that gets the span event. */
  readonly span: Span | undefined;
  /** l0's logger for the log record (none: no log record). */
  readonly logger: Logger | undefined;
  /** The span's context: the log record is correlated with it. */
  readonly context: Context | undefined;
  /** Epoch ms on the call's time base. */
  readonly time: number;
  readonly captureContent: boolean;
}

/** Log severity numbers of the OTel logs data model (WARN, ERROR, FATAL, INFO). */
const SEVERITY_NUMBER: Readonly<Record<GuardrailSeverity, number>> = { warning: 13, error: 17, fatal: 21 };
const INFO = 9;

/** Value of `gen_ai.guardrail.component.name` on l0's results. */
const GUARDRAIL_COMPONENT_NAME = "l0";
/** Value of `gen_ai.guardrail.result.type` on l0's results: the result value is the severity. */
const GUARDRAIL_RESULT_TYPE = "severity";
/** Value of `gen_ai.guardrail.source` and `l0.drift.source`: l0 checks the model's output. */
const RESULT_SOURCE_OUTPUT = "output";

/** Attributes of a `gen_ai.guardrail.result` event for one violation. */
function guardrailResultAttributes(violation: GuardrailViolation, provider: string | undefined, captureContent: boolean): Attributes {
  const attributes: Attributes = {
    [names.ATTR_GEN_AI_GUARDRAIL_COMPONENT_NAME]: GUARDRAIL_COMPONENT_NAME,
    [names.ATTR_GEN_AI_GUARDRAIL_POLICY_RULE_ID]: violation.rule,
    [names.ATTR_GEN_AI_GUARDRAIL_RESULT_TYPE]: GUARDRAIL_RESULT_TYPE,
    [names.ATTR_GEN_AI_GUARDRAIL_RESULT_VALUE]: violation.severity,
    [names.ATTR_GEN_AI_GUARDRAIL_RESULT_REASON]: violation.message,
    [names.ATTR_GEN_AI_GUARDRAIL_SOURCE]: RESULT_SOURCE_OUTPUT,
    [names.ATTR_L0_GUARDRAIL_RECOVERABLE]: violation.recoverable,
  };
  if (provider !== undefined) attributes[names.ATTR_GEN_AI_PROVIDER_NAME] = provider;
  if (violation.position !== undefined) attributes[names.ATTR_L0_GUARDRAIL_POSITION] = violation.position;
  if (captureContent && violation.excerpt !== undefined) attributes[names.ATTR_GEN_AI_GUARDRAIL_CONTENT_INPUT_VALUE] = violation.excerpt;
  return attributes;
}

/** Attributes of an `l0.drift` event for one detection. */
function driftAttributes(detection: DriftDetection, captureContent: boolean): Attributes {
  const attributes: Attributes = {
    [names.ATTR_L0_DRIFT_TYPE]: detection.type,
    [names.ATTR_L0_DRIFT_CONFIDENCE]: detection.confidence,
    [names.ATTR_L0_DRIFT_SOURCE]: RESULT_SOURCE_OUTPUT,
  };
  if (detection.detail !== undefined) attributes[names.ATTR_L0_DRIFT_REASON] = detection.detail;
  if (captureContent && detection.excerpt !== undefined) attributes[names.ATTR_L0_DRIFT_CONTENT_INPUT_VALUE] = detection.excerpt;
  return attributes;
}

function emit(name: string, attributes: Attributes, severityNumber: number, target: EventTarget): void {
  target.span?.addEvent(name, attributes, target.time);
  target.logger?.emit({
    eventName: name,
    timestamp: target.time,
    severityNumber,
    attributes,
    ...(target.context !== undefined && { context: target.context }),
  });
}

/** Emits the `gen_ai.guardrail.result` event of one violation. */
export function emitGuardrailResult(violation: GuardrailViolation, target: EventTarget & { readonly provider: string | undefined }): void {
  emit(
    names.EVENT_GEN_AI_GUARDRAIL_RESULT,
    guardrailResultAttributes(violation, target.provider, target.captureContent),
    SEVERITY_NUMBER[violation.severity] ?? INFO,
    target,
  );
}

/** Emits the `l0.drift` event of one detection. */
export function emitDrift(detection: DriftDetection, target: EventTarget): void {
  emit(names.EVENT_L0_DRIFT, driftAttributes(detection, target.captureContent), SEVERITY_NUMBER.warning, target);
}
