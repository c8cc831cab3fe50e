/**
 * Options of `l0()`.
 */
import type { ErrorType, RetriableCategory } from "../errors/error-types.js";
import type { RetryOnEntry } from "../errors/retry-on-aliases.js";
import type { L0Adapter } from "./adapter.js";
import type { DriftOption } from "./drift.js";
import type { L0Event } from "./events.js";
import type { GuardrailRule, GuardrailViolation } from "./guardrails.js";
import type { L0LifecycleEvent } from "./lifecycle.js";
import type { MonitoringConfig } from "./monitoring.js";
import type { L0Result } from "./result.js";
import type { DriftDetection } from "./drift.js";

/** What the stream factory receives on every attempt. */
export interface StreamContext {
  /** Aborted when the attempt is abandoned (timeout, abort, retry): pass it to the provider. */
  signal: AbortSignal;
  /** 1-based attempt number across the whole call. */
  attempt: number;
  /** 0 for the primary stream, n for `fallbackStreams[n - 1]`. */
  fallbackIndex: number;
  /** Present when continuing from a checkpoint: the text already delivered. */
  continuation?: { checkpoint: string };
}

/** Creates the provider stream for one attempt. */
export type StreamFactory = (context: StreamContext) => unknown;

/** The backoff strategies `retry.backoff` accepts (see `computeBackoff` for each formula). */
export const BACKOFF_STRATEGIES = Object.freeze(["exponential", "linear", "fixed", "full-jitter", "fixed-jitter"] as const);

/** Backoff strategies: one of {@link BACKOFF_STRATEGIES}. */
export type BackoffStrategy = (typeof BACKOFF_STRATEGIES)[number];

/** What `calculateDelay` receives. */
export interface RetryDelayContext {
  /** Retry number of this kind, 0-based. */
  retry: number;
  kind: RetriableCategory;
  reason: ErrorType;
  error: unknown;
  /** The delay the policy would use (including Retry-After). */
  defaultDelay: number;
}

/** Retry policy. Applies to every retry: network errors, guardrails, drift, zero output. */
export interface RetryOptions {
  /** Model retries allowed (guardrail, drift, zero output, unknown errors). @default 2 */
  attempts?: number;
  /** Cap on all retries of the call, per stream (primary and each fallback get their own). @default 6 */
  maxRetries?: number;
  /** @default "fixed-jitter" */
  backoff?: BackoffStrategy;
  /** Base delay, ms. @default 1000 */
  baseDelay?: number;
  /**
   * Maximum backoff delay, ms. A provider's `Retry-After` on a 429/503 is honoured as given, even
   * above this, up to `max(maxDelay, 60000)`; a longer one is cut to that bound (reported to OTel
   * `diag`). `calculateDelay` may choose any delay. @default 10000
   */
  maxDelay?: number;
  /**
   * Error types that may be retried. Also accepts the retry reasons of the original l0 library as
   * aliases (`network_error`, `incomplete`, ...; see `RETRY_ON_ALIASES`). Fatal types are never
   * retried, listed or not. @default every network and model type
   */
  retryOn?: RetryOnEntry[];
  /** Overrides the delay: return a number of ms, or undefined to keep the default. */
  calculateDelay?: (context: RetryDelayContext) => number | undefined;
  /** Veto only: return false to stop a retry the policy would make. Throwing counts as a veto. */
  shouldRetry?: (error: unknown, context: { attempt: number; reason: ErrorType; kind: RetriableCategory }) => boolean | Promise<boolean>;
}

/** Timeouts that race the provider iterator. */
export interface TimeoutOptions {
  /**
   * Max ms from the attempt start to its first content chunk. Unset: no limit (there is no default,
   * so a slow-to-start model is never cut off unless you ask). Firing aborts the attempt's signal
   * and retries as a network retry (`initial_token_timeout`).
   */
  initialToken?: number;
  /**
   * Max ms between content chunks, counted from the first one (the wait for the first chunk is
   * `initialToken`'s). Unset: no limit. Firing retries as `inter_token_timeout`.
   */
  interToken?: number;
}

/** How often streaming checks run during an attempt. */
export interface CheckIntervals {
  /** Run streaming guardrail rules every this many token events (a final check always runs). @default 10 */
  guardrails?: number;
}

/** Hooks around a call. */
export interface L0Interceptor {
  name?: string;
  /** Runs before the call; may return changed options. A hook that throws rejects `l0()` with `INTERCEPTOR_FAILED`. */
  before?: (options: L0Options) => L0Options | void | Promise<L0Options | void>;
  /**
   * Runs once the consumer has received the `complete` event (on its next pull, or when it stops
   * reading), with `result.telemetry` complete. `options` are the options the call ran with (after
   * every `before`), as for `onError`. A hook that throws is reported to OTel `diag`.
   */
  after?: (result: L0Result, options: L0Options) => void | Promise<void>;
  /**
   * Runs when the call fails, once the consumer has received the `error` event and before the error
   * is thrown to it (or when it stops reading). A hook that throws is reported to OTel `diag`.
   */
  onError?: (error: Error, options: L0Options) => void | Promise<void>;
}

/** Options of `l0()`. */
export interface L0Options {
  /** Stream factory, called once per attempt. */
  stream: StreamFactory;
  /** Tried in order when the primary stream cannot succeed. */
  fallbackStreams?: StreamFactory[];
  retry?: RetryOptions;
  timeout?: TimeoutOptions;
  /** Cancels the call. Works together with `result.abort()`. */
  signal?: AbortSignal;
  /** Guardrail rules. */
  guardrails?: GuardrailRule[];
  /** Accept output whose violations remain after retries ran out (default: fail). @default false */
  acceptViolationsOnExhaustion?: boolean;
  /**
   * Drift detection: `driftDetector()` or `driftDetector(config)` (imported from `l0`); absent or
   * `false`: off.
   */
  detectDrift?: DriftOption | false;
  /** Fail attempts that produce no meaningful output (retried as a model retry). @default true */
  detectZeroTokens?: boolean;
  /** On retry, keep delivered text and continue from it, removing overlap. @default false */
  continueFromLastKnownGoodToken?: boolean;
  /** How often streaming guardrail checks run. */
  checkIntervals?: CheckIntervals;
  /** Monitoring (telemetry, spans, metrics). */
  monitoring?: MonitoringConfig;
  /** Every stream event and lifecycle event. Exceptions in it are reported to OTel diag, never thrown. */
  onEvent?: (event: L0Event | L0LifecycleEvent) => void;
  /** Each guardrail violation. */
  onViolation?: (violation: GuardrailViolation) => void;
  /** Each drift detection. */
  onDrift?: (detections: DriftDetection[], confidence: number) => void;
  interceptors?: L0Interceptor[];
  /** Explicit adapter (otherwise auto-detected). */
  adapter?: L0Adapter;
}
