/**
 * What a call is (its GenAI identity: operation, provider, request model), what its request said
 * (server, parameters, input content), and the attribute maps built from them and from the
 * call's configuration.
 * @packageDocumentation
 */
import type { Attributes, AttributeValue } from "@opentelemetry/api";
import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_L0_METADATA_PREFIX,
  ATTR_L0_SESSION_ID,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from "./semconv-names.js";

/** Request parameters of the GenAI conventions (`gen_ai.request.*`). */
interface RequestParameters {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: readonly string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  choiceCount?: number;
}

/** What the request says, for the spans (monitoring options and a described request). */
export interface RequestFacts {
  serverAddress?: string;
  serverPort?: number;
  parameters?: RequestParameters;
  /** Input messages in the conventions' structure (recorded only with `captureContent`). */
  inputMessages?: readonly unknown[];
  /** System instructions in the conventions' structure (recorded only with `captureContent`). */
  systemInstructions?: readonly unknown[];
}

/**
 * The GenAI identity of a call: operation, provider and request model. What the options and the
 * described request give is known up front; what is missing is learned from the stream (the
 * adapter's provider, a `response` chunk's provider and model; semconv.md says which wins) until
 * the identity is settled: from then on the metrics' identity does not change.
 */
export class CallIdentity {
  private settledAttributes: Attributes | undefined;

  constructor(
    readonly operation: string,
    private providerName: string | undefined,
    private modelName: string | undefined,
  ) {}

  /** The `gen_ai.provider.name` value known so far. */
  get provider(): string | undefined {
    return this.providerName;
  }

  /** The `gen_ai.request.model` value known so far. */
  get model(): string | undefined {
    return this.modelName;
  }

  /** Provider and model are both known (before the call: its metrics can start now). */
  get settled(): boolean {
    return this.providerName !== undefined && this.modelName !== undefined;
  }

  /** Fills what is still unknown from the stream (never overrides what the caller said). */
  learn(provider: string | undefined, model: string | undefined): void {
    if (this.providerName === undefined && provider !== undefined && provider !== "") this.providerName = provider;
    if (this.modelName === undefined && model !== undefined && model !== "") this.modelName = model;
  }

  /** Fixes the identity the call's metrics record with; returns this. */
  settle(): this {
    this.settledAttributes ??= this.attributes();
    return this;
  }

  /** The GenAI identity attributes known now (operation, provider, request model). */
  attributes(): Attributes {
    const attributes: Attributes = { [ATTR_GEN_AI_OPERATION_NAME]: this.operation };
    if (this.providerName !== undefined) attributes[ATTR_GEN_AI_PROVIDER_NAME] = this.providerName;
    if (this.modelName !== undefined) attributes[ATTR_GEN_AI_REQUEST_MODEL] = this.modelName;
    return attributes;
  }

  /** The identity the metrics record with: as settled, or as known now. */
  metricAttributes(): Attributes {
    return this.settledAttributes ?? this.attributes();
  }

  /** Span name per GenAI convention: `{operation} {model}`, or `{operation}` when the model is unknown. */
  spanName(): string {
    return this.modelName === undefined ? this.operation : `${this.operation} ${this.modelName}`;
  }
}

/** `server.address` / `server.port` of the request, when known (GenAI metrics carry them too). */
export function serverAttributes(request: RequestFacts): Attributes {
  const attributes: Attributes = {};
  if (request.serverAddress !== undefined) {
    attributes[ATTR_SERVER_ADDRESS] = request.serverAddress;
    if (request.serverPort !== undefined) attributes[ATTR_SERVER_PORT] = request.serverPort;
  }
  return attributes;
}

const PARAMETER_ATTRIBUTES: ReadonlyArray<[keyof RequestParameters, string]> = [
  ["maxTokens", ATTR_GEN_AI_REQUEST_MAX_TOKENS],
  ["temperature", ATTR_GEN_AI_REQUEST_TEMPERATURE],
  ["topP", ATTR_GEN_AI_REQUEST_TOP_P],
  ["topK", ATTR_GEN_AI_REQUEST_TOP_K],
  ["stopSequences", ATTR_GEN_AI_REQUEST_STOP_SEQUENCES],
  ["seed", ATTR_GEN_AI_REQUEST_SEED],
  ["frequencyPenalty", ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY],
  ["presencePenalty", ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY],
];

/** `gen_ai.request.*` parameter attributes (`choice.count` only when it is not 1). */
function parameterAttributes(parameters: RequestParameters | undefined): Attributes {
  const attributes: Attributes = {};
  if (parameters === undefined) return attributes;
  for (const [field, name] of PARAMETER_ATTRIBUTES) {
    const value = parameters[field];
    if (value !== undefined) attributes[name] = typeof value === "number" ? value : [...value];
  }
  if (parameters.choiceCount !== undefined && parameters.choiceCount !== 1)
    attributes[ATTR_GEN_AI_REQUEST_CHOICE_COUNT] = parameters.choiceCount;
  return attributes;
}

function toAttributeValue(value: unknown): AttributeValue | undefined {
  if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.length > 0) {
    const kind = typeof value[0];
    if ((kind === "string" || kind === "number" || kind === "boolean") && value.every((v) => typeof v === kind)) {
      return value as AttributeValue;
    }
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  // What JSON cannot write (a bigint, a circular object) keeps its default string: never a failure.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- "[object Object]" is accepted here
  return json ?? String(value);
}

/** `l0.metadata.<key>` attributes for the user's metadata (objects JSON-encoded; functions and symbols left out). */
export function metadataAttributes(metadata: Record<string, unknown> | undefined): Attributes {
  const attributes: Attributes = {};
  if (metadata === undefined) return attributes;
  for (const key of Object.keys(metadata)) {
    const value = toAttributeValue(metadata[key]);
    if (value !== undefined) attributes[ATTR_L0_METADATA_PREFIX + key] = value;
  }
  return attributes;
}

/**
 * Attributes of the operation span at its start: the identity known so far, the server, the
 * request parameters, `gen_ai.request.stream`, the session id, metadata, and (only with
 * `captureContent`) the input messages and system instructions as JSON.
 */
export function operationStartAttributes(
  identity: CallIdentity,
  request: RequestFacts,
  sessionId: string,
  metadata: Attributes,
  captureContent: boolean,
): Attributes {
  const attributes: Attributes = {
    ...identity.attributes(),
    ...serverAttributes(request),
    ...parameterAttributes(request.parameters),
    [ATTR_GEN_AI_REQUEST_STREAM]: true,
    [ATTR_L0_SESSION_ID]: sessionId,
    ...metadata,
  };
  if (captureContent) {
    if (request.inputMessages !== undefined) attributes[ATTR_GEN_AI_INPUT_MESSAGES] = JSON.stringify(request.inputMessages);
    if (request.systemInstructions !== undefined) attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS] = JSON.stringify(request.systemInstructions);
  }
  return attributes;
}

/** `gen_ai.output.messages` JSON (opt-in content): one assistant message with the kept output text. */
export function outputMessages(content: string): string {
  return JSON.stringify([{ role: "assistant", parts: [{ type: "text", content }] }]);
}
