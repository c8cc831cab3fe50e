/**
 * `openaiResponses(client, params)`: the stream factory of an OpenAI Responses API request, described.
 * @packageDocumentation
 */
import type { StreamContext } from "../types/options.js";
import { clientStreamFactory, describeClientRequest } from "./client-api.js";
import type { ClientApi } from "./client-api.js";
import { paramsFields } from "./helper-support.js";
import type { BodyOf, CreateMethod, RequestOptionsOf } from "./helper-support.js";
import { responsesInputMessages, responsesParameters, responsesSystemInstructions } from "./openai-responses-input.js";
import { openaiProviderOf } from "./provider-names.js";
import type { DescribedStreamFactory, L0RequestDescription } from "./request-description.js";

/** What `openaiResponses` needs of a client: the `openai` SDK's `OpenAI` / `AzureOpenAI`, or any client of that shape. */
export interface OpenAIResponsesClient {
  responses: { create: CreateMethod };
  /** The API's base URL (`server.address` / `server.port`, Azure detection). */
  baseURL?: unknown;
}

/** The params of `client.responses.create`, without `stream` (the helper streams). */
export type OpenAIResponsesParams<C extends OpenAIResponsesClient> = Omit<BodyOf<C["responses"]["create"]>, "stream">;

/** The request options of `client.responses.create`, without `signal`. */
export type OpenAIResponsesRequestOptions<C extends OpenAIResponsesClient> = RequestOptionsOf<C["responses"]["create"]>;

/** The Responses API: `input` as messages, `instructions` as system instructions. */
const RESPONSES: ClientApi = {
  helper: "openaiResponses",
  method: ["responses", "create"],
  provider: openaiProviderOf,
  streamingBody: (params) => ({ ...params, stream: true }),
  parameters: responsesParameters,
  inputMessages: (params) => responsesInputMessages(params.input),
  systemInstructions: (params) => responsesSystemInstructions(params.instructions),
};

/**
 * The description of the Responses API request `params` sent through `client`, as `openaiResponses`
 * attaches it; for a factory of your own: `describeRequest(factory, openaiResponsesRequest(client, params))`.
 * @throws L0Error `INVALID_OPTIONS` when `params` is not an object.
 */
export function openaiResponsesRequest<C extends OpenAIResponsesClient>(client: C, params: OpenAIResponsesParams<C>): L0RequestDescription {
  return describeClientRequest(RESPONSES, client, paramsFields(params));
}

/**
 * The stream factory of `client.responses.create({ ...params, stream: true }, { ...requestOptions, signal })`,
 * described for l0's telemetry (provider `openai` or `azure.ai.openai`; model; server from
 * `client.baseURL`; `max_output_tokens`, `temperature`, `top_p`; `input` as messages and
 * `instructions` as system instructions, recorded only with `captureContent`).
 * @throws L0Error `INVALID_OPTIONS` when `client` has no `responses.create`, `params` is not an
 *   object, or `requestOptions` has a `signal`.
 * @example
 * const result = await l0({ stream: openaiResponses(openai, { model: "gpt-4o", input: "Hi" }) });
 */
export function openaiResponses<C extends OpenAIResponsesClient>(
  client: C,
  params: OpenAIResponsesParams<C>,
  requestOptions?: OpenAIResponsesRequestOptions<C>,
): DescribedStreamFactory<(context: StreamContext) => unknown> {
  return clientStreamFactory(RESPONSES, client, params, requestOptions);
}
