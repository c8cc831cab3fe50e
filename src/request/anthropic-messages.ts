/**
 * `anthropicMessages(client, params)`: the stream factory of an Anthropic Messages request, described.
 * @packageDocumentation
 */
import type { StreamContext } from "../types/options.js";
import { anthropicInputMessages, anthropicParameters, anthropicSystemInstructions } from "./anthropic-messages-input.js";
import { clientStreamFactory, describeClientRequest } from "./client-api.js";
import type { ClientApi } from "./client-api.js";
import { paramsFields } from "./helper-support.js";
import type { BodyOf, CreateMethod, RequestOptionsOf } from "./helper-support.js";
import { anthropicProviderOf } from "./provider-names.js";
import type { DescribedStreamFactory, L0RequestDescription } from "./request-description.js";

/** What `anthropicMessages` needs of a client: `@anthropic-ai/sdk`'s `Anthropic` (or its Bedrock and Vertex clients), or any client of that shape. */
export interface AnthropicMessagesClient {
  messages: { create: CreateMethod };
  /** The API's base URL (`server.address` / `server.port`; Bedrock and Vertex AI hosts name their provider). */
  baseURL?: unknown;
}

/** The params of `client.messages.create`, without `stream` (the helper streams). */
export type AnthropicMessagesParams<C extends AnthropicMessagesClient> = Omit<BodyOf<C["messages"]["create"]>, "stream">;

/** The request options of `client.messages.create`, without `signal`. */
export type AnthropicMessagesRequestOptions<C extends AnthropicMessagesClient> = RequestOptionsOf<C["messages"]["create"]>;

/** The Messages API: `messages`, and `system` as system instructions; the provider from the host. */
const MESSAGES: ClientApi = {
  helper: "anthropicMessages",
  method: ["messages", "create"],
  provider: (_client, baseURL) => anthropicProviderOf(baseURL),
  streamingBody: (params) => ({ ...params, stream: true }),
  parameters: anthropicParameters,
  inputMessages: (params) => anthropicInputMessages(params.messages),
  systemInstructions: (params) => anthropicSystemInstructions(params.system),
};

/**
 * The description of the Messages request `params` sent through `client`, as `anthropicMessages`
 * attaches it; for a factory of your own: `describeRequest(factory, anthropicMessagesRequest(client, params))`.
 * @throws L0Error `INVALID_OPTIONS` when `params` is not an object.
 */
export function anthropicMessagesRequest<C extends AnthropicMessagesClient>(
  client: C,
  params: AnthropicMessagesParams<C>,
): L0RequestDescription {
  return describeClientRequest(MESSAGES, client, paramsFields(params));
}

/**
 * The stream factory of `client.messages.create({ ...params, stream: true }, { ...requestOptions, signal })`,
 * described for l0's telemetry (provider `anthropic`, or `aws.bedrock` / `gcp.vertex_ai` for those
 * hosts; model; server from `client.baseURL`; `max_tokens`, `temperature`, `top_p`, `top_k`,
 * `stop_sequences`; `messages` and `system`, recorded only with `captureContent`).
 * @throws L0Error `INVALID_OPTIONS` when `client` has no `messages.create`, `params` is not an
 *   object, or `requestOptions` has a `signal`.
 * @example
 * const result = await l0({
 *   stream: anthropicMessages(anthropic, { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "Hi" }] }),
 * });
 */
export function anthropicMessages<C extends AnthropicMessagesClient>(
  client: C,
  params: AnthropicMessagesParams<C>,
  requestOptions?: AnthropicMessagesRequestOptions<C>,
): DescribedStreamFactory<(context: StreamContext) => unknown> {
  return clientStreamFactory(MESSAGES, client, params, requestOptions);
}
