/**
 * Builders for more provider stream shapes: OpenAI Responses API events, Anthropic Messages events
 * and LangChain message chunks (as plain data), so mock streams can speak them without a server.
 * @packageDocumentation
 */

/** One Responses API stream event. */
export type ResponsesEvent = { type: string; sequence_number: number } & Record<string, unknown>;

/** Options shared by the builders. */
export interface EventShapeOptions {
  /** Model name. @default "mock-model" */
  model?: string;
  /** Response / message id. */
  id?: string;
  /** Usage reported at the end. */
  usage?: { input: number; output: number };
}

/**
 * A whole Responses stream for `tokens`: `response.created`, one `response.output_text.delta` per
 * token, `response.completed` with usage (when given). Add `{ type: "error", code, message,
 * sequence_number }` or a `response.failed` event to script a failure.
 */
export function responsesEvents(tokens: readonly string[], options: EventShapeOptions = {}): ResponsesEvent[] {
  const id = options.id ?? "resp_mock";
  const model = options.model ?? "mock-model";
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>): ResponsesEvent => ({ type, sequence_number: sequence++, ...fields });
  const usage =
    options.usage === undefined
      ? null
      : {
          input_tokens: options.usage.input,
          output_tokens: options.usage.output,
          total_tokens: options.usage.input + options.usage.output,
        };
  return [
    event("response.created", { response: { id, object: "response", model, status: "in_progress", output: [], usage: null } }),
    ...tokens.map((delta) => event("response.output_text.delta", { item_id: "msg_mock", output_index: 0, content_index: 0, delta })),
    event("response.completed", { response: { id, object: "response", model, status: "completed", usage } }),
  ];
}

/** One Anthropic Messages stream event. */
export type AnthropicEvent = { type: string } & Record<string, unknown>;

/**
 * A whole Anthropic Messages stream for `tokens`: `message_start` (input tokens), a text block with
 * one `text_delta` per token, `message_delta` (`end_turn`, output tokens), `message_stop`. Add
 * `{ type: "error", error: { type: "overloaded_error", message } }` to script a failure.
 */
export function anthropicEvents(tokens: readonly string[], options: EventShapeOptions = {}): AnthropicEvent[] {
  const input = options.usage?.input ?? 0;
  const output = options.usage?.output ?? tokens.length;
  return [
    {
      type: "message_start",
      message: {
        id: options.id ?? "msg_mock",
        type: "message",
        role: "assistant",
        model: options.model ?? "mock-model",
        content: [],
        usage: { input_tokens: input, output_tokens: 1 },
      },
    },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    ...tokens.map((text) => ({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } })),
    { type: "content_block_stop", index: 0 },
    { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: output } },
    { type: "message_stop" },
  ];
}

/** A LangChain `AIMessageChunk` as plain data (`content`, `tool_call_chunks`, `usage_metadata`, `response_metadata`). */
export interface LangChainChunkData {
  content: string | Array<Record<string, unknown>>;
  id?: string;
  tool_call_chunks: Array<{ name?: string; args?: string; id?: string; index?: number }>;
  usage_metadata?: { input_tokens: number; output_tokens: number; total_tokens: number };
  response_metadata: Record<string, unknown>;
}

/**
 * The chunks of a LangChain chat-model `.stream()` for `tokens`, as `ChatOpenAI` emits them: one
 * chunk per token, a last chunk with `finish_reason` and `model_name`, then (when `usage` is given)
 * a usage chunk with `usage_metadata`. `parts: true` gives `content` as a list of text parts
 * (`ChatAnthropic`, the Responses API).
 */
export function langchainChunks(tokens: readonly string[], options: EventShapeOptions & { parts?: boolean } = {}): LangChainChunkData[] {
  const id = options.id ?? "chatcmpl-mock";
  const meta = { model_provider: "openai" };
  const content = (text: string): LangChainChunkData["content"] => (options.parts === true ? [{ type: "text", text, index: 0 }] : text);
  const chunks: LangChainChunkData[] = tokens.map((text) => ({
    content: content(text),
    id,
    tool_call_chunks: [],
    response_metadata: meta,
  }));
  chunks.push({
    content: "",
    id,
    tool_call_chunks: [],
    response_metadata: { ...meta, finish_reason: "stop", model_name: options.model ?? "mock-model" },
  });
  if (options.usage !== undefined) {
    const { input, output } = options.usage;
    chunks.push({
      content: "",
      tool_call_chunks: [],
      usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
      response_metadata: {},
    });
  }
  return chunks;
}
