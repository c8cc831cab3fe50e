/**
 * Per-call monitoring options (`l0({ monitoring })`), as documented in MONITORING.md.
 */
export interface MonitoringConfig {
  /** Enable telemetry collection: spans, metrics and `result.telemetry`. @default false */
  enabled?: boolean;
  /**
   * Fraction (0-1) of calls that get spans and `result.telemetry`, decided once per call.
   * Counters and histograms are recorded for every monitored call regardless. @default 1
   */
  sampleRate?: number;
  /** Include the per-error list `telemetry.network.errors`. @default true */
  includeNetworkDetails?: boolean;
  /** Include timing metrics (TTFT, inter-token time, tokens/s). @default true */
  includeTimings?: boolean;
  /** Custom metadata copied into `telemetry.metadata` (never used as a metric label). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's own values, read back without narrowing
  metadata?: Record<string, any>;
  /**
   * Record prompt/completion content on spans (`gen_ai.output.messages`). Off by default:
   * content can hold personal data. @default false
   */
  captureContent?: boolean;
  /** GenAI provider name for `gen_ai.provider.name` (e.g. `openai`), when not detected. */
  provider?: string;
  /** Requested model for `gen_ai.request.model`, when not detected. */
  model?: string;
  /** GenAI operation name. @default "chat" */
  operation?: string;
}
