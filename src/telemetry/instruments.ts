/**
 * l0's OTel instruments, created once per MeterProvider (cached in a WeakMap).
 */
import { diag, type Counter, type Gauge, type Histogram, type MeterProvider, type MetricAttributes } from "@opentelemetry/api";
import {
  GEN_AI_DURATION_BUCKETS,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  L0_DURATION_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_L0_DRIFT_DETECTED,
  METRIC_L0_GUARDRAIL_VIOLATIONS,
  METRIC_L0_GUARDRAIL_VIOLATIONS_BY_RULE,
  METRIC_L0_GUARDRAIL_VIOLATIONS_BY_SEVERITY,
  METRIC_L0_NETWORK_ERRORS,
  METRIC_L0_NETWORK_ERRORS_BY_TYPE,
  METRIC_L0_REQUEST_DURATION,
  METRIC_L0_REQUESTS,
  METRIC_L0_RETRIES,
  METRIC_L0_RETRIES_MODEL,
  METRIC_L0_RETRIES_NETWORK,
  METRIC_L0_TIME_TO_FIRST_TOKEN,
  METRIC_L0_TOKENS,
  METRIC_L0_TOKENS_PER_SECOND,
  UNIT_SECONDS,
  UNIT_TOKENS,
} from "./metric-names.js";
import { L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, L0_SCHEMA_URL } from "./semconv-names.js";

/** Default number of distinct attribute sets per metric before the SDK folds into an overflow series. */
export const DEFAULT_CARDINALITY_LIMIT = 2000;

/** Every instrument l0 records. */
export interface L0Instruments {
  readonly requests: Counter;
  readonly requestDuration: Histogram;
  readonly tokens: Counter;
  readonly tokensPerSecond: Gauge;
  readonly timeToFirstToken: Histogram;
  readonly retries: Counter;
  readonly retriesNetwork: Counter;
  readonly retriesModel: Counter;
  readonly networkErrors: Counter;
  readonly networkErrorsByType: Counter;
  readonly guardrailViolations: Counter;
  readonly guardrailViolationsBySeverity: Counter;
  readonly guardrailViolationsByRule: Counter;
  readonly driftDetected: Counter;
  readonly operationDuration: Histogram;
  readonly timeToFirstChunk: Histogram;
  readonly timePerOutputChunk: Histogram;
  readonly tokenUsage: Histogram;
  /** Watches distinct attribute sets so crossing the cardinality limit is reported once. */
  readonly cardinality: CardinalityWatch;
  /** GenAI identity attribute sets whose unlabeled counters were initialised to 0. */
  readonly zeroed: Set<string>;
}

/**
 * Counts distinct attribute sets per metric (bounded by the limit) and warns once through `diag`
 * when one metric reaches the limit; the SDK then folds new series into `otel.metric.overflow`.
 */
export class CardinalityWatch {
  private readonly seen = new Map<string, Set<string>>();
  private warned = false;

  constructor(public limit: number) {}

  /** Changes the limit (registration with `cardinalityLimit`). */
  setLimit(limit: number): void {
    this.limit = limit;
  }

  /** Notes that `metric` was recorded with the attribute set identified by `key`. */
  see(metric: string, key: string): void {
    let set = this.seen.get(metric);
    if (set === undefined) {
      set = new Set();
      this.seen.set(metric, set);
    }
    if (set.has(key)) return;
    if (set.size < this.limit) set.add(key);
    if (set.size >= this.limit && !this.warned) {
      this.warned = true;
      diag.warn(
        `l0: metric "${metric}" reached its cardinality limit of ${this.limit} attribute sets; further series are ` +
          `aggregated under otel.metric.overflow="true". Check the provider/model values passed to l0 or raise cardinalityLimit.`,
      );
    }
  }
}

const cache = new WeakMap<MeterProvider, L0Instruments>();

/** Returns the instruments of `meterProvider`, creating them on first use. */
export function getInstruments(meterProvider: MeterProvider, cardinalityLimit = DEFAULT_CARDINALITY_LIMIT): L0Instruments {
  const cached = cache.get(meterProvider);
  if (cached !== undefined) return cached;
  const created = createInstruments(meterProvider, cardinalityLimit);
  cache.set(meterProvider, created);
  return created;
}

function createInstruments(meterProvider: MeterProvider, cardinalityLimit: number): L0Instruments {
  const meter = meterProvider.getMeter(L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION, { schemaUrl: L0_SCHEMA_URL });
  const seconds = (name: string, description: string, buckets: readonly number[]): Histogram =>
    meter.createHistogram(name, { description, unit: UNIT_SECONDS, advice: { explicitBucketBoundaries: [...buckets] } });
  const counter = (name: string, description: string): Counter => meter.createCounter(name, { description });
  return {
    requests: counter(METRIC_L0_REQUESTS, "Total L0 requests"),
    requestDuration: seconds(METRIC_L0_REQUEST_DURATION, "L0 request duration in seconds", L0_DURATION_BUCKETS),
    tokens: counter(METRIC_L0_TOKENS, "Total tokens generated"),
    tokensPerSecond: meter.createGauge(METRIC_L0_TOKENS_PER_SECOND, { description: "Generation throughput in tokens per second" }),
    timeToFirstToken: seconds(METRIC_L0_TIME_TO_FIRST_TOKEN, "Time to first token in seconds", L0_DURATION_BUCKETS),
    retries: counter(METRIC_L0_RETRIES, "Total retry attempts"),
    retriesNetwork: counter(METRIC_L0_RETRIES_NETWORK, "Network retries"),
    retriesModel: counter(METRIC_L0_RETRIES_MODEL, "Model retries"),
    networkErrors: counter(METRIC_L0_NETWORK_ERRORS, "Total network errors"),
    networkErrorsByType: counter(METRIC_L0_NETWORK_ERRORS_BY_TYPE, "Network errors by type"),
    guardrailViolations: counter(METRIC_L0_GUARDRAIL_VIOLATIONS, "Total guardrail violations"),
    guardrailViolationsBySeverity: counter(METRIC_L0_GUARDRAIL_VIOLATIONS_BY_SEVERITY, "Guardrail violations by severity"),
    guardrailViolationsByRule: counter(METRIC_L0_GUARDRAIL_VIOLATIONS_BY_RULE, "Guardrail violations by rule"),
    driftDetected: counter(METRIC_L0_DRIFT_DETECTED, "Drift detection events"),
    operationDuration: seconds(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, "GenAI operation duration", GEN_AI_DURATION_BUCKETS),
    timeToFirstChunk: seconds(
      METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
      "Time from the request to the first chunk of a streamed response, per attempt",
      GEN_AI_DURATION_BUCKETS,
    ),
    timePerOutputChunk: seconds(
      METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
      "Average time between output chunks after the first, per attempt",
      GEN_AI_DURATION_BUCKETS,
    ),
    tokenUsage: meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
      description: "Provider-reported token usage per operation",
      unit: UNIT_TOKENS,
      advice: { explicitBucketBoundaries: [...GEN_AI_TOKEN_USAGE_BUCKETS] },
    }),
    cardinality: new CardinalityWatch(cardinalityLimit),
    zeroed: new Set(),
  };
}

/** Key identifying an attribute set for {@link CardinalityWatch} (values are low-cardinality strings). */
export function attributeKey(attributes: MetricAttributes): string {
  let key = "";
  for (const name in attributes) key += `${name}=${String(attributes[name])}|`;
  return key;
}
