/**
 * The OpenAI Responses API protocol of the mock server (`POST /v1/responses`): the JSON response
 * object and the streaming events (`response.created` ... `response.completed`).
 * @packageDocumentation
 */
import { openaiErrorObject } from "./mock-chat-completions.js";
import { sse } from "./mock-stream-writer.js";
import type { MockChatRequest, StreamProtocol } from "./mock-stream-writer.js";

/** Responses usage (`input_tokens`, `output_tokens`, `total_tokens` and their details). */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** Responses usage for `input` prompt and `output` completion tokens. */
export function responsesUsage(input: number, output: number): ResponsesUsage {
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + output,
  };
}

/** The conversation of a Responses request: `instructions` as a system message, then `input` (a string is one user message). */
export function responsesMessages(body: Record<string, unknown>): MockChatRequest["messages"] {
  const messages: MockChatRequest["messages"] = [];
  if (typeof body.instructions === "string") messages.push({ role: "system", content: body.instructions });
  if (typeof body.input === "string") messages.push({ role: "user", content: body.input });
  else if (Array.isArray(body.input)) {
    for (const item of body.input) {
      if (typeof item === "object" && item !== null && "content" in item) messages.push(item as { role?: string; content?: unknown });
    }
  }
  return messages;
}

function outputMessage(itemId: string, text: string, status: "in_progress" | "completed"): Record<string, unknown> {
  return {
    id: itemId,
    type: "message",
    status,
    role: "assistant",
    content: status === "in_progress" ? [] : [{ type: "output_text", text, annotations: [], logprobs: [] }],
  };
}

/** The `response` object (`object: "response"`) at a given status. */
function responseObject(
  id: string,
  model: string,
  status: "in_progress" | "completed" | "failed",
  output: unknown[],
  usage: ResponsesUsage | null,
  error: { code: string | null; message: string } | null = null,
): Record<string, unknown> {
  return {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    error,
    incomplete_details: null,
    instructions: null,
    model,
    output,
    parallel_tool_calls: true,
    temperature: 1,
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    usage,
  };
}

/**
 * The Responses stream of one text answer: `response.created`, `response.in_progress`,
 * `response.output_item.added`, `response.content_part.added`, one `response.output_text.delta`
 * per piece, `response.output_text.done`, `response.content_part.done`, `response.output_item.done`,
 * `response.completed` with usage. Each SSE event is named by its `type` and numbered
 * (`sequence_number`). The in-band error for 429 is an `error` event (`rate_limit_exceeded`); for
 * other statuses a `response.failed` whose error code is `server_error` (5xx) or OpenAI's code.
 */
export function responsesProtocol(id: string, model: string, pieces: readonly string[], usage: ResponsesUsage): StreamProtocol {
  const itemId = id.replace(/^resp_/, "msg_");
  const answer = pieces.join("");
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>): string =>
    sse(JSON.stringify({ type, sequence_number: sequence++, ...fields }), type);
  const part = (text: string): Record<string, unknown> => ({ type: "output_text", text, annotations: [], logprobs: [] });
  const where = { item_id: itemId, output_index: 0, content_index: 0 };
  return {
    open: () => [
      event("response.created", { response: responseObject(id, model, "in_progress", [], null) }),
      event("response.in_progress", { response: responseObject(id, model, "in_progress", [], null) }),
      event("response.output_item.added", { output_index: 0, item: outputMessage(itemId, "", "in_progress") }),
      event("response.content_part.added", { ...where, part: part("") }),
    ],
    piece: (text) => event("response.output_text.delta", { ...where, delta: text, logprobs: [] }),
    close: () => [
      event("response.output_text.done", { ...where, text: answer, logprobs: [] }),
      event("response.content_part.done", { ...where, part: part(answer) }),
      event("response.output_item.done", { output_index: 0, item: outputMessage(itemId, answer, "completed") }),
      event("response.completed", {
        response: responseObject(id, model, "completed", [outputMessage(itemId, answer, "completed")], usage),
      }),
    ],
    malformed: () => sse(`{"type":"response.output_text.delta","item_id":${JSON.stringify(itemId)},"delta":`, "response.output_text.delta"),
    errorEvent: (status, message) => {
      const error = openaiErrorObject(status, message);
      if (status === 429) return event("error", { code: error.code, message: error.message, param: null });
      const failed = { code: status >= 500 ? "server_error" : error.code, message: error.message };
      return event("response.failed", { response: responseObject(id, model, "failed", [], null, failed) });
    },
  };
}

/** The non-streaming Responses body (a completed `response` object with the answer and usage). */
export function responsesBody(id: string, model: string, answer: string, usage: ResponsesUsage): Record<string, unknown> {
  return responseObject(id, model, "completed", [outputMessage(id.replace(/^resp_/, "msg_"), answer, "completed")], usage);
}
