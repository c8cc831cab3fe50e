/**
 * l0's metric table: every metric l0 records, one row each, with its OTel instrument name, its
 * Prometheus name, kind, unit, help text, buckets and labels. The OTel instruments
 * (`instruments.ts`) and the Prometheus registry behind `createPrometheusCollector`
 * (`export/prometheus-registry.ts`) are both built from these rows, and both record through the
 * same measurement functions (`call-measurements.ts`), so one name means one thing on every path.
 * A new metric is one new row here plus the fact it records in `call-measurements.ts`.
 *
 * The l0 instrument names are chosen so the OTel JS Prometheus exporter (`.` → `_`, `_total`
 * appended to counters, no unit suffix) exposes exactly the names of MONITORING.md's table; the
 * `gen_ai.client.inference.*` ones follow the GenAI semantic conventions (semantic-conventions-genai
 * v0.1.0) with their advisory buckets, and carry `server.address` / `server.port` when known.
 * @packageDocumentation
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_TOKEN_MODALITY,
  METRIC_ATTR_TOKEN_TYPE,
  METRIC_ATTR_DRIFT_TYPE,
  METRIC_ATTR_RETRY_KIND,
  METRIC_ATTR_RULE,
  METRIC_ATTR_SEVERITY,
} from "./semconv-names.js";

/** Advisory buckets of the GenAI duration histograms (semantic conventions), seconds. */
export const GEN_AI_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
]);

/** Advisory buckets of the GenAI per-operation token histograms (powers of 4), tokens. */
export const GEN_AI_TOKEN_USAGE_BUCKETS: readonly number[] = Object.freeze([
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
]);

/**
 * Default buckets of l0's own latency histograms (`l0.request.duration_seconds`,
 * `l0.time_to_first_token_seconds`), seconds: 5 ms to 10 minutes, neighbouring boundaries at
 * most 1.5× apart (the IEC E6 preferred numbers 1, 1.5, 2.2, 3.3, 4.7, 6.8 per decade), so a
 * quantile read from them is off by less than one bucket, i.e. by less than 50 %, up to 600 s.
 * `registerL0Instrumentation({ buckets })` replaces them.
 */
export const L0_LATENCY_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.0068, 0.01, 0.015, 0.022, 0.033, 0.047, 0.068, 0.1, 0.15, 0.22, 0.33, 0.47, 0.68, 1, 1.5, 2.2, 3.3, 4.7, 6.8, 10, 15, 22, 33, 47,
  68, 100, 150, 220, 330, 470, 600,
]);

/** Buckets of l0's own duration histograms (same as {@link L0_LATENCY_BUCKETS}). @alias */
export const L0_DURATION_BUCKETS: readonly number[] = L0_LATENCY_BUCKETS;

/** `gen_ai.client.inference.duration` (histogram, s, per call; was `gen_ai.client.operation.duration`). */
export const METRIC_GEN_AI_CLIENT_INFERENCE_DURATION = "gen_ai.client.inference.duration" as const;
/** `gen_ai.client.inference.time_to_first_chunk` (histogram, s, per call). */
export const METRIC_GEN_AI_CLIENT_INFERENCE_TIME_TO_FIRST_CHUNK = "gen_ai.client.inference.time_to_first_chunk" as const;
/** `gen_ai.client.inference.time_per_output_chunk` (histogram, s, one value per chunk after an attempt's first). */
export const METRIC_GEN_AI_CLIENT_INFERENCE_TIME_PER_OUTPUT_CHUNK = "gen_ai.client.inference.time_per_output_chunk" as const;
/** `gen_ai.client.inference.usage.input_tokens` (counter, `{token}`, billed input tokens the provider reported). */
export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_INPUT_TOKENS = "gen_ai.client.inference.usage.input_tokens" as const;
/** `gen_ai.client.inference.usage.output_tokens` (counter, `{token}`, billed output tokens the provider reported). */
export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_OUTPUT_TOKENS = "gen_ai.client.inference.usage.output_tokens" as const;
/** `gen_ai.client.inference.operation.input_tokens` (histogram, `{token}`, per call; 0 when no usage arrived). */
export const METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_INPUT_TOKENS = "gen_ai.client.inference.operation.input_tokens" as const;
/** `gen_ai.client.inference.operation.output_tokens` (histogram, `{token}`, per call; 0 when no usage arrived). */
export const METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_OUTPUT_TOKENS = "gen_ai.client.inference.operation.output_tokens" as const;

/** Counter → Prometheus `l0_requests_total`. */
export const METRIC_L0_REQUESTS = "l0.requests" as const;
/** Histogram (s) → Prometheus `l0_request_duration_seconds`. */
export const METRIC_L0_REQUEST_DURATION = "l0.request.duration_seconds" as const;
/** Counter → Prometheus `l0_tokens_total`: output tokens the consumer kept. */
export const METRIC_L0_TOKENS = "l0.tokens" as const;
/** Counter → Prometheus `l0_tokens_discarded_total`: output tokens of discarded attempts. */
export const METRIC_L0_TOKENS_DISCARDED = "l0.tokens.discarded" as const;
/** Counter (label `l0.token.type`) → Prometheus `l0_tokens_billed_total`: provider-reported usage over all attempts. */
export const METRIC_L0_TOKENS_BILLED = "l0.tokens.billed" as const;
/** Counter (s) → Prometheus `l0_generation_seconds_total`: generation time of the kept output (throughput = tokens / this). */
export const METRIC_L0_GENERATION_SECONDS = "l0.generation_seconds" as const;
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
/** Counter (label `metric`) → Prometheus `l0_metric_overflow_total`: measurements folded into an overflow series. */
export const METRIC_L0_METRIC_OVERFLOW = "l0.metric.overflow" as const;

/** Label of `l0.metric.overflow`: the Prometheus name of the metric that overflowed. */
export const METRIC_ATTR_METRIC = "metric" as const;

/** Unit of every duration instrument. */
export const UNIT_SECONDS = "s" as const;
/** Unit of token instruments. */
export const UNIT_TOKENS = "{token}" as const;

/** Kind of a metric l0 defines. */
export type MetricKind = "counter" | "gauge" | "histogram";

/** One row of the metric table. */
export interface MetricDefinition {
  /** OTel instrument name. */
  readonly otelName: string;
  /** Exposition name with l0's default prefix `l0` (the OTel Prometheus exporter's name for `otelName`). */
  readonly promName: string;
  readonly kind: MetricKind;
  /** UCUM unit; `""` for none. */
  readonly unit: string;
  /** Description of the instrument and `# HELP` text. */
  readonly help: string;
  /** Explicit bucket boundaries of a histogram (its advisory buckets). */
  readonly buckets: readonly number[] | undefined;
  /** True for l0's latency histograms, whose buckets `registerL0Instrumentation({ buckets })` replaces. */
  readonly configurableBuckets: boolean;
  /** Attribute keys besides the call identity (operation, provider, request model); Prometheus labels are these with `.` → `_`. */
  readonly labels: readonly string[];
  /** Also written by `createPrometheusCollector` from one `L0Telemetry` (the MONITORING.md table plus the overflow counter). */
  readonly collector: boolean;
  /** Its values are whole numbers (counts and tokens: OTel value type INT); seconds and the throughput gauge are doubles. */
  readonly integer: boolean;
  /** A GenAI convention metric (`gen_ai.*`): besides the call identity it carries the server attributes. */
  readonly genAi: boolean;
}

function define(
  otelName: string,
  promName: string,
  kind: MetricKind,
  help: string,
  more: { unit?: string; buckets?: readonly number[]; configurableBuckets?: boolean; labels?: readonly string[]; collector?: boolean } = {},
): MetricDefinition {
  return Object.freeze({
    otelName,
    promName,
    kind,
    unit: more.unit ?? "",
    help,
    buckets: more.buckets,
    configurableBuckets: more.configurableBuckets ?? false,
    labels: Object.freeze([...(more.labels ?? [])]),
    collector: more.collector ?? true,
    integer: kind !== "gauge" && more.unit !== UNIT_SECONDS,
    genAi: otelName.startsWith("gen_ai."),
  });
}

const RETRY_LABELS = [METRIC_ATTR_RETRY_KIND, ATTR_ERROR_TYPE];
const LATENCY = { unit: UNIT_SECONDS, buckets: L0_LATENCY_BUCKETS, configurableBuckets: true };
const GEN_AI_SECONDS = { unit: UNIT_SECONDS, buckets: GEN_AI_DURATION_BUCKETS, collector: false };
const GEN_AI_USAGE = { unit: UNIT_TOKENS, labels: [ATTR_GEN_AI_TOKEN_MODALITY], collector: false };
const GEN_AI_OPERATION_TOKENS = { unit: UNIT_TOKENS, buckets: GEN_AI_TOKEN_USAGE_BUCKETS, labels: [ATTR_ERROR_TYPE], collector: false };

/** The metric table, by key. MONITORING.md's "Exported Metrics" rows first, in its order. */
export const L0_METRIC_TABLE = Object.freeze({
  requests: define(METRIC_L0_REQUESTS, "l0_requests_total", "counter", "Total L0 requests"),
  requestDuration: define(
    METRIC_L0_REQUEST_DURATION,
    "l0_request_duration_seconds",
    "histogram",
    "L0 request duration in seconds",
    LATENCY,
  ),
  tokens: define(METRIC_L0_TOKENS, "l0_tokens_total", "counter", "Total tokens generated"),
  tokensPerSecond: define(
    METRIC_L0_TOKENS_PER_SECOND,
    "l0_tokens_per_second",
    "gauge",
    "Generation throughput of the last request: kept output tokens per second of generation time",
  ),
  timeToFirstToken: define(
    METRIC_L0_TIME_TO_FIRST_TOKEN,
    "l0_time_to_first_token_seconds",
    "histogram",
    "Time to first token in seconds",
    LATENCY,
  ),
  retries: define(METRIC_L0_RETRIES, "l0_retries_total", "counter", "Total retry attempts", { labels: RETRY_LABELS }),
  retriesNetwork: define(METRIC_L0_RETRIES_NETWORK, "l0_retries_network_total", "counter", "Network retries", { labels: RETRY_LABELS }),
  retriesModel: define(METRIC_L0_RETRIES_MODEL, "l0_retries_model_total", "counter", "Model retries", { labels: RETRY_LABELS }),
  networkErrors: define(METRIC_L0_NETWORK_ERRORS, "l0_network_errors_total", "counter", "Total network errors"),
  networkErrorsByType: define(METRIC_L0_NETWORK_ERRORS_BY_TYPE, "l0_network_errors_by_type_total", "counter", "Network errors by type", {
    labels: [ATTR_ERROR_TYPE],
  }),
  guardrailViolations: define(METRIC_L0_GUARDRAIL_VIOLATIONS, "l0_guardrail_violations_total", "counter", "Total guardrail violations"),
  guardrailViolationsBySeverity: define(
    METRIC_L0_GUARDRAIL_VIOLATIONS_BY_SEVERITY,
    "l0_guardrail_violations_by_severity_total",
    "counter",
    "Guardrail violations by severity",
    { labels: [METRIC_ATTR_SEVERITY] },
  ),
  guardrailViolationsByRule: define(
    METRIC_L0_GUARDRAIL_VIOLATIONS_BY_RULE,
    "l0_guardrail_violations_by_rule_total",
    "counter",
    "Guardrail violations by rule",
    {
      labels: [METRIC_ATTR_RULE],
    },
  ),
  driftDetected: define(METRIC_L0_DRIFT_DETECTED, "l0_drift_detected_total", "counter", "Drift detection events", {
    labels: [METRIC_ATTR_DRIFT_TYPE],
  }),
  tokensDiscarded: define(
    METRIC_L0_TOKENS_DISCARDED,
    "l0_tokens_discarded_total",
    "counter",
    "Output tokens of attempts a retry or fallback discarded",
  ),
  tokensBilled: define(
    METRIC_L0_TOKENS_BILLED,
    "l0_tokens_billed_total",
    "counter",
    "Provider-reported input and output tokens over all attempts",
    {
      labels: [METRIC_ATTR_TOKEN_TYPE],
    },
  ),
  generationSeconds: define(
    METRIC_L0_GENERATION_SECONDS,
    "l0_generation_seconds_total",
    "counter",
    "Generation time of the kept output in seconds",
    {
      unit: UNIT_SECONDS,
    },
  ),
  inferenceDuration: define(
    METRIC_GEN_AI_CLIENT_INFERENCE_DURATION,
    "gen_ai_client_inference_duration",
    "histogram",
    "GenAI inference duration (the whole l0 call)",
    {
      ...GEN_AI_SECONDS,
      labels: [ATTR_ERROR_TYPE],
    },
  ),
  timeToFirstChunk: define(
    METRIC_GEN_AI_CLIENT_INFERENCE_TIME_TO_FIRST_CHUNK,
    "gen_ai_client_inference_time_to_first_chunk",
    "histogram",
    "Time from the start of the call to the first chunk of a streamed response",
    GEN_AI_SECONDS,
  ),
  timePerOutputChunk: define(
    METRIC_GEN_AI_CLIENT_INFERENCE_TIME_PER_OUTPUT_CHUNK,
    "gen_ai_client_inference_time_per_output_chunk",
    "histogram",
    "Time from the end of the previous chunk to the end of the current one, within an attempt",
    GEN_AI_SECONDS,
  ),
  usageInputTokens: define(
    METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_INPUT_TOKENS,
    "gen_ai_client_inference_usage_input_tokens_total",
    "counter",
    "Billed input tokens the provider reported",
    GEN_AI_USAGE,
  ),
  usageOutputTokens: define(
    METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_OUTPUT_TOKENS,
    "gen_ai_client_inference_usage_output_tokens_total",
    "counter",
    "Billed output tokens the provider reported",
    GEN_AI_USAGE,
  ),
  operationInputTokens: define(
    METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_INPUT_TOKENS,
    "gen_ai_client_inference_operation_input_tokens",
    "histogram",
    "Input tokens the provider reported per call",
    GEN_AI_OPERATION_TOKENS,
  ),
  operationOutputTokens: define(
    METRIC_GEN_AI_CLIENT_INFERENCE_OPERATION_OUTPUT_TOKENS,
    "gen_ai_client_inference_operation_output_tokens",
    "histogram",
    "Output tokens the provider reported per call",
    GEN_AI_OPERATION_TOKENS,
  ),
  metricOverflow: define(
    METRIC_L0_METRIC_OVERFLOW,
    "l0_metric_overflow_total",
    "counter",
    "Measurements folded into a metric's overflow series because it reached its series limit",
    { labels: [METRIC_ATTR_METRIC] },
  ),
});

/** Key of a row of {@link L0_METRIC_TABLE}. */
export type MetricKey = keyof typeof L0_METRIC_TABLE;

/** Every row of {@link L0_METRIC_TABLE}, in table order. */
export const L0_METRICS: readonly MetricDefinition[] = Object.freeze(Object.values(L0_METRIC_TABLE));

/** The Prometheus label name of an attribute key, as the OTel Prometheus exporter writes it. */
export function prometheusLabelName(attribute: string): string {
  return attribute.replace(/[^a-z0-9_]/gi, "_").replace(/_{2,}/g, "_");
}
