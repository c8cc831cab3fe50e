/**
 * Entry point the runtime uses to get a {@link CallObserver} for one call: the no-op observer when
 * monitoring is off, otherwise the OTel recorder (spans only when the call is sampled; metrics always).
 */
import { context, diag } from "@opentelemetry/api";
import { validateMonitoringConfig } from "../options/monitoring-options.js";
import { NOOP_OBSERVER, type CallObserver } from "../runtime/call-observer.js";
import type { MonitoringConfig } from "../types/monitoring.js";
import { CallMetrics } from "./call-metrics.js";
import { CallRecorder } from "./call-recorder.js";
import { currentPipeline, instrumentsOf, tracerOf, type L0Pipeline } from "./pipeline.js";
import { GEN_AI_OPERATION_NAME_VALUE_CHAT } from "./semconv-names.js";
import { genAiAttributes, metadataAttributes, type GenAiIdentity } from "./span-attributes.js";
import { copyMetadata } from "./telemetry-facts.js";

/** What the call has configured besides monitoring (decides whether telemetry sections exist). */
export interface CallFeatures {
  /** Guardrail rules were configured: `telemetry.guardrails` is present even with no violation. */
  guardrails?: boolean;
  /** Drift detection was configured: `telemetry.drift` is present even with no drift. */
  drift?: boolean;
}

/** Whether a call with this sample rate is sampled (decided once per call). */
export function decideSampled(sampleRate: number | undefined): boolean {
  const rate = sampleRate ?? 1;
  return rate >= 1 || (rate > 0 && Math.random() < rate);
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
    const identity: GenAiIdentity = { operation: config.operation ?? GEN_AI_OPERATION_NAME_VALUE_CHAT };
    const { provider, model } = config;
    if (provider !== undefined) identity.provider = provider;
    if (model !== undefined) identity.model = model;
    const sampled = decideSampled(config.sampleRate);
    const metadata = config.metadata === undefined ? undefined : copyMetadata(config.metadata);
    return new CallRecorder({
      sessionId,
      identity,
      metrics: new CallMetrics(instrumentsOf(resolved), genAiAttributes(identity)),
      tracer: sampled ? tracerOf(resolved.tracerProvider) : undefined,
      parentContext: context.active(),
      shape: {
        includeTimings: config.includeTimings ?? true,
        includeNetworkDetails: config.includeNetworkDetails ?? true,
        ...(metadata === undefined ? {} : { metadata }),
      },
      metadataAttributes: sampled ? metadataAttributes(metadata) : {},
      captureContent: config.captureContent ?? false,
      guardrailsConfigured: features.guardrails === true,
      driftConfigured: features.drift === true,
    });
  } catch (error) {
    diag.error("l0: could not set up monitoring for this call; it runs unmonitored", error);
    return NOOP_OBSERVER;
  }
}
