/**
 * What the client helpers (`openaiChat`, `openaiResponses`, `anthropicMessages`) share: the
 * description of a request sent through an SDK client, and the stream factory that calls the
 * client's streaming `create` method once per attempt with the attempt's signal.
 * @packageDocumentation
 */
import type { StreamContext } from "../types/options.js";
import type { L0RequestParameters } from "./description-types.js";
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import { describeBuilt, methodOwner, nonEmpty, paramsFields, requestOptionsFields } from "./helper-support.js";
import { definedEntries, fieldsOf, nameOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import type { DescribedStreamFactory, L0RequestDescription } from "./request-description.js";
import { serverOf } from "./server-of.js";

/** How a client helper reads one provider API: its method, its streaming body and its params' facts. */
export interface ClientApi {
  /** The helper's name (in the `diag` message when describing fails). */
  readonly helper: string;
  /** The path of the streaming `create` method under the client, e.g. `["messages", "create"]`. */
  readonly method: readonly string[];
  /** The `gen_ai.provider.name` of `client`, whose base URL is `baseURL`. */
  provider(client: unknown, baseURL: unknown): string;
  /** The body each attempt sends: the params with streaming on. */
  streamingBody(params: Fields): Fields;
  /** The params' sampling and length parameters. */
  parameters(params: Fields): L0RequestParameters;
  /** The params' input messages. */
  inputMessages(params: Fields): GenAiMessage[] | undefined;
  /** The params' system instructions, for an API that sends them apart from the messages. */
  systemInstructions?(params: Fields): GenAiPart[] | undefined;
}

/**
 * The description of the request `params` (already checked) sent through `client`: provider,
 * model, server from `client.baseURL`, then what `api` reads of the params.
 */
export function describeClientRequest(api: ClientApi, client: unknown, params: Fields): L0RequestDescription {
  const baseURL = fieldsOf(client)?.baseURL;
  const server = serverOf(baseURL);
  return definedEntries({
    provider: api.provider(client, baseURL),
    model: nameOf(params.model),
    serverAddress: server?.serverAddress,
    serverPort: server?.serverPort,
    parameters: nonEmpty(api.parameters(params)),
    inputMessages: api.inputMessages(params),
    systemInstructions: api.systemInstructions?.(params),
  });
}

/**
 * The described stream factory of `api`'s method on `client`: each attempt calls
 * `create(api.streamingBody(params), { ...requestOptions, signal })`.
 * @throws L0Error `INVALID_OPTIONS` when `client` lacks the method, `params` is not an object, or
 *   `requestOptions` is not an object or has a `signal`.
 */
export function clientStreamFactory(
  api: ClientApi,
  client: unknown,
  params: unknown,
  requestOptions: unknown,
): DescribedStreamFactory<(context: StreamContext) => unknown> {
  methodOwner(client, api.method);
  const fields = paramsFields(params);
  const options = requestOptionsFields(requestOptions);
  const body = api.streamingBody(fields);
  const factory = ({ signal }: StreamContext): unknown => {
    const owner = methodOwner(client, api.method) as { create(body: unknown, options: unknown): unknown };
    return owner.create(body, { ...options, signal });
  };
  return describeBuilt(factory, api.helper, () => describeClientRequest(api, client, fields));
}
