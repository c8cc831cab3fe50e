/**
 * Builders for provider chunk shapes: OpenAI `chat.completion.chunk` objects and AI SDK
 * `fullStream` parts, so mock streams can speak exactly what real providers send.
 * @packageDocumentation
 */

/** Token usage in OpenAI's spelling. */
export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Fields shared by every chunk of one OpenAI response. */
export interface OpenAIChunkMeta {
  /** Response id. @default "chatcmpl-mock" */
  id?: string;
  /** @default "mock-gpt" */
  model?: string;
  /** Unix seconds. @default now */
  created?: number;
}

/** One OpenAI `chat.completion.chunk` (the shape the OpenAI SDK's `Stream` yields). */
export interface OpenAIChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: "assistant"; content?: string | null; tool_calls?: unknown[] };
    finish_reason: string | null;
    logprobs: null;
  }>;
  usage?: OpenAIUsage | null;
}

/** The fields every chunk of one response starts with, defaults filled in. */
function chunkHead(options: OpenAIChunkMeta): Pick<OpenAIChunk, "id" | "object" | "created" | "model"> {
  return {
    id: options.id ?? "chatcmpl-mock",
    object: "chat.completion.chunk",
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: options.model ?? "mock-gpt",
  };
}

/** A chunk carrying `delta` (content, role or tool-call deltas) and optionally a finish reason. */
export function openaiChunk(
  delta: OpenAIChunk["choices"][number]["delta"],
  options: OpenAIChunkMeta & { finishReason?: string | null } = {},
): OpenAIChunk {
  return {
    ...chunkHead(options),
    choices: [{ index: 0, delta, finish_reason: options.finishReason ?? null, logprobs: null }],
  };
}

/** The usage-only chunk sent last when `stream_options.include_usage` is true (`choices: []`). */
export function openaiUsageChunk(usage: { prompt: number; completion: number }, options: OpenAIChunkMeta = {}): OpenAIChunk {
  return {
    ...chunkHead(options),
    choices: [],
    usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
  };
}

/**
 * A whole OpenAI stream for `tokens`: a role chunk, one content chunk per token, the finish chunk,
 * and (when `usage` is given) the usage-only chunk.
 */
export function openaiChunks(
  tokens: readonly string[],
  options: OpenAIChunkMeta & { finishReason?: string; usage?: { prompt: number; completion: number } } = {},
): OpenAIChunk[] {
  const out: OpenAIChunk[] = [openaiChunk({ role: "assistant", content: "" }, options)];
  for (const token of tokens) out.push(openaiChunk({ content: token }, options));
  out.push(openaiChunk({}, { ...options, finishReason: options.finishReason ?? "stop" }));
  if (options.usage !== undefined) out.push(openaiUsageChunk(options.usage, options));
  return out;
}

/** An AI SDK (v5+/v6) `fullStream` part, as `streamText` emits it. */
export type AISDKPart = { type: string } & Record<string, unknown>;

/**
 * A whole AI SDK v6 `fullStream` for `tokens`, framing included: `start`, `start-step`,
 * `text-start`, one `text-delta` per token, `text-end`, `finish-step`, `finish` with `totalUsage`.
 */
export function aiSdkParts(
  tokens: readonly string[],
  options: { finishReason?: string; usage?: { input: number; output: number } } = {},
): AISDKPart[] {
  const usage =
    options.usage === undefined
      ? { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined }
      : { inputTokens: options.usage.input, outputTokens: options.usage.output, totalTokens: options.usage.input + options.usage.output };
  const finishReason = options.finishReason ?? "stop";
  return [
    { type: "start" },
    { type: "start-step", request: {}, warnings: [] },
    { type: "text-start", id: "t0" },
    ...tokens.map((text) => ({ type: "text-delta", id: "t0", text })),
    { type: "text-end", id: "t0" },
    { type: "finish-step", response: {}, usage, finishReason, rawFinishReason: finishReason, providerMetadata: undefined },
    { type: "finish", finishReason, rawFinishReason: finishReason, totalUsage: usage },
  ];
}
