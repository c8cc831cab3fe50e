/**
 * The Anthropic Messages protocol of the mock server (`POST /v1/messages`): the JSON message, the
 * streaming events (`message_start` ... `message_stop`) and Anthropic's errors (JSON bodies with
 * `retry-after` and `anthropic-ratelimit-*` headers, and in-band `error` events).
 * @packageDocumentation
 */
import type { ServerResponse } from "node:http";
import type { MockServerFault } from "./mock-server-faults.js";
import { sse, writeJson } from "./mock-stream-writer.js";
import type { MockChatRequest, StreamProtocol } from "./mock-stream-writer.js";

/** Anthropic's error `type` and message for common statuses (other 5xx are `api_error`, other 4xx `invalid_request_error`). */
const ERROR_TYPES: Record<number, { type: string; message: string }> = {
  400: { type: "invalid_request_error", message: "Invalid request" },
  401: { type: "authentication_error", message: "invalid x-api-key" },
  403: { type: "permission_error", message: "Your API key does not have permission to use the specified resource." },
  404: { type: "not_found_error", message: "The requested resource could not be found." },
  413: { type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes." },
  429: { type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit" },
  500: { type: "api_error", message: "Internal server error" },
  529: { type: "overloaded_error", message: "Overloaded" },
};

/** Anthropic's error object (`{ type, message }`) for `status`. */
function anthropicErrorObject(status: number, message?: string): { type: string; message: string } {
  const known =
    ERROR_TYPES[status] ??
    (status >= 500
      ? { type: "api_error", message: "Internal server error" }
      : { type: "invalid_request_error", message: `HTTP ${status}` });
  return { type: known.type, message: message ?? known.message };
}

let requestCount = 0;

/**
 * Writes an error the way the Anthropic API does: `{ type: "error", error: { type, message },
 * request_id }` with a `request-id` header; a 429 also carries `retry-after` (when given) and the
 * `anthropic-ratelimit-requests-*` / `anthropic-ratelimit-tokens-*` headers.
 */
export function writeAnthropicError(res: ServerResponse, fault: Extract<MockServerFault, { type: "status" }>): void {
  const requestId = `req_mock_${++requestCount}`;
  const headers: Record<string, string> = { "request-id": requestId };
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  if (fault.status === 429) {
    const seconds = Number(fault.retryAfter ?? 1);
    const reset = new Date(Date.now() + (Number.isFinite(seconds) ? seconds : 1) * 1000).toISOString();
    Object.assign(headers, {
      "anthropic-ratelimit-requests-limit": "50",
      "anthropic-ratelimit-requests-remaining": "0",
      "anthropic-ratelimit-requests-reset": reset,
      "anthropic-ratelimit-tokens-limit": "40000",
      "anthropic-ratelimit-tokens-remaining": "0",
      "anthropic-ratelimit-tokens-reset": reset,
    });
  }
  writeJson(res, fault.status, { type: "error", error: anthropicErrorObject(fault.status, fault.message), request_id: requestId }, headers);
}

/** The conversation of a Messages request: `system` (a string or text blocks) first, then `messages`. */
export function anthropicMessages(body: Record<string, unknown>): MockChatRequest["messages"] {
  const messages: MockChatRequest["messages"] = [];
  if (body.system !== undefined) messages.push({ role: "system", content: body.system });
  if (Array.isArray(body.messages)) messages.push(...(body.messages as MockChatRequest["messages"]));
  return messages;
}

/** Anthropic usage: input tokens, output tokens, no cache. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
}

/** The non-streaming `message` body. */
export function anthropicMessageBody(id: string, model: string, answer: string, usage: AnthropicUsage): Record<string, unknown> {
  return {
    id,
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text: answer }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

/**
 * The Messages stream of one text answer, as the API sends it: `message_start` (input tokens, one
 * output token so far), `content_block_start`, `ping`, one `content_block_delta` (`text_delta`) per
 * piece, `content_block_stop`, `message_delta` (`end_turn`, the cumulative output tokens),
 * `message_stop`. The in-band error is `event: error` with the status's error type
 * (`overloaded_error` for 529, `rate_limit_error` for 429, `api_error` for 500).
 */
export function anthropicProtocol(id: string, model: string, usage: AnthropicUsage): StreamProtocol {
  const event = (type: string, fields: Record<string, unknown> = {}): string => sse(JSON.stringify({ type, ...fields }), type);
  return {
    open: () => [
      event("message_start", {
        message: {
          id,
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: usage.input_tokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        },
      }),
      event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
      event("ping"),
    ],
    piece: (text) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text } }),
    close: () => [
      event("content_block_stop", { index: 0 }),
      event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }),
      event("message_stop"),
    ],
    malformed: () => sse(`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":`, "content_block_delta"),
    errorEvent: (status, message) => event("error", { error: anthropicErrorObject(status, message) }),
  };
}
