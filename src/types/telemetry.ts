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

/** Telemetry of one `l0()` call. Times are epoch ms; durations are ms. */
export interface L0Telemetry {
  sessionId: string;
  startTime: number;
  endTime?: number;
  duration?: number;

  metrics: {
    /** Session TTFT: first pull of `result.stream` to the first token delivered, ms. */
    timeToFirstToken?: number;
    /** Average ms between consecutive delivered tokens. */
    avgInterTokenTime?: number;
    /** Delivered tokens per second of session duration. */
    tokensPerSecond?: number;
    /** Token events delivered to the consumer, over all attempts. */
    totalTokens: number;
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
