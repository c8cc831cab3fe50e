/**
 * What l0 is expected to emit beyond the model's hard requirements, each traced to a rule of the
 * conventions or to issue 15 (the conventions leave Recommended items to the instrumentation;
 * these are the ones l0 can see and has said it will record).
 */

/** Targeted release of open-telemetry/semantic-conventions-genai. */
export const SEMCONV_GENAI_VERSION = "0.1.0";

/**
 * Schema URL of that release for l0's tracer, meter and logger. Inferred, not read: the release
 * workflow tags `v` + the last path segment of `schema_url` in `model/manifest.yaml`, and the
 * repository names its (non-dev) schema URLs `https://opentelemetry.io/schemas/gen-ai/X.Y.Z`.
 */
export const EXPECTED_SCHEMA_URL = "https://opentelemetry.io/schemas/gen-ai/0.1.0";

/** The span definition l0's inference spans follow. */
export const INFERENCE_SPAN = "gen_ai.client.inference";

/** `gen_ai.operation.name` values that are inference operations (`gen_ai.client.inference`). */
export const INFERENCE_OPERATIONS: ReadonlySet<string> = new Set(["chat", "text_completion", "generate_content"]);

/** The guardrail result event (draft, open-telemetry/semantic-conventions-genai pull request #427). */
export const GUARDRAIL_EVENT = "gen_ai.guardrail.result";

/** Values issue 15 fixes for l0's guardrail events. */
export const GUARDRAIL_COMPONENT = "l0";
export const GUARDRAIL_SOURCE = "output";

/** The inference metrics, by role. */
export const METRICS = {
  duration: "gen_ai.client.inference.duration",
  timeToFirstChunk: "gen_ai.client.inference.time_to_first_chunk",
  timePerOutputChunk: "gen_ai.client.inference.time_per_output_chunk",
  usageInput: "gen_ai.client.inference.usage.input_tokens",
  usageOutput: "gen_ai.client.inference.usage.output_tokens",
  operationInput: "gen_ai.client.inference.operation.input_tokens",
  operationOutput: "gen_ai.client.inference.operation.output_tokens",
  /** Not for inference ("This metric SHOULD NOT be reported for inference operations"). */
  operationDuration: "gen_ai.client.operation.duration",
} as const;
