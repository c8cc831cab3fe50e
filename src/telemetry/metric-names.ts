/**
 * Instrument names, units and histogram buckets. The l0 instrument names are chosen so the OTel
 * JS Prometheus exporter (`.` → `_`, `_total` appended to counters, no unit suffix) exposes
 * exactly the metric names of the MONITORING.md table; the `gen_ai.client.*` ones follow the GenAI
 * semantic conventions (v1.41.0) with their advisory buckets.
 * @packageDocumentation
 */

/** Advisory buckets of the GenAI duration histograms, seconds (also used by l0's own). */
export const GEN_AI_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
]);

/** Advisory buckets of `gen_ai.client.token.usage` (powers of 4), tokens. */
export const GEN_AI_TOKEN_USAGE_BUCKETS: readonly number[] = Object.freeze([
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
]);

/** Buckets of l0's own duration histograms (`l0.request.duration_seconds`, `l0.time_to_first_token_seconds`), seconds. */
export const L0_DURATION_BUCKETS: readonly number[] = GEN_AI_DURATION_BUCKETS;

/** `gen_ai.client.operation.duration` (histogram, s). */
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration" as const;
/** `gen_ai.client.operation.time_to_first_chunk` (histogram, s, per attempt). */
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk" as const;
/** `gen_ai.client.operation.time_per_output_chunk` (histogram, s, per-attempt average). */
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk" as const;
/** `gen_ai.client.token.usage` (histogram, `{token}`, from provider usage). */
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage" as const;

/** Counter → Prometheus `l0_requests_total`. */
export const METRIC_L0_REQUESTS = "l0.requests" as const;
/** Histogram (s) → Prometheus `l0_request_duration_seconds`. */
export const METRIC_L0_REQUEST_DURATION = "l0.request.duration_seconds" as const;
/** Counter → Prometheus `l0_tokens_total`. */
export const METRIC_L0_TOKENS = "l0.tokens" as const;
/** Gauge → Prometheus `l0_tokens_per_second`. */
export const METRIC_L0_TOKENS_PER_SECOND = "l0.tokens_per_second" as const;
/** Histogram (s) → Prometheus `l0_time_to_first_token_seconds`. */
export const METRIC_L0_TIME_TO_FIRST_TOKEN = "l0.time_to_first_token_seconds" as const;
/** Counter → Prometheus `l0_retries_total`. */
export const METRIC_L0_RETRIES = "l0.retries" as const;
/** Counter → Prometheus `l0_retries_network_total`. */
export const METRIC_L0_RETRIES_NETWORK = "l0.retries.network" as const;
/** Counter → Prometheus `l0_retries_model_total`. */
export const METRIC_L0_RETRIES_MODEL = "l0.retries.model" as const;
/** Counter → Prometheus `l0_network_errors_total`. */
export const METRIC_L0_NETWORK_ERRORS = "l0.network_errors" as const;
/** Counter (label `error_type`) → Prometheus `l0_network_errors_by_type_total`. */
export const METRIC_L0_NETWORK_ERRORS_BY_TYPE = "l0.network_errors.by_type" as const;
/** Counter → Prometheus `l0_guardrail_violations_total`. */
export const METRIC_L0_GUARDRAIL_VIOLATIONS = "l0.guardrail_violations" as const;
/** Counter (label `severity`) → Prometheus `l0_guardrail_violations_by_severity_total`. */
export const METRIC_L0_GUARDRAIL_VIOLATIONS_BY_SEVERITY = "l0.guardrail_violations.by_severity" as const;
/** Counter (label `rule`) → Prometheus `l0_guardrail_violations_by_rule_total`. */
export const METRIC_L0_GUARDRAIL_VIOLATIONS_BY_RULE = "l0.guardrail_violations.by_rule" as const;
/** Counter (label `drift_type`) → Prometheus `l0_drift_detected_total`. */
export const METRIC_L0_DRIFT_DETECTED = "l0.drift_detected" as const;

/** Unit of every duration instrument. */
export const UNIT_SECONDS = "s" as const;
/** Unit of token instruments. */
export const UNIT_TOKENS = "{token}" as const;
