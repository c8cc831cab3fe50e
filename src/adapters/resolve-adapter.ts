/**
 * Choosing the adapter for a provider stream and iterating it as normalised chunks.
 * @packageDocumentation
 */
import { L0Error } from "../errors/l0-error.js";
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { describeValue } from "./adapter-errors.js";
import { anthropicAdapter } from "./anthropic-adapter.js";
import { asyncIterableAdapter } from "./async-iterable-adapter.js";
import { langchainAdapter } from "./langchain-adapter.js";
import { openaiAdapter } from "./openai-adapter.js";
import { openaiResponsesAdapter } from "./openai-responses-adapter.js";
import { readableStreamAdapter } from "./readable-stream-adapter.js";
import { sseResponseAdapter } from "./sse-response-adapter.js";
import { textStreamAdapter } from "./text-stream-adapter.js";
import { vercelAIAdapter } from "./vercel-ai-adapter.js";

/**
 * The built-in adapters in auto-detection priority order (first match wins):
 * 1. `vercel-ai` — an object with `fullStream` (AI SDK `streamText` / `streamObject` result);
 * 2. `text-stream` — an object with `textStream` and no `fullStream` (wrappers of AI SDK results);
 * 3. `sse-response` — a fetch `Response` (SSE or text body; non-ok → error chunk);
 * 4. `anthropic` — the Anthropic SDK's `MessageStream` (`finalMessage()` + `abort()`, and not the
 *    OpenAI SDK's `ChatCompletionStream`, which has `finalChatCompletion()`);
 * 5. `openai-responses` — the OpenAI SDK's `ResponseStream` (`finalResponse()` + `abort()`);
 * 6. `openai` — the OpenAI SDK's `Stream` (`controller` + `toReadableStream()`; chat completions
 *    or Responses events) and `ChatCompletionStream`;
 * 7. `langchain` — LangChain's `IterableReadableStream` (`.stream()` of a chat model or chain);
 * 8. `readable-stream` — any other WHATWG `ReadableStream`;
 * 9. `async-iterable` — any other async iterable, or a sync iterable that is not a string.
 * Objects with a stream property come first (a result object may also be iterable), then SDK
 * classes, then generic shapes. Every adapter normalises chunks by shape, so an iterable of OpenAI
 * chunks, Responses events, Anthropic events or LangChain message chunks read by `async-iterable`
 * translates the same way.
 */
export const BUILT_IN_ADAPTERS: readonly L0Adapter[] = [
  vercelAIAdapter,
  textStreamAdapter,
  sseResponseAdapter,
  anthropicAdapter as L0Adapter,
  openaiResponsesAdapter as L0Adapter,
  openaiAdapter as L0Adapter,
  langchainAdapter as L0Adapter,
  readableStreamAdapter,
  asyncIterableAdapter as L0Adapter,
];

/** Returns the first built-in adapter (see {@link BUILT_IN_ADAPTERS} for the order) that can read `input`. */
export function detectAdapter(input: unknown): L0Adapter | undefined {
  for (const adapter of BUILT_IN_ADAPTERS) if (adapter.detect?.(input) === true) return adapter;
  return undefined;
}

function invalidStream(input: unknown): L0Error {
  return new L0Error(
    "INVALID_STREAM",
    `The stream factory returned ${describeValue(input)}, which no adapter can read. ` +
      "Return a provider stream (AI SDK streamText result or an object with `textStream`, OpenAI chat/Responses or " +
      "Anthropic stream, LangChain `.stream()`, fetch Response, ReadableStream, async iterable) or pass `adapter`.",
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * Iterates the provider output `input` as {@link L0Chunk}s, with `options.adapter` or the detected
 * adapter. A promise is awaited first. Throws `L0Error` `INVALID_STREAM` (naming what it got) when no
 * adapter matches; synchronously for a plain value, on the first `next()` for a promise.
 * The returned iterator's `return()` closes the provider stream.
 */
export function resolveChunks(input: unknown, options: { adapter?: L0Adapter; signal?: AbortSignal } = {}): AsyncIterable<L0Chunk> {
  if (isThenable(input)) return resolveLater(input, options);
  const adapter = options.adapter ?? detectAdapter(input);
  if (adapter === undefined) throw invalidStream(input);
  return adapter.wrap(input, options.signal === undefined ? {} : { signal: options.signal });
}

/** Awaits the provider promise on the first pull, then delegates; `return()` reaches the inner iterator. */
function resolveLater(input: PromiseLike<unknown>, options: { adapter?: L0Adapter; signal?: AbortSignal }): AsyncIterable<L0Chunk> {
  let inner: AsyncIterator<L0Chunk> | undefined;
  let opening: Promise<AsyncIterator<L0Chunk>> | undefined;
  let returned = false;
  const open = (): Promise<AsyncIterator<L0Chunk>> =>
    (opening ??= Promise.resolve(input).then((value) => {
      inner = resolveChunks(value, options)[Symbol.asyncIterator]();
      if (returned) void inner.return?.();
      return inner;
    }));
  const iterator: AsyncIterableIterator<L0Chunk> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async next() {
      if (returned) return { done: true, value: undefined };
      return (inner ?? (await open())).next();
    },
    async return() {
      returned = true;
      await inner?.return?.();
      return { done: true, value: undefined };
    },
  };
  return iterator;
}
