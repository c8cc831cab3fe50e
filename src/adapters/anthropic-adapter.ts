/**
 * Anthropic Messages streams: raw events (`messages.create({ stream: true })`) and the SDK's `MessageStream`.
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import { isIterableWith, sdkStreamAdapter } from "./sdk-stream-adapter.js";
import { abortMethodOf } from "./sdk-streams.js";

/** The shape of the Anthropic SDK's `MessageStream` (from `client.messages.stream()`). */
export interface AnthropicMessageStreamLike extends AsyncIterable<unknown> {
  /** Aborts the request. */
  abort(): void;
  /** Resolves with the final message. */
  finalMessage(): Promise<unknown>;
}

/**
 * True for the Anthropic SDK's `MessageStream` (async iterable with `finalMessage()` and `abort()`).
 * The OpenAI SDK's `ChatCompletionStream` has both too, and is told apart by its
 * `finalChatCompletion()`.
 */
export function isAnthropicMessageStream(input: unknown): input is AnthropicMessageStreamLike {
  return (
    isIterableWith(input, ["finalMessage", "abort"]) &&
    typeof (input as { finalChatCompletion?: unknown }).finalChatCompletion !== "function"
  );
}

/**
 * Reads Anthropic Messages streaming events (`message_start` → input usage and model;
 * `content_block_delta` `text_delta` → `token`; `tool_use` blocks with `input_json_delta`s → one
 * `message` at `content_block_stop`; `message_delta` → stop reason and output usage; `message_stop`
 * → `finish`; `error` → `error` chunk). Works on a `MessageStream` or any async iterable of events.
 * Returning early returns the iterator and aborts a `MessageStream`'s request.
 */
export const anthropicAdapter: L0Adapter<AsyncIterable<unknown>> = /* @__PURE__ */ sdkStreamAdapter(
  "anthropic",
  "anthropic",
  isAnthropicMessageStream,
  abortMethodOf,
);
