/**
 * Names of every span, attribute and event l0 emits. The `gen_ai.*` names are local copies of the
 * OpenTelemetry GenAI semantic conventions, release v0.1.0 of `open-telemetry/semantic-conventions-genai`
 * (where the GenAI conventions live since core v1.41; `@opentelemetry/semantic-conventions` marks
 * its `gen_ai.*` constants as moved), plus the draft `gen_ai.guardrail.result` event (its PR #427).
 * Stable names are typed by the `@opentelemetry/semantic-conventions` constants, so a local copy that
 * differs from the package fails to compile, and no part of that package loads at run time. See `semconv.md`.
 * @packageDocumentation
 */
import type {
  ATTR_ERROR_TYPE as STABLE_ATTR_ERROR_TYPE,
  ATTR_SERVER_ADDRESS as STABLE_ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT as STABLE_ATTR_SERVER_PORT,
} from "@opentelemetry/semantic-conventions";

/** GenAI semantic-conventions release the `gen_ai.*` names follow (`open-telemetry/semantic-conventions-genai`). */
export const L0_SEMCONV_VERSION = "0.1.0";

/** Instrumentation scope (tracer, meter and logger name) of everything l0 records. */
export const L0_INSTRUMENTATION_SCOPE = "l0";

/** Instrumentation scope version of l0's tracer, meter and logger: the version of the l0 package. */
export const L0_INSTRUMENTATION_VERSION = "0.1.0";

/**
 * Schema URL of l0's tracer, meter and logger: the GenAI semantic-conventions schema of the release
 * l0's names follow ({@link L0_SEMCONV_VERSION}).
 */
export const L0_SCHEMA_URL = "https://opentelemetry.io/schemas/gen-ai/0.1.0";

// --- server (stable) ---

/** `server.address`: host of the provider endpoint, when the client exposes it. */
export const ATTR_SERVER_ADDRESS: typeof STABLE_ATTR_SERVER_ADDRESS = "server.address";
/** `server.port`: port of the provider endpoint (set with `server.address`). */
export const ATTR_SERVER_PORT: typeof STABLE_ATTR_SERVER_PORT = "server.port";

// --- stable ---

/** `error.type` (stable): the closed-set l0 error type of a failure. */
export const ATTR_ERROR_TYPE: typeof STABLE_ATTR_ERROR_TYPE = "error.type";

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
/** `gen_ai.response.time_to_first_chunk`: seconds from the operation's start to the first chunk received (operation span). */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk" as const;
/** `gen_ai.usage.input_tokens`: provider-reported input tokens. */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens" as const;
/** `gen_ai.usage.output_tokens`: provider-reported output tokens. */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens" as const;
/** `l0.token.type`: `input` or `output` (label of `l0.tokens.billed`; the GenAI registry no longer has `gen_ai.token.type`). */
export const METRIC_ATTR_TOKEN_TYPE = "l0.token.type" as const;
/** `gen_ai.token.modality` (attribute of the `gen_ai.client.inference.usage.*` counters): `text`, or `unknown` when no usage arrived. */
export const ATTR_GEN_AI_TOKEN_MODALITY = "gen_ai.token.modality" as const;
/** `gen_ai.token.modality` value `text`. */
export const GEN_AI_TOKEN_MODALITY_VALUE_TEXT = "text" as const;
/** `gen_ai.token.modality` value `unknown`. */
export const GEN_AI_TOKEN_MODALITY_VALUE_UNKNOWN = "unknown" as const;
/** `gen_ai.request.max_tokens`. */
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens" as const;
/** `gen_ai.request.temperature`. */
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = "gen_ai.request.temperature" as const;
/** `gen_ai.request.top_p`. */
export const ATTR_GEN_AI_REQUEST_TOP_P = "gen_ai.request.top_p" as const;
/** `gen_ai.request.top_k` (int). */
export const ATTR_GEN_AI_REQUEST_TOP_K = "gen_ai.request.top_k" as const;
/** `gen_ai.request.stop_sequences` (string array). */
export const ATTR_GEN_AI_REQUEST_STOP_SEQUENCES = "gen_ai.request.stop_sequences" as const;
/** `gen_ai.request.seed` (int). */
export const ATTR_GEN_AI_REQUEST_SEED = "gen_ai.request.seed" as const;
/** `gen_ai.request.frequency_penalty`. */
export const ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY = "gen_ai.request.frequency_penalty" as const;
/** `gen_ai.request.presence_penalty`. */
export const ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY = "gen_ai.request.presence_penalty" as const;
/** `gen_ai.request.choice.count` (int; set only when it is not 1). */
export const ATTR_GEN_AI_REQUEST_CHOICE_COUNT = "gen_ai.request.choice.count" as const;
/** `gen_ai.input.messages`: opt-in input content (JSON string), only with `captureContent`. */
export const ATTR_GEN_AI_INPUT_MESSAGES = "gen_ai.input.messages" as const;
/** `gen_ai.system_instructions`: opt-in system instructions (JSON string), only with `captureContent`. */
export const ATTR_GEN_AI_SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions" as const;
/** `gen_ai.guardrail.component.name`: `l0` on l0's guardrail results. */
export const ATTR_GEN_AI_GUARDRAIL_COMPONENT_NAME = "gen_ai.guardrail.component.name" as const;
/** `gen_ai.guardrail.policy.rule.id`: the rule name. */
export const ATTR_GEN_AI_GUARDRAIL_POLICY_RULE_ID = "gen_ai.guardrail.policy.rule.id" as const;
/** `gen_ai.guardrail.result.type`: `severity` on l0's guardrail results. */
export const ATTR_GEN_AI_GUARDRAIL_RESULT_TYPE = "gen_ai.guardrail.result.type" as const;
/** `gen_ai.guardrail.result.value`: the violation's severity (`warning`, `error`, `fatal`). */
export const ATTR_GEN_AI_GUARDRAIL_RESULT_VALUE = "gen_ai.guardrail.result.value" as const;
/** `gen_ai.guardrail.result.reason`: the violation's message (content-free). */
export const ATTR_GEN_AI_GUARDRAIL_RESULT_REASON = "gen_ai.guardrail.result.reason" as const;
/** `gen_ai.guardrail.source`: `output` on l0's guardrail results. */
export const ATTR_GEN_AI_GUARDRAIL_SOURCE = "gen_ai.guardrail.source" as const;
/**
 * `gen_ai.guardrail.content.input.value`: the content the guardrail evaluated, i.e. the model output
 * the violation quotes (the guardrail's input; its `source` is `output`); only with `captureContent`.
 */
export const ATTR_GEN_AI_GUARDRAIL_CONTENT_INPUT_VALUE = "gen_ai.guardrail.content.input.value" as const;
/** `gen_ai.output.messages`: opt-in output content (JSON string), only with `captureContent`. */
export const ATTR_GEN_AI_OUTPUT_MESSAGES = "gen_ai.output.messages" as const;
/** `gen_ai.operation.name` value `chat` (l0's default operation). */
export const GEN_AI_OPERATION_NAME_VALUE_CHAT = "chat" as const;
/** `l0.token.type` value `input`. */
export const TOKEN_TYPE_VALUE_INPUT = "input" as const;
/** `l0.token.type` value `output`. */
export const TOKEN_TYPE_VALUE_OUTPUT = "output" as const;

// --- l0 span names ---

/** Name of attempt spans (children of the operation span). */
export const SPAN_NAME_L0_ATTEMPT = "l0.attempt" as const;

// --- l0 attributes (spans only; never on metrics unless listed in semconv.md) ---

/** Session id of the `l0()` call (spans only, never a metric attribute). */
export const ATTR_L0_SESSION_ID = "l0.session.id" as const;
/** How the call or attempt ended: `success`, `failed`, `aborted`, `cancelled` (+ `retry`, `fallback` on attempts). */
export const ATTR_L0_OUTCOME = "l0.outcome" as const;
/** Output tokens the consumer kept (see semconv.md, "Numbers"): provider usage where reported, else counted. */
export const ATTR_L0_TOKENS = "l0.tokens" as const;
/** Where `l0.tokens` came from: `provider`, `counted` or `mixed`. */
export const ATTR_L0_TOKENS_SOURCE = "l0.tokens.source" as const;
/** Output tokens of attempts whose output a retry or fallback discarded. */
export const ATTR_L0_TOKENS_DISCARDED = "l0.tokens.discarded" as const;
/** Content chunks received from the provider over all attempts. */
export const ATTR_L0_CHUNKS = "l0.chunks" as const;
/** Generation time of the kept output: first to last content chunk of each kept attempt, summed, seconds. */
export const ATTR_L0_GENERATION_TIME = "l0.generation_time" as const;
/** Token events the attempt delivered (attempt spans). */
export const ATTR_L0_ATTEMPT_TOKENS = "l0.attempt.tokens" as const;
/** Whether the attempt's output stayed with the consumer (attempt spans). */
export const ATTR_L0_ATTEMPT_OUTPUT_KEPT = "l0.attempt.output_kept" as const;
/** Seconds from the attempt's start to its first content chunk (attempt spans). */
export const ATTR_L0_ATTEMPT_TIME_TO_FIRST_CHUNK = "l0.attempt.time_to_first_chunk" as const;
/** The response model this attempt's stream named (attempt spans; the operation span has `gen_ai.response.model`). */
export const ATTR_L0_ATTEMPT_RESPONSE_MODEL = "l0.attempt.response.model" as const;
/** The response id this attempt's stream named (attempt spans). */
export const ATTR_L0_ATTEMPT_RESPONSE_ID = "l0.attempt.response.id" as const;
/** The finish reason this attempt's stream reported (attempt spans). */
export const ATTR_L0_ATTEMPT_FINISH_REASON = "l0.attempt.finish_reason" as const;
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
/** Whether a retry could fix it (guardrail result events). */
export const ATTR_L0_GUARDRAIL_RECOVERABLE = "l0.guardrail.recoverable" as const;
/** Character offset of the violation in the output, when known (guardrail result events). */
export const ATTR_L0_GUARDRAIL_POSITION = "l0.guardrail.position" as const;
/** Whether drift was detected (set when drift detection ran or drift happened). */
export const ATTR_L0_DRIFT_DETECTED = "l0.drift.detected" as const;
/** Drift types detected (string array). */
export const ATTR_L0_DRIFT_TYPES = "l0.drift.types" as const;
/** Drift type of one detection (drift events). */
export const ATTR_L0_DRIFT_TYPE = "l0.drift.type" as const;
/** Confidence of one detection, 0–1 (drift events). */
export const ATTR_L0_DRIFT_CONFIDENCE = "l0.drift.confidence" as const;
/** What the detector saw, without output text (drift events). */
export const ATTR_L0_DRIFT_REASON = "l0.drift.reason" as const;
/** `output`: drift is found in the model's output (drift events). */
export const ATTR_L0_DRIFT_SOURCE = "l0.drift.source" as const;
/** The content the detector evaluated, i.e. the output the detection quotes; only with `captureContent` (drift events, shaped as the guardrail's). */
export const ATTR_L0_DRIFT_CONTENT_INPUT_VALUE = "l0.drift.content.input.value" as const;
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
/** A guardrail violation, as the GenAI guardrail result event (attempt span, and a log record). */
export const EVENT_GEN_AI_GUARDRAIL_RESULT = "gen_ai.guardrail.result" as const;
/** One drift detection (attempt span, and a log record), shaped like the guardrail result event. */
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
/** Retry kind label of `l0.retries` (Prometheus `l0_retry_kind`). @alias of {@link ATTR_L0_RETRY_KIND} */
export const METRIC_ATTR_RETRY_KIND = ATTR_L0_RETRY_KIND;
