/**
 * The one retry policy every retry goes through: network errors, timeouts, guardrail violations,
 * drift and zero output alike (`retryOn`, budgets, backoff, `calculateDelay`, `shouldRetry`).
 * @packageDocumentation
 */
import { diag } from "@opentelemetry/api";
import { ERROR_TYPES, ERROR_TYPE_CATEGORY, type ErrorType } from "../errors/error-types.js";
import { expandRetryOn } from "../errors/retry-on-aliases.js";
import type { BackoffStrategy, RetryOptions } from "../types/options.js";
import { computeBackoff } from "./backoff.js";
import { getRetryAfterMs } from "./retry-after.js";

/** Retry kinds: `network` retries do not use up `attempts`; `model` retries do. */
export type RetryKind = "network" | "model";

/** Default model retries per stream. */
export const DEFAULT_ATTEMPTS = 2;
/** Default cap on all retries per stream. */
export const DEFAULT_MAX_RETRIES = 6;
/** Default base delay, ms. */
export const DEFAULT_BASE_DELAY = 1000;
/** Default maximum delay, ms. */
export const DEFAULT_MAX_DELAY = 10_000;
/** Default backoff strategy. */
export const DEFAULT_BACKOFF: BackoffStrategy = "fixed-jitter";
/**
 * Longest provider `Retry-After` honoured as given, ms (when `maxDelay` is lower). A longer one
 * (a provider bug, or `retry-after: 86400`) is cut to `max(maxDelay, MAX_RETRY_AFTER)` and reported to
 * OTel `diag`, so a call never sleeps for hours silently; `calculateDelay` can still choose any delay.
 */
const MAX_RETRY_AFTER = 60_000;
/** Default `retryOn`: every type that is not fatal. */
export const DEFAULT_RETRY_ON: readonly ErrorType[] = ERROR_TYPES.filter((t) => ERROR_TYPE_CATEGORY[t] !== "fatal");

/** {@link RetryOptions} with defaults applied. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly maxRetries: number;
  readonly backoff: BackoffStrategy;
  readonly baseDelay: number;
  readonly maxDelay: number;
  readonly retryOn: ReadonlySet<ErrorType>;
  readonly calculateDelay: RetryOptions["calculateDelay"];
  readonly shouldRetry: RetryOptions["shouldRetry"];
}

/** The default `retryOn` set, shared by every call that does not set `retry.retryOn` (never mutated). */
const DEFAULT_RETRY_ON_SET: ReadonlySet<ErrorType> = /* @__PURE__ */ new Set(DEFAULT_RETRY_ON);

/** Applies the defaults to (already validated) retry options. */
export function createRetryPolicy(options: RetryOptions | undefined): RetryPolicy {
  return {
    attempts: options?.attempts ?? DEFAULT_ATTEMPTS,
    maxRetries: options?.maxRetries ?? DEFAULT_MAX_RETRIES,
    backoff: options?.backoff ?? DEFAULT_BACKOFF,
    baseDelay: options?.baseDelay ?? DEFAULT_BASE_DELAY,
    maxDelay: options?.maxDelay ?? DEFAULT_MAX_DELAY,
    retryOn: options?.retryOn === undefined ? DEFAULT_RETRY_ON_SET : new Set(expandRetryOn(options.retryOn)),
    calculateDelay: options?.calculateDelay,
    shouldRetry: options?.shouldRetry,
  };
}

/** Retries used on one stream. The primary stream and each fallback get a fresh budget. */
export class RetryBudget {
  /** Model retries made on this stream. */
  modelRetries = 0;
  /** Network retries made on this stream. */
  networkRetries = 0;

  /** All retries made on this stream. */
  get total(): number {
    return this.modelRetries + this.networkRetries;
  }

  /** Counts one retry of `kind`. */
  record(kind: RetryKind): void {
    if (kind === "network") this.networkRetries++;
    else this.modelRetries++;
  }
}

/** The retry kind of an error type; undefined for fatal types, which are never retried. */
function retryKindOf(type: ErrorType): RetryKind | undefined {
  const category = ERROR_TYPE_CATEGORY[type];
  return category === "fatal" ? undefined : category;
}

/** Why a retry was not made. */
export type NoRetryReason = "fatal" | "not_in_retry_on" | "max_retries" | "attempts_exhausted" | "vetoed";

/** Outcome of {@link decideRetry}. */
export type RetryDecision =
  { retry: true; kind: RetryKind; delayMs: number } | { retry: false; kind: RetryKind | undefined; why: NoRetryReason };

/**
 * The synchronous part of the decision: whether `type` may be retried on this stream at all
 * (not fatal, listed in `retryOn`, within `maxRetries` and, for model retries, `attempts`).
 */
export function retryBlocker(policy: RetryPolicy, budget: RetryBudget, type: ErrorType): NoRetryReason | undefined {
  const kind = retryKindOf(type);
  if (kind === undefined) return "fatal";
  if (!policy.retryOn.has(type)) return "not_in_retry_on";
  if (budget.total >= policy.maxRetries) return "max_retries";
  if (kind === "model" && budget.modelRetries >= policy.attempts) return "attempts_exhausted";
  return undefined;
}

/**
 * The delay the policy uses before retrying, before `calculateDelay`: Retry-After for 429/5xx (at
 * most `max(maxDelay, MAX_RETRY_AFTER)`), else backoff.
 */
function defaultDelay(policy: RetryPolicy, budget: RetryBudget, type: ErrorType, error: unknown, random?: () => number): number {
  if (type === "rate_limit" || type === "server_error") {
    const retryAfter = getRetryAfterMs(error);
    if (retryAfter !== undefined) {
      const cap = Math.max(policy.maxDelay, MAX_RETRY_AFTER);
      if (retryAfter <= cap) return retryAfter;
      diag.warn(
        `l0: the provider asked to retry after ${retryAfter} ms; waiting ${cap} ms instead (max(retry.maxDelay, ${MAX_RETRY_AFTER}))`,
      );
      return cap;
    }
  }
  const kind = retryKindOf(type) ?? "model";
  return computeBackoff(
    {
      strategy: policy.backoff,
      retry: kind === "network" ? budget.networkRetries : budget.modelRetries,
      baseDelay: policy.baseDelay,
      maxDelay: policy.maxDelay,
    },
    random,
  );
}

/** What {@link decideRetry} needs to know about the failure. */
export interface RetryQuestion {
  type: ErrorType;
  error: unknown;
  /** 1-based number of the attempt that failed. */
  attempt: number;
}

/**
 * Decides whether to retry: {@link retryBlocker}, then the delay ({@link defaultDelay}, overridden
 * by `calculateDelay` when it returns a finite number ≥ 0), then the veto-only `shouldRetry`
 * (false or throwing stops the retry). Does not record the retry in `budget`.
 * A `calculateDelay` or `shouldRetry` that throws is reported to OTel `diag`.
 */
export async function decideRetry(policy: RetryPolicy, budget: RetryBudget, question: RetryQuestion): Promise<RetryDecision> {
  const { type, error, attempt } = question;
  const kind = retryKindOf(type);
  const blocker = retryBlocker(policy, budget, type);
  if (blocker !== undefined || kind === undefined) return { retry: false, kind, why: blocker ?? "fatal" };
  const fallbackDelay = defaultDelay(policy, budget, type, error);
  let delayMs = fallbackDelay;
  if (policy.calculateDelay !== undefined) {
    try {
      const custom = policy.calculateDelay({
        retry: kind === "network" ? budget.networkRetries : budget.modelRetries,
        kind,
        reason: type,
        error,
        defaultDelay: fallbackDelay,
      });
      if (typeof custom === "number" && Number.isFinite(custom) && custom >= 0) delayMs = Math.round(custom);
      else if (typeof (custom as { then?: unknown } | undefined)?.then === "function") {
        // Not awaited (it must return a number); a rejection must not go unhandled.
        diag.warn("l0: retry.calculateDelay returned a promise; it must return a number of ms. Using the default delay");
        (custom as unknown as PromiseLike<unknown>).then(undefined, (thrown: unknown) =>
          diag.error("l0: retry.calculateDelay rejected", thrown),
        );
      }
    } catch (thrown) {
      diag.error("l0: retry.calculateDelay threw; using the default delay", thrown);
    }
  }
  if (policy.shouldRetry !== undefined) {
    let allowed: boolean;
    try {
      allowed = (await policy.shouldRetry(error, { attempt, reason: type, kind })) !== false;
    } catch (thrown) {
      diag.warn("l0: retry.shouldRetry threw; treating it as a veto", thrown);
      allowed = false;
    }
    if (!allowed) return { retry: false, kind, why: "vetoed" };
  }
  return { retry: true, kind, delayMs };
}
