/**
 * Names of every span, attribute and event l0 emits. The `gen_ai.*` names are local copies of
 * the incubating OpenTelemetry GenAI semantic conventions (v1.41.0, the last core release with
 * the normative GenAI text): `@opentelemetry/semantic-conventions` asks instrumentations not to
 * import `/incubating` at runtime. Stable names come from the package. See `semconv.md`.
 * @packageDocumentation
 */
import { ATTR_ERROR_TYPE as STABLE_ATTR_ERROR_TYPE } from "@opentelemetry/semantic-conventions";

/** GenAI semantic-conventions version the `gen_ai.*` names follow. */
export const L0_SEMCONV_VERSION = "1.41.0";

/** Instrumentation scope (tracer, meter and logger name) of everything l0 records. */
export const L0_INSTRUMENTATION_SCOPE = "l0";

/** Instrumentation scope version of l0's tracer, meter and logger: the version of the l0 package. */
export const L0_INSTRUMENTATION_VERSION = "0.1.0";

/**
 * Schema URL of l0's tracer, meter and logger: the OpenTelemetry semantic-conventions schema of
 * the version l0's names follow ({@link L0_SEMCONV_VERSION}).
 */
export const L0_SCHEMA_URL = "https://opentelemetry.io/schemas/1.41.0";

// --- stable ---

/** `error.type` (stable): the closed-set l0 error type of a failure. */
export const ATTR_ERROR_TYPE: typeof STABLE_ATTR_ERROR_TYPE = STABLE_ATTR_ERROR_TYPE;

// --- GenAI (incubating, local copies) ---

/** `gen_ai.operation.name`, e.g. `chat`. */
export const ATTR_GEN_AI_OPERATION_NAME = "gen_ai.operation.name" as const;
/** `gen_ai.provider.name`, e.g. `openai`. */
export const ATTR_GEN_AI_PROVIDER_NAME = "gen_ai.provider.name" as const;
/** `gen_ai.request.model`: the model asked for. */
export const ATTR_GEN_AI_REQUEST_MODEL = "gen_ai.request.model" as const;
/** `gen_ai.request.stream`: always `true` on l0 spans. */
export const ATTR_GEN_AI_REQUEST_STREAM = "gen_ai.request.stream" as const;
/** `gen_ai.response.model`: the model the provider reported. */
export const ATTR_GEN_AI_RESPONSE_MODEL = "gen_ai.response.model" as const;
/** `gen_ai.response.id`: the provider's response id. */
export const ATTR_GEN_AI_RESPONSE_ID = "gen_ai.response.id" as const;
/** `gen_ai.response.finish_reasons`: string array, e.g. `["stop"]`. */
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons" as const;
/** `gen_ai.response.time_to_first_chunk`: seconds from request to first chunk (attempt spans). */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk" as const;
/** `gen_ai.usage.input_tokens`: provider-reported input tokens. */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens" as const;
/** `gen_ai.usage.output_tokens`: provider-reported output tokens. */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens" as const;
/** `gen_ai.token.type` (metric attribute of `gen_ai.client.token.usage`). */
export const ATTR_GEN_AI_TOKEN_TYPE = "gen_ai.token.type" as const;
/** `gen_ai.output.messages`: opt-in output content (JSON string), only with `captureContent`. */
export const ATTR_GEN_AI_OUTPUT_MESSAGES = "gen_ai.output.messages" as const;
/** `gen_ai.operation.name` value `chat` (l0's default operation). */
export const GEN_AI_OPERATION_NAME_VALUE_CHAT = "chat" as const;
/** `gen_ai.token.type` value `input`. */
export const GEN_AI_TOKEN_TYPE_VALUE_INPUT = "input" as const;
/** `gen_ai.token.type` value `output`. */
export const GEN_AI_TOKEN_TYPE_VALUE_OUTPUT = "output" as const;

// --- l0 span names ---

/** Name of attempt spans (children of the operation span). */
export const SPAN_NAME_L0_ATTEMPT = "l0.attempt" as const;

// --- l0 attributes (spans only; never on metrics unless listed in semconv.md) ---

/** Session id of the `l0()` call (spans only, never a metric attribute). */
export const ATTR_L0_SESSION_ID = "l0.session.id" as const;
/** How the call or attempt ended: `success`, `failed`, `aborted`, `cancelled` (+ `retry`, `fallback` on attempts). */
export const ATTR_L0_OUTCOME = "l0.outcome" as const;
/** Token events delivered to the consumer over the whole call. */
export const ATTR_L0_TOKENS = "l0.tokens" as const;
/** Number of attempts the call made. */
export const ATTR_L0_ATTEMPTS = "l0.attempts" as const;
/** 1-based attempt number (attempt spans). */
export const ATTR_L0_ATTEMPT_NUMBER = "l0.attempt.number" as const;
/** Chunks received from the provider in this attempt (attempt spans). */
export const ATTR_L0_ATTEMPT_CHUNKS = "l0.attempt.chunks" as const;
/** Adapter used for this attempt (attempt spans). */
export const ATTR_L0_ADAPTER = "l0.adapter" as const;
/** Fallback index: 0 = primary stream. */
export const ATTR_L0_FALLBACK_INDEX = "l0.fallback.index" as const;
/** Fallback index switched from (fallback event). */
export const ATTR_L0_FALLBACK_FROM = "l0.fallback.from" as const;
/** Why the previous attempt ended (attempt spans, retry events): an `error.type` value. */
export const ATTR_L0_RETRY_REASON = "l0.retry.reason" as const;
/** `network` or `model`. */
export const ATTR_L0_RETRY_KIND = "l0.retry.kind" as const;
/** Backoff before the retry, seconds. */
export const ATTR_L0_RETRY_DELAY = "l0.retry.delay" as const;
/** All retries of the call. */
export const ATTR_L0_RETRIES_TOTAL = "l0.retries.total" as const;
/** Network retries of the call. */
export const ATTR_L0_RETRIES_NETWORK = "l0.retries.network" as const;
/** Model retries of the call. */
export const ATTR_L0_RETRIES_MODEL = "l0.retries.model" as const;
/** Session time to first token delivered, seconds. */
export const ATTR_L0_TIME_TO_FIRST_TOKEN = "l0.time_to_first_token" as const;
/** Average time between consecutive delivered tokens of the same attempt, seconds. */
export const ATTR_L0_INTER_TOKEN_TIME_AVG = "l0.inter_token_time.avg" as const;
/** Network errors of the call. */
export const ATTR_L0_NETWORK_ERROR_COUNT = "l0.network.error_count" as const;
/** Distinct network error types (parallel to {@link ATTR_L0_NETWORK_ERROR_TYPE_COUNTS}). */
export const ATTR_L0_NETWORK_ERROR_TYPES = "l0.network.error_types" as const;
/** Count per entry of {@link ATTR_L0_NETWORK_ERROR_TYPES}. */
export const ATTR_L0_NETWORK_ERROR_TYPE_COUNTS = "l0.network.error_type_counts" as const;
/** Whether l0 retried after this network error (network error events). */
export const ATTR_L0_NETWORK_RETRIED = "l0.network.retried" as const;
/** Guardrail violations of the call (set when guardrails ran or a violation happened). */
export const ATTR_L0_GUARDRAIL_VIOLATION_COUNT = "l0.guardrail.violation_count" as const;
/** Distinct rule names (parallel to {@link ATTR_L0_GUARDRAIL_RULE_COUNTS}). */
export const ATTR_L0_GUARDRAIL_RULES = "l0.guardrail.rules" as const;
/** Count per entry of {@link ATTR_L0_GUARDRAIL_RULES}. */
export const ATTR_L0_GUARDRAIL_RULE_COUNTS = "l0.guardrail.rule_counts" as const;
/** Violations of severity `warning`. */
export const ATTR_L0_GUARDRAIL_WARNING_COUNT = "l0.guardrail.violations.warning" as const;
/** Violations of severity `error`. */
export const ATTR_L0_GUARDRAIL_ERROR_COUNT = "l0.guardrail.violations.error" as const;
/** Violations of severity `fatal`. */
export const ATTR_L0_GUARDRAIL_FATAL_COUNT = "l0.guardrail.violations.fatal" as const;
/** Rule name (guardrail violation events). */
export const ATTR_L0_GUARDRAIL_RULE = "l0.guardrail.rule" as const;
/** Severity (guardrail violation events). */
export const ATTR_L0_GUARDRAIL_SEVERITY = "l0.guardrail.severity" as const;
/** Whether a retry could fix it (guardrail violation events). */
export const ATTR_L0_GUARDRAIL_RECOVERABLE = "l0.guardrail.recoverable" as const;
/** Violation message, without output text (guardrail violation events). */
export const ATTR_L0_GUARDRAIL_MESSAGE = "l0.guardrail.message" as const;
/** Character offset of the violation in the output, when known (guardrail violation events). */
export const ATTR_L0_GUARDRAIL_POSITION = "l0.guardrail.position" as const;
/** The output text the violation quotes; only with `captureContent` (guardrail violation events). */
export const ATTR_L0_GUARDRAIL_EXCERPT = "l0.guardrail.excerpt" as const;
/** Whether drift was detected (set when drift detection ran or drift happened). */
export const ATTR_L0_DRIFT_DETECTED = "l0.drift.detected" as const;
/** Drift types detected (string array). */
export const ATTR_L0_DRIFT_TYPES = "l0.drift.types" as const;
/** Highest drift confidence (drift events). */
export const ATTR_L0_DRIFT_CONFIDENCE = "l0.drift.confidence" as const;
/** `initial` or `inter` (timeout events). */
export const ATTR_L0_TIMEOUT_KIND = "l0.timeout.kind" as const;
/** Seconds waited when the timeout fired (timeout events). */
export const ATTR_L0_TIMEOUT_ELAPSED = "l0.timeout.elapsed" as const;
/** Prefix of user metadata copied onto the operation span: `l0.metadata.<key>`. */
export const ATTR_L0_METADATA_PREFIX = "l0.metadata." as const;
/** Exception message on l0 span events (same name as the OTel exception convention). */
export const ATTR_EXCEPTION_MESSAGE = "exception.message" as const;
/** Exception type (error name) on l0 span events. */
export const ATTR_EXCEPTION_TYPE = "exception.type" as const;

// --- l0 span events ---

/** First token delivered to the consumer (operation span). */
export const EVENT_L0_FIRST_TOKEN = "l0.first_token" as const;
/** A retry was scheduled (operation span). */
export const EVENT_L0_RETRY = "l0.retry" as const;
/** A fallback stream takes over (operation span). */
export const EVENT_L0_FALLBACK = "l0.fallback" as const;
/** A network error (attempt span). */
export const EVENT_L0_NETWORK_ERROR = "l0.network_error" as const;
/** A guardrail violation (attempt span). */
export const EVENT_L0_GUARDRAIL_VIOLATION = "l0.guardrail_violation" as const;
/** Drift detected (attempt span). */
export const EVENT_L0_DRIFT = "l0.drift" as const;
/** An initial-token or inter-token timeout fired (attempt span). */
export const EVENT_L0_TIMEOUT = "l0.timeout" as const;
/** The call was aborted (operation span). */
export const EVENT_L0_ABORT = "l0.abort" as const;

// --- metric-only attributes ---

/** Severity label of `l0.guardrail_violations.by_severity` (Prometheus `severity`). */
export const METRIC_ATTR_SEVERITY = "severity" as const;
/** Rule label of `l0.guardrail_violations.by_rule` (Prometheus `rule`). */
export const METRIC_ATTR_RULE = "rule" as const;
/** Drift-type label of `l0.drift_detected` (Prometheus `drift_type`). */
export const METRIC_ATTR_DRIFT_TYPE = "drift_type" as const;
/** Retry kind label of `l0.retries` (Prometheus `l0_retry_kind`). */
export const METRIC_ATTR_RETRY_KIND = ATTR_L0_RETRY_KIND;
