/**
 * The model routes of the mock server: `POST /v1/chat/completions`, `POST /v1/responses` and
 * `POST /v1/messages`, each answering in its API's protocol (JSON or SSE) with the fault it was given.
 * @packageDocumentation
 */
import type { ServerResponse } from "node:http";
import { anthropicMessageBody, anthropicMessages, anthropicProtocol, writeAnthropicError } from "./mock-anthropic-messages.js";
import { chatCompletionBody, chatProtocol, writeError } from "./mock-chat-completions.js";
import { responsesBody, responsesMessages, responsesProtocol, responsesUsage } from "./mock-responses-api.js";
import type { MockServerFault } from "./mock-server-faults.js";
import { playStream, promptTokens, writeJson } from "./mock-stream-writer.js";
import type { MockApi, MockChatRequest, MockRequestOutcome, StreamProtocol } from "./mock-stream-writer.js";

/** The path of each model API. */
export const MODEL_ROUTES: Readonly<Record<string, MockApi>> = {
  "/v1/chat/completions": "chat",
  "/v1/responses": "responses",
  "/v1/messages": "messages",
};

/** What a route needs besides the request body. */
export interface RouteContext {
  /** Takes the fault to play (the header's, else the next queued one), once the request is valid. */
  takeFault(): MockServerFault | undefined;
  /** Computes the answer's text pieces for a request. */
  answer(request: MockChatRequest): string[];
  /** Model when the request names none. */
  defaultModel: string;
  /** 1-based number of this model request, for response ids. */
  sequence: number;
  chunkDelayMs: number;
  /** Aborted when the server closes. */
  signal: AbortSignal;
  onChunk: () => void;
  onOutcome: (outcome: MockRequestOutcome) => void;
}

/** Writes an HTTP error in the API's own format. */
function writeApiError(api: MockApi, res: ServerResponse, fault: Extract<MockServerFault, { type: "status" }>): void {
  if (api === "messages") writeAnthropicError(res, fault);
  else writeError(res, fault);
}

/** Reads the conversation of a request body; undefined when the body lacks what the API requires. */
function requestOf(api: MockApi, body: Record<string, unknown>, defaultModel: string): MockChatRequest | undefined {
  const model = typeof body.model === "string" ? body.model : defaultModel;
  if (api === "chat")
    return Array.isArray(body.messages) ? { model, messages: body.messages as MockChatRequest["messages"], body, api } : undefined;
  if (api === "messages") return Array.isArray(body.messages) ? { model, messages: anthropicMessages(body), body, api } : undefined;
  return body.input !== undefined ? { model, messages: responsesMessages(body), body, api } : undefined;
}

const REQUIRED: Record<MockApi, string> = { chat: "a `messages` array", messages: "a `messages` array", responses: "an `input`" };

/** Answers one model request (the body is parsed JSON or undefined). */
export async function answerModelRequest(api: MockApi, res: ServerResponse, rawBody: unknown, context: RouteContext): Promise<void> {
  const body = typeof rawBody === "object" && rawBody !== null ? (rawBody as Record<string, unknown>) : undefined;
  const request = body === undefined ? undefined : requestOf(api, body, context.defaultModel);
  if (body === undefined || request === undefined) {
    writeApiError(api, res, { type: "status", status: 400, message: `Request body must be JSON with ${REQUIRED[api]}` });
    return;
  }
  const fault = context.takeFault();
  if (fault?.type === "status") {
    writeApiError(api, res, fault);
    context.onOutcome("error-status");
    return;
  }
  const pieces = context.answer(request);
  const answer = pieces.join("");
  const input = promptTokens(request);
  const output = pieces.length;
  const n = context.sequence;
  let protocol: StreamProtocol;
  if (api === "chat") {
    const id = `chatcmpl-mock-${n}`;
    const usage = { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
    if (body.stream !== true) return writeJson(res, 200, chatCompletionBody(id, request, answer, usage));
    const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    protocol = chatProtocol(id, request.model, includeUsage ? usage : undefined);
  } else if (api === "responses") {
    const id = `resp_mock_${n}`;
    const usage = responsesUsage(input, output);
    if (body.stream !== true) return writeJson(res, 200, responsesBody(id, request.model, answer, usage));
    protocol = responsesProtocol(id, request.model, pieces, usage);
  } else {
    const id = `msg_mock_${n}`;
    const usage = { input_tokens: input, output_tokens: output };
    if (body.stream !== true) return writeJson(res, 200, anthropicMessageBody(id, request.model, answer, usage));
    protocol = anthropicProtocol(id, request.model, usage);
  }
  await playStream(res, {
    protocol,
    pieces,
    chunkDelayMs: context.chunkDelayMs,
    fault,
    signal: context.signal,
    onChunk: context.onChunk,
    onOutcome: context.onOutcome,
  });
}
