/**
 * The OTel resource of every pipeline l0 builds (the embedded default, the meter provider of
 * `registerL0Instrumentation({ prometheus })`): the SDK's default resource (`service.name`
 * `unknown_service:node`, `telemetry.sdk.*`) merged with a `service.instance.id` unique to this
 * process and the environment detector (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`, which
 * win, so an instance id set there is kept).
 *
 * Why the instance id: a Collector or Prometheus receiving the same metric series from several
 * processes with the same `service.name` and no `service.instance.id` treats them as one series,
 * and every total shows one process's count instead of the sum.
 * @packageDocumentation
 */
import type { Resource } from "@opentelemetry/resources";
import { otelResources } from "./otel-sdk.js";

/**
 * The resource of a pipeline l0 builds. The instance id comes from the SDK's
 * `serviceInstanceIdDetector`: one random UUID per process, the same for every pipeline (and for
 * an app whose SDK uses that detector from the same `@opentelemetry/resources` install).
 */
export function l0Resource(): Resource {
  const { defaultResource, detectResources, envDetector, serviceInstanceIdDetector } = otelResources();
  return defaultResource().merge(detectResources({ detectors: [serviceInstanceIdDetector, envDetector] }));
}
