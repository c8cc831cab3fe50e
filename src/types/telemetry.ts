/**
 * The per-call telemetry object users read from `result.telemetry`, derived from l0's spans.
 */

/** One network error as recorded in telemetry (when `includeNetworkDetails`). */
export interface CategorizedNetworkError {
  /** Closed-set error type, e.g. `connection_dropped`. */
  type: string;
  message: string;
  /** Epoch ms. */
  timestamp: number;
  /** Whether l0 retried after it. */
  retried: boolean;
  /** Backoff before the retry, ms. */
  delay?: number;
}

/** Retry counts by kind, then by reason (`error.type`). */
export interface RetriesByReason {
  /** Network retries (do not use up `retry.attempts`) by reason. */
  network: Record<string, number>;
  /** Model retries (use up `retry.attempts`) by reason. */
  model: Record<string, number>;
}

/**
 * Where token counts came from: `provider` (every kept attempt's output tokens are the provider's
 * usage), `counted` (l0 counted token events: the provider reported no usage), or `mixed`.
 */
export type TokenSource = "provider" | "counted" | "mixed";

/**
 * Telemetry of one `l0()` call. Times are epoch ms; durations are ms. Every number is defined once
 * in semconv.md ("Numbers"), with its name in the spans, the metrics and the exporters.
 */
export interface L0Telemetry {
  sessionId: string;
  startTime: number;
  endTime?: number;
  duration?: number;

  metrics: {
    /** Session TTFT: first pull of `result.stream` to the first token delivered, ms. */
    timeToFirstToken?: number;
    /** Average ms between consecutive delivered tokens of the same attempt. */
    avgInterTokenTime?: number;
    /**
     * Throughput: `totalTokens` per second of `generationTime` (the kept attempts' first to last
     * content chunk). Absent when the kept output came in a single chunk.
     */
    tokensPerSecond?: number;
    /**
     * Output tokens the consumer kept: of each attempt whose output was not discarded, the
     * provider's reported output tokens, else its counted token events (see `tokenSource`).
     */
    totalTokens: number;
    /** Where `totalTokens` came from. */
    tokenSource?: TokenSource;
    /** Output tokens of attempts whose output a retry or fallback discarded (same rule as `totalTokens`). */
    discardedTokens?: number;
    /** Input tokens the provider reported over all attempts (what is billed); absent when none reported usage. */
    billedInputTokens?: number;
    /** Output tokens the provider reported over all attempts (what is billed); absent when none reported usage. */
    billedOutputTokens?: number;
    /** Content chunks received from the provider over all attempts. */
    totalChunks?: number;
    /** Generation time of the kept output, ms: each kept attempt's first to last content chunk, summed. */
    generationTime?: number;
    totalRetries: number;
    /** Network retries (do not use up `retry.attempts`). */
    networkRetries: number;
    /** Model retries (use up `retry.attempts`). */
    modelRetries: number;
  };

  /**
   * Scheduled retries by kind, then by reason (the `error.type` that caused each), derived from the
   * operation span's `l0.retry` events: present when the call retried and an `L0SpanProcessor` saw
   * its span. Each kind's counts sum to `metrics.networkRetries` / `metrics.modelRetries`.
   */
  retries?: RetriesByReason;

  network: {
    errorCount: number;
    errorsByType: Record<string, number>;
    errors?: CategorizedNetworkError[];
  };

  guardrails?: {
    violationCount: number;
    violationsByRule: Record<string, number>;
    violationsBySeverity: { warning: number; error: number; fatal: number };
  };

  drift?: {
    detected: boolean;
    types: string[];
  };

  metadata?: Record<string, any>;
}
