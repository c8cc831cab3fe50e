/**
 * `openaiChat(client, params)`: the stream factory of an OpenAI chat-completions request, described.
 * @packageDocumentation
 */
import type { StreamContext } from "../types/options.js";
import { clientStreamFactory, describeClientRequest } from "./client-api.js";
import type { ClientApi } from "./client-api.js";
import { paramsFields } from "./helper-support.js";
import type { BodyOf, CreateMethod, RequestOptionsOf } from "./helper-support.js";
import { chatInputMessages, chatParameters } from "./openai-chat-messages.js";
import { openaiProviderOf } from "./provider-names.js";
import { fieldsOf } from "./read-fields.js";
import type { DescribedStreamFactory, L0RequestDescription } from "./request-description.js";

/** What `openaiChat` needs of a client: the `openai` SDK's `OpenAI` / `AzureOpenAI`, or any client of that shape. */
export interface OpenAIChatClient {
  chat: { completions: { create: CreateMethod } };
  /** The API's base URL (`server.address` / `server.port`, Azure detection). */
  baseURL?: unknown;
}

/** The params of `client.chat.completions.create`, without `stream` (the helper streams). */
export type OpenAIChatParams<C extends OpenAIChatClient> = Omit<BodyOf<C["chat"]["completions"]["create"]>, "stream">;

/** The request options of `client.chat.completions.create`, without `signal`. */
export type OpenAIChatRequestOptions<C extends OpenAIChatClient> = RequestOptionsOf<C["chat"]["completions"]["create"]>;

/** The chat-completions API: streamed with usage; `messages` hold the system messages too. */
const CHAT: ClientApi = {
  helper: "openaiChat",
  method: ["chat", "completions", "create"],
  provider: openaiProviderOf,
  streamingBody: (params) => ({ ...params, stream: true, stream_options: { include_usage: true, ...fieldsOf(params.stream_options) } }),
  parameters: chatParameters,
  inputMessages: (params) => chatInputMessages(params.messages),
};

/**
 * The description of the chat-completions request `params` sent through `client`, as `openaiChat`
 * attaches it; for a factory of your own: `describeRequest(factory, openaiChatRequest(client, params))`.
 * @throws L0Error `INVALID_OPTIONS` when `params` is not an object.
 */
export function openaiChatRequest<C extends OpenAIChatClient>(client: C, params: OpenAIChatParams<C>): L0RequestDescription {
  return describeClientRequest(CHAT, client, paramsFields(params));
}

/**
 * The stream factory of `client.chat.completions.create(params)`, streaming with usage, and
 * described for l0's telemetry (provider `openai`, or `azure.ai.openai` for Azure OpenAI; model;
 * server from `client.baseURL`; parameters; messages, recorded only with `captureContent`). Each
 * attempt sends the same body, with the attempt's `signal`:
 * `create({ ...params, stream: true, stream_options: { include_usage: true, ...params.stream_options } }, { ...requestOptions, signal })`.
 * The SDK is not imported: any client of this shape works.
 * @throws L0Error `INVALID_OPTIONS` when `client` has no `chat.completions.create`, `params` is not
 *   an object, or `requestOptions` has a `signal` (give it to `l0({ signal })`).
 * @example
 * const result = await l0({
 *   stream: openaiChat(openai, { model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] }),
 * });
 */
export function openaiChat<C extends OpenAIChatClient>(
  client: C,
  params: OpenAIChatParams<C>,
  requestOptions?: OpenAIChatRequestOptions<C>,
): DescribedStreamFactory<(context: StreamContext) => unknown> {
  return clientStreamFactory(CHAT, client, params, requestOptions);
}
