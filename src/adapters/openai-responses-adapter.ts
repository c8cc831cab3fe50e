/**
 * OpenAI Responses API streams: `openai.responses.create({ stream: true })` and the SDK's
 * `ResponseStream` helper (`openai.responses.stream()`).
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import { isIterableWith, sdkStreamAdapter } from "./sdk-stream-adapter.js";
import { abortMethodOf, controllerAbortOf } from "./sdk-streams.js";

/** The shape of the OpenAI SDK's `ResponseStream` (from `openai.responses.stream()`). */
export interface OpenAIResponseStreamLike extends AsyncIterable<unknown> {
  /** Aborts the request. */
  abort(): void;
  /** Resolves with the final response. */
  finalResponse(): Promise<unknown>;
}

/** True for the OpenAI SDK's `ResponseStream` (async iterable with `finalResponse()` and `abort()`). */
export function isOpenAIResponseStream(input: unknown): input is OpenAIResponseStreamLike {
  return isIterableWith(input, ["finalResponse", "abort"]);
}

/**
 * Reads OpenAI Responses API stream events (see `ResponsesTranslator`): `response.created` →
 * a `response` chunk, `response.output_text.delta` → `token`, function calls → one `message` each,
 * `response.completed` / `response.incomplete` → `finish` with usage, `response.failed` and
 * `error` → an `error` chunk classified by its code (`rate_limit_exceeded` → `rate_limit`,
 * `server_error` → `server_error`). Detected for `openai.responses.stream()`; the `Stream` of
 * `openai.responses.create({ stream: true })` has the same shape as a chat stream and is read by
 * `openaiAdapter`, which translates Responses events the same way (pass this adapter explicitly to
 * name it in telemetry). Returning early returns the iterator and aborts the request.
 */
export const openaiResponsesAdapter: L0Adapter<AsyncIterable<unknown>> = /* @__PURE__ */ sdkStreamAdapter(
  "openai-responses",
  "openai",
  isOpenAIResponseStream,
  (input) => abortMethodOf(input) ?? controllerAbortOf(input),
);
