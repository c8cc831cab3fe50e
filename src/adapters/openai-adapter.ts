/**
 * OpenAI SDK streams (`client.chat.completions.create({ stream: true })`, and the same `Stream`
 * class from `client.responses.create({ stream: true })`).
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import { isIterableWith, sdkStreamAdapter } from "./sdk-stream-adapter.js";
import { controllerAbortOf } from "./sdk-streams.js";

/** The shape of the OpenAI SDK's `Stream`: an async iterable with the request's `AbortController`. */
export interface OpenAIStreamLike extends AsyncIterable<unknown> {
  /** Aborts the HTTP request. */
  readonly controller?: { abort(reason?: unknown): void };
}

/**
 * True for the OpenAI SDK's `Stream` (async iterable with `controller.abort()` and `toReadableStream()`).
 * Other SDKs generated from the same toolkit (e.g. Anthropic's raw `messages.create({ stream: true })`)
 * have the same shape; their events are recognised by the shared normaliser.
 */
export function isOpenAIStream(input: unknown): input is OpenAIStreamLike {
  return isIterableWith(input, ["toReadableStream"]) && controllerAbortOf(input) !== undefined;
}

/**
 * Reads an OpenAI chat-completions stream: the SDK's `Stream` (also `chat.completions.stream()`'s
 * `ChatCompletionStream`), or any async iterable of `chat.completion.chunk` objects. The `Stream`
 * of `responses.create({ stream: true })` has the same shape: its Responses events are translated
 * as `openaiResponsesAdapter` does. Each stream's first chunk gives a `response` chunk naming the
 * provider by the events' shape, so an Anthropic SDK `Stream` (same toolkit, same shape) read here
 * reports `anthropic` there. `delta.content` → `token`; tool-call deltas → one `message` per
 * tool call at `finish_reason`; `finish` (once, after the `include_usage` usage-only chunk when one
 * comes) carries `usage`, `finishReason`, `model` and the response id. Returning early aborts the
 * SDK request (`controller.abort()`) and returns the SDK iterator.
 */
export const openaiAdapter: L0Adapter<AsyncIterable<unknown>> = /* @__PURE__ */ sdkStreamAdapter(
  "openai",
  "openai",
  isOpenAIStream,
  controllerAbortOf,
);
