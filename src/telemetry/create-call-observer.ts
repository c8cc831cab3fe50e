/**
 * Entry point the runtime uses to get a {@link CallObserver} for one call: the no-op observer when
 * monitoring is off, otherwise the OTel recorder (spans only when the call is sampled; metrics always).
 */
import { context, diag, type Attributes } from "@opentelemetry/api";
import { validateMonitoringConfig } from "../options/monitoring-options.js";
import { NOOP_OBSERVER, type CallObserver } from "../runtime/call-observer.js";
import type { MonitoringConfig } from "../types/monitoring.js";
import { callMetricsFor } from "./call-metrics.js";
import { CallRecorder } from "./call-recorder.js";
import { currentPipeline, instrumentsOf, loggerOf, tracerOf, type L0Pipeline } from "./pipeline.js";
import { GEN_AI_OPERATION_NAME_VALUE_CHAT } from "./semconv-names.js";
import { CallIdentity, metadataAttributes, serverAttributes, type RequestFacts } from "./span-attributes.js";
import { copyMetadata, type TelemetryShape } from "./telemetry-facts.js";

/** What the call has configured besides monitoring (decides whether telemetry sections exist). */
export interface CallFeatures {
  /** Guardrail rules were configured: `telemetry.guardrails` is present even with no violation. */
  guardrails?: boolean;
  /** Drift detection was configured: `telemetry.drift` is present even with no drift. */
  drift?: boolean;
  /** Names of the configured guardrail rules (their violation series start at 0). */
  guardrailRules?: readonly string[];
  /**
   * Every chunk is its own arrival (timed on its own): for chunks recorded by hand (`L0Monitor`),
   * not by the runtime, which hands a buffered burst over in one event-loop turn.
   */
  eachChunkArrives?: boolean;
  /** What the described request says (provider, model, server, parameters, input content). */
  request?: RequestFacts & { provider?: string; model?: string };
}

/** Whether a call with this sample rate is sampled (decided once per call). */
function decideSampled(sampleRate: number | undefined): boolean {
  const rate = sampleRate ?? 1;
  return rate >= 1 || (rate > 0 && Math.random() < rate);
}

/** What a call without a request description knows of its request (shared: never written). */
const NO_REQUEST: NonNullable<CallFeatures["request"]> = Object.freeze({});

/** The attributes of a call without metadata (shared: never written). */
const NO_ATTRIBUTES: Attributes = Object.freeze({});

/** `result.telemetry`'s shape with every default (shared: never written). */
const DEFAULT_SHAPE: TelemetryShape = Object.freeze({ includeTimings: true, includeNetworkDetails: true });

/** The shape of a call's `result.telemetry`: the shared default unless the options change it. */
function shapeOf(config: MonitoringConfig, metadata: Record<string, unknown> | undefined): TelemetryShape {
  const includeTimings = config.includeTimings ?? true;
  const includeNetworkDetails = config.includeNetworkDetails ?? true;
  if (includeTimings && includeNetworkDetails && metadata === undefined) return DEFAULT_SHAPE;
  return { includeTimings, includeNetworkDetails, ...(metadata === undefined ? {} : { metadata }) };
}

/**
 * Returns the observer for one `l0()` call with these monitoring options. Call it at `l0()` call
 * time: the active OTel context then becomes the parent of the call's operation span.
 * Throws `INVALID_OPTIONS` for bad monitoring options; never throws for telemetry trouble.
 */
export function createCallObserver(
  config: MonitoringConfig | undefined,
  sessionId: string,
  features: CallFeatures = {},
  pipeline?: L0Pipeline,
): CallObserver {
  if (config === undefined) return NOOP_OBSERVER;
  validateMonitoringConfig(config);
  if (config.enabled !== true) return NOOP_OBSERVER;
  try {
    const resolved = pipeline ?? currentPipeline();
    const request = features.request ?? NO_REQUEST;
    // The caller's monitoring options win over the described request; the stream fills the rest.
    const identity = new CallIdentity(
      config.operation ?? GEN_AI_OPERATION_NAME_VALUE_CHAT,
      config.provider ?? request.provider,
      config.model ?? request.model,
    );
    const sampled = decideSampled(config.sampleRate);
    const metadata = config.metadata === undefined ? undefined : copyMetadata(config.metadata);
    const instruments = instrumentsOf(resolved);
    const genAiAttributes = serverAttributes(request);
    const guardrailRules = features.guardrailRules ?? [];
    return new CallRecorder({
      sessionId,
      identity,
      request,
      metrics:
        instruments === undefined
          ? undefined
          : (settled) => callMetricsFor(instruments, settled.metricAttributes(), { guardrailRules, genAiAttributes }),
      tracer: sampled ? tracerOf(resolved.tracerProvider) : undefined,
      logger: sampled ? loggerOf(resolved.loggerProvider) : undefined,
      parentContext: context.active(),
      shape: shapeOf(config, metadata),
      metadataAttributes: sampled && metadata !== undefined ? metadataAttributes(metadata) : NO_ATTRIBUTES,
      captureContent: config.captureContent ?? false,
      eachChunkArrives: features.eachChunkArrives === true,
      guardrailsConfigured: features.guardrails === true,
      driftConfigured: features.drift === true,
    });
  } catch (error) {
    diag.error("l0: could not set up monitoring for this call; it runs unmonitored", error);
    return NOOP_OBSERVER;
  }
}
