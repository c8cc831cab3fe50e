/**
 * The Vercel AI SDK: `aiSdkRequest(options)` describes a `streamText` / `streamObject` options
 * object; `aiSdkStream(streamText, options)` builds the described stream factory from it.
 * @packageDocumentation
 */
import { invalidOption } from "../errors/l0-error.js";
import type { StreamContext } from "../types/options.js";
import { aiSdkInputMessages, aiSdkParameters, aiSdkSystemInstructions } from "./ai-sdk-messages.js";
import { describeBuilt, nonEmpty, signalGiven } from "./helper-support.js";
import type { OmitEach } from "./helper-support.js";
import { aiSdkProviderOf } from "./provider-names.js";
import { definedEntries, fieldsOf, nameOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import type { DescribedStreamFactory, L0RequestDescription } from "./request-description.js";
import { serverOf } from "./server-of.js";
import type { L0RequestServer } from "./server-of.js";

/**
 * What `aiSdkRequest` reads of AI SDK call options (any `streamText` / `streamObject` options
 * object fits): the model (an object with `provider` and `modelId`, or a model id string), the
 * prompt, and the call settings.
 */
export interface AiSdkCallOptions {
  model?: unknown;
  prompt?: unknown;
  messages?: unknown;
  system?: unknown;
  maxOutputTokens?: number | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
  topK?: number | undefined;
  stopSequences?: readonly string[] | undefined;
  seed?: number | undefined;
  frequencyPenalty?: number | undefined;
  presencePenalty?: number | undefined;
  [option: string]: unknown;
}

/** The options of `streamFn` (`streamText`, `streamObject`) without `abortSignal` (each attempt passes its own). */
export type AiSdkStreamOptions<F> = F extends (options: infer O) => unknown ? OmitEach<O, "abortSignal"> : never;

/**
 * The server of an AI SDK model, when its provider's settings show it: `config.baseURL`, or the URL
 * `config.url()` builds (the OpenAI-compatible providers). Best effort: these are not public API.
 */
function modelServer(model: Fields, modelId: string | undefined): L0RequestServer | undefined {
  const config = fieldsOf(model.config);
  if (config === undefined) return undefined;
  if (typeof config.baseURL === "string") return serverOf(config.baseURL);
  if (typeof config.url !== "function") return undefined;
  try {
    return serverOf((config.url as (options: { path: string; modelId: string | undefined }) => unknown)({ path: "", modelId }));
  } catch {
    return undefined;
  }
}

/** The provider, model and server of the options' `model`. */
function modelFacts(model: unknown): Pick<L0RequestDescription, "provider" | "model" | "serverAddress" | "serverPort"> {
  if (typeof model === "string") return definedEntries({ model: nameOf(model) });
  const fields = fieldsOf(model);
  if (fields === undefined) return {};
  const modelId = nameOf(fields.modelId);
  const providerId = nameOf(fields.provider);
  const server = modelServer(fields, modelId);
  return definedEntries({
    provider: providerId === undefined ? undefined : aiSdkProviderOf(providerId),
    model: modelId,
    serverAddress: server?.serverAddress,
    serverPort: server?.serverPort,
  });
}

/**
 * The description of an AI SDK call: provider from the model's provider id (`openai.chat` →
 * `openai`, `anthropic.messages` → `anthropic`, `google.vertex.chat` → `gcp.vertex_ai`...), its
 * `modelId`, the server when the provider settings show it, `maxOutputTokens`, `temperature`,
 * `topP`, `topK`, `stopSequences`, `seed`, the penalties, and `prompt` / `messages` / `system`
 * (recorded only with `captureContent`). A model given as a string (the AI Gateway) gives only the model.
 * It describes the call options as given: a setting the provider does not support (the AI SDK
 * warns, e.g. `topK` for OpenAI) is described though the provider leaves it out of the request.
 * @throws L0Error `INVALID_OPTIONS` when `options` is not an object.
 * @example
 * const options = { model: openai("gpt-4o"), prompt: "Hi", maxRetries: 0 };
 * const stream = describeRequest(({ signal }) => streamText({ ...options, abortSignal: signal }), aiSdkRequest(options));
 */
export function aiSdkRequest(options: AiSdkCallOptions): L0RequestDescription {
  const fields = fieldsOf(options);
  if (fields === undefined) throw invalidOption("options", options, "the AI SDK call options object");
  return definedEntries({
    ...modelFacts(fields.model),
    parameters: nonEmpty(aiSdkParameters(fields)),
    inputMessages: aiSdkInputMessages(fields),
    systemInstructions: aiSdkSystemInstructions(fields.system),
  });
}

/**
 * The stream factory of an AI SDK streaming call: `streamFn({ ...options, abortSignal: signal })`
 * on each attempt, described by {@link aiSdkRequest}. `streamFn` is `streamText` or `streamObject`
 * (l0 does not import the AI SDK). The description is left off when l0 cannot read the options.
 * @throws L0Error `INVALID_OPTIONS` when `streamFn` is not a function, `options` is not an object,
 *   or `options.abortSignal` is given (each attempt passes its own; give yours to `l0({ signal })`).
 * @example
 * const result = await l0({
 *   stream: aiSdkStream(streamText, { model: openai("gpt-4o"), prompt: "Hi", maxRetries: 0, onError: () => {} }),
 * });
 */
export function aiSdkStream<F extends (options: never) => unknown>(
  streamFn: F,
  options: AiSdkStreamOptions<F>,
): DescribedStreamFactory<(context: StreamContext) => ReturnType<F>> {
  if (typeof streamFn !== "function") throw invalidOption("streamFn", streamFn, "the AI SDK's streamText or streamObject");
  const fields = fieldsOf(options);
  if (fields === undefined) throw invalidOption("options", options, "the AI SDK call options object");
  if (fields.abortSignal !== undefined) throw signalGiven("options.abortSignal");
  const call = streamFn as unknown as (options: Fields) => ReturnType<F>;
  const factory = ({ signal }: StreamContext): ReturnType<F> => call({ ...fields, abortSignal: signal });
  return describeBuilt(factory, "aiSdkStream", () => aiSdkRequest(fields));
}
