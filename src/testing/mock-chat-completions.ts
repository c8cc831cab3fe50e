/**
 * The OpenAI chat-completions protocol of the mock server (`POST /v1/chat/completions`): JSON
 * completions, OpenAI-format errors, and the `chat.completion.chunk` SSE stream.
 * @packageDocumentation
 */
import type { ServerResponse } from "node:http";
import type { MockServerFault } from "./mock-server-faults.js";
import { sse, writeJson } from "./mock-stream-writer.js";
import type { MockChatRequest, StreamProtocol } from "./mock-stream-writer.js";

/** OpenAI's error `type`, `code` and message for common statuses. */
const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Bad request" },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided" },
  404: { type: "invalid_request_error", code: "not_found", message: "Not found" },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests" },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request." },
};

/** OpenAI's error object (`{ message, type, param, code }`) for `status`. */
export function openaiErrorObject(status: number, message?: string): { message: string; type: string; param: null; code: string | null } {
  const known = ERROR_TYPES[status] ?? {
    type: status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
    message: `HTTP ${status}`,
  };
  return { message: message ?? known.message, type: known.type, param: null, code: known.code };
}

/** Writes an error in OpenAI's format (`{ error: { message, type, param, code } }`), with `retry-after` when given. */
export function writeError(res: ServerResponse, fault: Extract<MockServerFault, { type: "status" }>): void {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  writeJson(res, fault.status, { error: openaiErrorObject(fault.status, fault.message) }, headers);
}

/** Chat usage in OpenAI's spelling. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** The non-streaming `chat.completion` body. */
export function chatCompletionBody(id: string, request: MockChatRequest, answer: string, usage: ChatUsage): Record<string, unknown> {
  return {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, message: { role: "assistant", content: answer, refusal: null }, finish_reason: "stop", logprobs: null }],
    usage,
  };
}

/**
 * The `chat.completion.chunk` stream: a role chunk, one content chunk per piece, the finish chunk,
 * the usage-only chunk when `usage` is given (`stream_options.include_usage`), then `[DONE]`.
 * The in-band error is `data: {"error": {...}}` (what OpenAI sends when a stream fails after a 200).
 */
export function chatProtocol(id: string, model: string, usage: ChatUsage | undefined): StreamProtocol {
  const created = Math.floor(Date.now() / 1000);
  const base = `{"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)}`;
  const usageNull = usage === undefined ? "" : `,"usage":null`;
  const chunk = (delta: unknown, finishReason: string | null): string =>
    sse(
      `${base},"choices":[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]${usageNull}}`,
    );
  return {
    open: () => [chunk({ role: "assistant", content: "", refusal: null }, null)],
    piece: (text) => chunk({ content: text }, null),
    close: () => {
      const events = [chunk({}, "stop")];
      if (usage !== undefined) events.push(sse(`${base},"choices":[],"usage":${JSON.stringify(usage)}}`));
      events.push(sse("[DONE]"));
      return events;
    },
    malformed: () => sse(`${base},"choices":[{"index":0,"delta":{"content":`),
    errorEvent: (status, message) => sse(JSON.stringify({ error: openaiErrorObject(status, message) })),
  };
}
