/**
 * l0: the reliability layer for LLM token streams, observable the OpenTelemetry way.
 * The documented API only, with explicit exports; the names of l0's telemetry are at `l0/semconv`,
 * the test doubles at `l0/testing`. `test/api/api-report.test.ts` fails when this surface changes.
 * @packageDocumentation
 */

// --- errors ---
export { L0Error, L0_ERROR_CODES } from "./errors/l0-error.js";
export { ERROR_TYPES, ERROR_TYPE_CATEGORY, isErrorType } from "./errors/error-types.js";
export type { L0ErrorCode, L0ErrorDetails } from "./errors/l0-error.js";
export type { ErrorType, ErrorCategory } from "./errors/error-types.js";
export { RETRY_ON_ALIASES } from "./errors/retry-on-aliases.js";
export { GUARDRAIL_SEVERITIES } from "./types/guardrails.js";
export type { RetryOnAlias, RetryOnEntry } from "./errors/retry-on-aliases.js";

// --- runtime ---
export { l0 } from "./l0.js";
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_BASE_DELAY,
  DEFAULT_MAX_DELAY,
  DEFAULT_BACKOFF,
  DEFAULT_RETRY_ON,
} from "./runtime/retry-policy.js";
export { BACKOFF_STRATEGIES } from "./types/options.js";
export type { CheckIntervals } from "./types/options.js";

// --- adapters ---
export { resolveChunks } from "./adapters/resolve-adapter.js";
export { vercelAIAdapter } from "./adapters/vercel-ai-adapter.js";
export { openaiAdapter } from "./adapters/openai-adapter.js";
export { anthropicAdapter } from "./adapters/anthropic-adapter.js";
export { textStreamAdapter, TextStreamFailedError } from "./adapters/text-stream-adapter.js";
export { openaiResponsesAdapter } from "./adapters/openai-responses-adapter.js";
export { langchainAdapter } from "./adapters/langchain-adapter.js";
export { sseResponseAdapter } from "./adapters/sse-response-adapter.js";
export { readableStreamAdapter } from "./adapters/readable-stream-adapter.js";
export { asyncIterableAdapter } from "./adapters/async-iterable-adapter.js";
export { UnrecognizedChunkError, ProviderStreamError, MalformedChunkError, HttpResponseError } from "./adapters/adapter-errors.js";
export type { VercelAIStreamResult } from "./adapters/vercel-ai-adapter.js";
export type { OpenAIStreamLike } from "./adapters/openai-adapter.js";
export type { AnthropicMessageStreamLike } from "./adapters/anthropic-adapter.js";
export type { TextStreamResult } from "./adapters/text-stream-adapter.js";
export type { OpenAIResponseStreamLike } from "./adapters/openai-responses-adapter.js";

// --- request ---
export { L0_REQUEST, describeRequest, requestOf } from "./request/request-description.js";
export { serverOf } from "./request/server-of.js";
export { openaiChat, openaiChatRequest } from "./request/openai-chat.js";
export { openaiResponses, openaiResponsesRequest } from "./request/openai-responses.js";
export { anthropicMessages, anthropicMessagesRequest } from "./request/anthropic-messages.js";
export { aiSdkRequest, aiSdkStream } from "./request/ai-sdk-request.js";
export type { DescribedStreamFactory } from "./request/request-description.js";
export type { L0RequestDescription, L0RequestParameters } from "./request/description-types.js";
export type { L0RequestServer } from "./request/server-of.js";
export type {
  GenAiMessage,
  GenAiPart,
  GenAiRole,
  GenAiModality,
  GenAiTextPart,
  GenAiToolCallPart,
  GenAiToolCallResponsePart,
  GenAiServerToolCallPart,
  GenAiServerToolCallResponsePart,
  GenAiBlobPart,
  GenAiFilePart,
  GenAiUriPart,
  GenAiReasoningPart,
  GenAiGenericPart,
} from "./request/genai-messages.js";
export type { OpenAIChatClient, OpenAIChatParams, OpenAIChatRequestOptions } from "./request/openai-chat.js";
export type { OpenAIResponsesClient, OpenAIResponsesParams, OpenAIResponsesRequestOptions } from "./request/openai-responses.js";
export type { AnthropicMessagesClient, AnthropicMessagesParams, AnthropicMessagesRequestOptions } from "./request/anthropic-messages.js";
export type { AiSdkCallOptions, AiSdkStreamOptions } from "./request/ai-sdk-request.js";

// --- guardrails ---
export { jsonRule, JSON_RULE_NAME } from "./guardrails/json-rule.js";
export { strictJsonRule, STRICT_JSON_RULE_NAME } from "./guardrails/strict-json-rule.js";
export { markdownRule, MARKDOWN_RULE_NAME } from "./guardrails/markdown-rule.js";
export { latexRule, LATEX_RULE_NAME } from "./guardrails/latex-rule.js";
export { zeroOutputRule, ZERO_OUTPUT_RULE_NAME } from "./guardrails/zero-output-rule.js";
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
export type { PatternRuleOptions } from "./guardrails/pattern-rule.js";
export type { PatternCategory } from "./guardrails/pattern-catalog.js";
export type { CustomPatternRuleOptions } from "./guardrails/custom-pattern-rule.js";

// --- drift ---
export { createDriftDetector, driftDetector } from "./drift/create-drift-detector.js";
export { DRIFT_TYPES, DRIFT_DEFAULTS } from "./drift/drift-config.js";

// --- telemetry ---
export { L0Monitor, createMonitor } from "./telemetry/l0-monitor.js";
export { L0SpanProcessor } from "./telemetry/l0-span-processor.js";
export { registerL0Instrumentation } from "./telemetry/register-instrumentation.js";
export { L0Instrumentation } from "./telemetry/l0-instrumentation.js";
export type { L0MonitorSummary } from "./telemetry/l0-monitor.js";
export type { L0SpanProcessorOptions } from "./telemetry/l0-span-processor.js";
export type { L0InstrumentationOptions, L0InstrumentationHandle, L0PrometheusOptions } from "./telemetry/register-instrumentation.js";
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
export type { DriftType, DriftConfig, DriftDetection, DriftResult, DriftDetector, DriftOption } from "./types/drift.js";
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
