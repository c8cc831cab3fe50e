/**
 * l0: the reliability layer for LLM token streams, observable the OpenTelemetry way.
 * Explicit exports only: values first, then types.
 * @packageDocumentation
 */

// --- errors ---
export { L0Error, L0_ERROR_CODES, invalidOption } from "./errors/l0-error.js";
export { ERROR_TYPES, ERROR_TYPE_CATEGORY, isErrorType } from "./errors/error-types.js";
export type { L0ErrorCode, L0ErrorDetails } from "./errors/l0-error.js";
export type { ErrorType, ErrorCategory } from "./errors/error-types.js";
export { RETRY_ON_ALIASES } from "./errors/retry-on-aliases.js";
export { GUARDRAIL_SEVERITIES } from "./types/guardrails.js";
export type { RetryOnAlias, RetryOnEntry } from "./errors/retry-on-aliases.js";

// --- runtime ---
export { l0 } from "./l0.js";
export { classifyError, classifyStatus } from "./errors/classify-error.js";
export { computeBackoff, BACKOFF_STRATEGIES } from "./runtime/backoff.js";
export { parseRetryAfter, getRetryAfterMs } from "./runtime/retry-after.js";
export { findOverlap, removeOverlap } from "./runtime/continuation.js";
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_BASE_DELAY,
  DEFAULT_MAX_DELAY,
  DEFAULT_BACKOFF,
  DEFAULT_RETRY_ON,
} from "./runtime/retry-policy.js";
export type { BackoffInput } from "./runtime/backoff.js";
export type { CheckIntervals } from "./types/options.js";

// --- adapters ---
export { detectAdapter, resolveChunks, BUILT_IN_ADAPTERS } from "./adapters/resolve-adapter.js";
export { vercelAIAdapter, isVercelAIStreamResult } from "./adapters/vercel-ai-adapter.js";
export { openaiAdapter, isOpenAIStream } from "./adapters/openai-adapter.js";
export { anthropicAdapter, isAnthropicMessageStream } from "./adapters/anthropic-adapter.js";
export { textStreamAdapter, isTextStreamResult, TextStreamFailedError } from "./adapters/text-stream-adapter.js";
export { openaiResponsesAdapter, isOpenAIResponseStream } from "./adapters/openai-responses-adapter.js";
export { createResponsesTranslator, isResponsesEvent } from "./adapters/responses-translator.js";
export { langchainAdapter, isLangChainStream } from "./adapters/langchain-adapter.js";
export { createLangChainTranslator, isLangChainMessageChunk } from "./adapters/langchain-translator.js";
export { sseResponseAdapter, isFetchResponse, createSSETranslator } from "./adapters/sse-response-adapter.js";
export { readableStreamAdapter } from "./adapters/readable-stream-adapter.js";
export { asyncIterableAdapter } from "./adapters/async-iterable-adapter.js";
export { createChunkNormalizer } from "./adapters/normalize-chunk.js";
export { createSSEParser } from "./adapters/parse-sse.js";
export { normalizeUsage } from "./adapters/normalize-usage.js";
export {
  UnrecognizedChunkError,
  ProviderStreamError,
  MalformedChunkError,
  HttpResponseError,
} from "./adapters/adapter-errors.js";
export type { VercelAIStreamResult } from "./adapters/vercel-ai-adapter.js";
export type { OpenAIStreamLike } from "./adapters/openai-adapter.js";
export type { AnthropicMessageStreamLike } from "./adapters/anthropic-adapter.js";
export type { TextStreamResult } from "./adapters/text-stream-adapter.js";
export type { OpenAIResponseStreamLike } from "./adapters/openai-responses-adapter.js";
export type { ChunkTranslator } from "./adapters/chunk-iterator.js";
export type { SSEEvent, SSEParser } from "./adapters/parse-sse.js";

// --- guardrails ---
export { runGuardrails, resetGuardrails, instantiateGuardrails, validateGuardrails } from "./guardrails/guardrail-engine.js";
export { jsonRule, JSON_RULE_NAME } from "./guardrails/json-rule.js";
export { strictJsonRule, STRICT_JSON_RULE_NAME } from "./guardrails/strict-json-rule.js";
export { markdownRule, MARKDOWN_RULE_NAME } from "./guardrails/markdown-rule.js";
export { latexRule, LATEX_RULE_NAME } from "./guardrails/latex-rule.js";
export { zeroOutputRule, zeroOutputReason, ZERO_OUTPUT_RULE_NAME } from "./guardrails/zero-output-rule.js";
export { patternRule } from "./guardrails/pattern-rule.js";
export { PATTERN_CATEGORIES } from "./guardrails/pattern-catalog.js";
export { customPatternRule } from "./guardrails/custom-pattern-rule.js";
export {
  minimalGuardrails,
  recommendedGuardrails,
  strictGuardrails,
  jsonOnlyGuardrails,
  createMinimalGuardrails,
  createRecommendedGuardrails,
  createStrictGuardrails,
  createJsonOnlyGuardrails,
} from "./guardrails/guardrail-presets.js";
export type { GuardrailCheckResult } from "./guardrails/guardrail-engine.js";
export type { PatternRuleOptions } from "./guardrails/pattern-rule.js";
export type { PatternCategory } from "./guardrails/pattern-catalog.js";
export type { CustomPatternRuleOptions } from "./guardrails/custom-pattern-rule.js";

// --- drift ---
export { createDriftDetector } from "./drift/create-drift-detector.js";
export { DRIFT_TYPES, DRIFT_DEFAULTS, resolveDriftConfig } from "./drift/drift-config.js";
export type { ResolvedDriftConfig } from "./drift/drift-config.js";

// --- telemetry ---
export { L0Monitor, createMonitor } from "./telemetry/l0-monitor.js";
export { L0SpanProcessor } from "./telemetry/l0-span-processor.js";
export { registerL0Instrumentation } from "./telemetry/register-instrumentation.js";
export { L0Instrumentation } from "./telemetry/l0-instrumentation.js";
export {
  L0_SEMCONV_VERSION,
  L0_INSTRUMENTATION_SCOPE,
  L0_INSTRUMENTATION_VERSION,
  L0_SCHEMA_URL,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  SPAN_NAME_L0_ATTEMPT,
  ATTR_L0_SESSION_ID,
  ATTR_L0_OUTCOME,
  ATTR_L0_TOKENS,
  ATTR_L0_ATTEMPTS,
  ATTR_L0_ATTEMPT_NUMBER,
  ATTR_L0_ATTEMPT_CHUNKS,
  ATTR_L0_ADAPTER,
  ATTR_L0_FALLBACK_INDEX,
  ATTR_L0_FALLBACK_FROM,
  ATTR_L0_RETRY_REASON,
  ATTR_L0_RETRY_KIND,
  ATTR_L0_RETRY_DELAY,
  ATTR_L0_RETRIES_TOTAL,
  ATTR_L0_RETRIES_NETWORK,
  ATTR_L0_RETRIES_MODEL,
  ATTR_L0_TIME_TO_FIRST_TOKEN,
  ATTR_L0_INTER_TOKEN_TIME_AVG,
  ATTR_L0_NETWORK_ERROR_COUNT,
  ATTR_L0_NETWORK_ERROR_TYPES,
  ATTR_L0_NETWORK_ERROR_TYPE_COUNTS,
  ATTR_L0_NETWORK_RETRIED,
  ATTR_L0_GUARDRAIL_VIOLATION_COUNT,
  ATTR_L0_GUARDRAIL_RULES,
  ATTR_L0_GUARDRAIL_RULE_COUNTS,
  ATTR_L0_GUARDRAIL_WARNING_COUNT,
  ATTR_L0_GUARDRAIL_ERROR_COUNT,
  ATTR_L0_GUARDRAIL_FATAL_COUNT,
  ATTR_L0_GUARDRAIL_RULE,
  ATTR_L0_GUARDRAIL_SEVERITY,
  ATTR_L0_GUARDRAIL_RECOVERABLE,
  ATTR_L0_GUARDRAIL_MESSAGE,
  ATTR_L0_DRIFT_DETECTED,
  ATTR_L0_DRIFT_TYPES,
  ATTR_L0_DRIFT_CONFIDENCE,
  ATTR_L0_TIMEOUT_KIND,
  ATTR_L0_TIMEOUT_ELAPSED,
  ATTR_L0_METADATA_PREFIX,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_TYPE,
  EVENT_L0_FIRST_TOKEN,
  EVENT_L0_RETRY,
  EVENT_L0_FALLBACK,
  EVENT_L0_NETWORK_ERROR,
  EVENT_L0_GUARDRAIL_VIOLATION,
  EVENT_L0_DRIFT,
  EVENT_L0_TIMEOUT,
  EVENT_L0_ABORT,
  METRIC_ATTR_SEVERITY,
  METRIC_ATTR_RULE,
  METRIC_ATTR_DRIFT_TYPE,
  METRIC_ATTR_RETRY_KIND,
} from "./telemetry/semconv-names.js";
export {
  GEN_AI_DURATION_BUCKETS,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  L0_DURATION_BUCKETS,
  L0_LATENCY_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_L0_REQUESTS,
  METRIC_L0_REQUEST_DURATION,
  METRIC_L0_TOKENS,
  METRIC_L0_TOKENS_PER_SECOND,
  METRIC_L0_TIME_TO_FIRST_TOKEN,
  METRIC_L0_RETRIES,
  METRIC_L0_RETRIES_NETWORK,
  METRIC_L0_RETRIES_MODEL,
  METRIC_L0_NETWORK_ERRORS,
  METRIC_L0_NETWORK_ERRORS_BY_TYPE,
  METRIC_L0_GUARDRAIL_VIOLATIONS,
  METRIC_L0_GUARDRAIL_VIOLATIONS_BY_SEVERITY,
  METRIC_L0_GUARDRAIL_VIOLATIONS_BY_RULE,
  METRIC_L0_DRIFT_DETECTED,
  METRIC_L0_METRIC_OVERFLOW,
  UNIT_SECONDS,
  UNIT_TOKENS,
} from "./telemetry/metric-names.js";
export type { L0MonitorSummary } from "./telemetry/l0-monitor.js";
export type { L0SpanProcessorOptions } from "./telemetry/l0-span-processor.js";
export type {
  L0InstrumentationOptions,
  L0InstrumentationHandle,
  L0PrometheusOptions,
} from "./telemetry/register-instrumentation.js";
export type { L0InstrumentationConfig } from "./telemetry/l0-instrumentation.js";

// --- export ---
export { TelemetryExporter, TELEMETRY_CSV_COLUMNS } from "./export/telemetry-exporter.js";
export type { TelemetryMetric, TelemetryLogEntry } from "./export/telemetry-exporter.js";
export { PrometheusRegistry, createPrometheusRegistry } from "./export/prometheus-registry.js";
export type { PrometheusRegistryOptions, PrometheusSource } from "./export/prometheus-registry.js";
export { PrometheusCollector, createPrometheusCollector } from "./export/prometheus-collector.js";
export type { PrometheusCollectorOptions } from "./export/prometheus-collector.js";
export { prometheusMiddleware } from "./export/prometheus-middleware.js";
export type { MetricsHandler, MetricsRequest, MetricsResponse } from "./export/prometheus-middleware.js";
export type { PrometheusLabels } from "./export/prometheus-labels.js";
export { PROMETHEUS_CONTENT_TYPE, PROMETHEUS_DURATION_BUCKETS } from "./export/prometheus-names.js";
export { L0_PROMETHEUS_METRICS } from "./export/l0-prometheus-metrics.js";
export type { L0PrometheusMetric, PrometheusMetricKind } from "./export/l0-prometheus-metrics.js";
export { OVERFLOW_LABEL, DEFAULT_CARDINALITY_LIMIT } from "./telemetry/series-limiter.js";
export { JsonMetricReader } from "./export/json-metric-reader.js";
export type { JsonMetricReaderOptions } from "./export/json-metric-reader.js";
export { CsvMetricReader, METRIC_CSV_COLUMNS } from "./export/csv-metric-reader.js";
export type { CsvMetricReaderOptions } from "./export/csv-metric-reader.js";
export type { TextMetricReaderOptions, MetricTextDestination, MetricTextStream } from "./export/text-metric-reader.js";
export type { MetricsDocument, MetricRecord, MetricPointRecord, MetricRecordType } from "./export/metric-records.js";

// --- integrations ---
export { sentryInterceptor } from "./integrations/sentry-interceptor.js";
export { withSentry } from "./integrations/with-sentry.js";
export { createSentryIntegration } from "./integrations/create-sentry-integration.js";
export type {
  SentryConfig,
  SentryHub,
  SentryIntegration,
  SentryScopeLike,
  SentryEventLike,
  SentrySpanLike,
  SentrySpanOptions,
  SentryBreadcrumb,
  SentryCaptureContext,
  SentryPrimitive,
} from "./integrations/sentry-types.js";

// --- types ---
export type {
  L0Event,
  L0TokenEvent,
  L0MessageEvent,
  L0DataEvent,
  L0ProgressEvent,
  L0ErrorEvent,
  L0CompleteEvent,
  L0RetryEvent,
  L0FallbackEvent,
  L0Chunk,
  L0Usage,
} from "./types/events.js";
export type { L0Adapter } from "./types/adapter.js";
export type { GuardrailRule, GuardrailContext, GuardrailViolation, GuardrailSeverity } from "./types/guardrails.js";
export type { DriftType, DriftConfig, DriftDetection, DriftResult, DriftDetector } from "./types/drift.js";
export type { L0LifecycleEvent, L0LifecycleEventType } from "./types/lifecycle.js";
export type { MonitoringConfig } from "./types/monitoring.js";
export type {
  L0Options,
  StreamContext,
  StreamFactory,
  RetryOptions,
  RetryDelayContext,
  BackoffStrategy,
  TimeoutOptions,
  L0Interceptor,
} from "./types/options.js";
export type { L0Result, L0State } from "./types/result.js";
export type { L0Telemetry, CategorizedNetworkError, RetriesByReason } from "./types/telemetry.js";
