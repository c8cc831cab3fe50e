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

// --- runtime ---

// --- adapters ---
export { detectAdapter, resolveChunks, BUILT_IN_ADAPTERS } from "./adapters/resolve-adapter.js";
export { vercelAIAdapter, isVercelAIStreamResult } from "./adapters/vercel-ai-adapter.js";
export { openaiAdapter, isOpenAIStream } from "./adapters/openai-adapter.js";
export { anthropicAdapter, isAnthropicMessageStream } from "./adapters/anthropic-adapter.js";
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
export {
  PROMETHEUS_CONTENT_TYPE,
  PROMETHEUS_DURATION_BUCKETS,
  DEFAULT_MAX_LABEL_SETS,
} from "./export/prometheus-names.js";
export { L0_PROMETHEUS_METRICS } from "./export/l0-prometheus-metrics.js";
export type { L0PrometheusMetric, PrometheusMetricKind } from "./export/l0-prometheus-metrics.js";
export { OVERFLOW_LABEL } from "./export/label-set-limiter.js";
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
export type { L0Telemetry, CategorizedNetworkError } from "./types/telemetry.js";
