/**
 * fetch `Response`s: `text/event-stream` bodies (OpenAI- or Anthropic-style SSE) and plain text bodies.
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { HttpResponseError, MalformedChunkError, toStreamError } from "./adapter-errors.js";
import { ChunkIterator } from "./chunk-iterator.js";
import type { ChunkSource, ChunkTranslator } from "./chunk-iterator.js";
import { openReadableStream } from "./chunk-sources.js";
import { createChunkNormalizer } from "./normalize-chunk.js";
import { createSSEParser } from "./parse-sse.js";
import type { SSEEvent } from "./parse-sse.js";

const MAX_ERROR_BODY = 2000;

/** True for a fetch `Response` (checked by shape, so responses from any fetch implementation match). */
export function isFetchResponse(input: unknown): input is Response {
  if (typeof Response !== "undefined" && input instanceof Response) return true;
  if (typeof input !== "object" || input === null) return false;
  const r = input as Partial<Response>;
  return typeof r.status === "number" && typeof r.ok === "boolean" && "body" in r && typeof r.headers?.get === "function";
}

/**
 * Translates SSE bytes: each `data:` payload is JSON-parsed and normalised (OpenAI chunks, Anthropic
 * events, AI SDK parts, `{text}`...); `[DONE]` ends the stream; an `error` event or a payload with an
 * `error` object becomes an `error` chunk; a payload that looks like JSON (`{` / `[`) but does not parse
 * becomes a {@link MalformedChunkError}; any other non-JSON payload is a text token.
 */
function createSSETranslator(): ChunkTranslator {
  const normalizer = createChunkNormalizer();
  const decoder = new TextDecoder();
  let done = false;
  let out: L0Chunk[] = [];
  const onEvent = (event: SSEEvent): void => {
    if (done) return;
    const data = event.data;
    if (data === "[DONE]") {
      done = true;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (error) {
      const head = data.trimStart().charAt(0);
      if (head === "{" || head === "[" || event.event === "error") out.push({ type: "error", error: new MalformedChunkError(data, error) });
      else if (data !== "") out.push({ type: "token", value: data });
      return;
    }
    const record = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    if (
      event.event === "error" ||
      (record !== undefined && record.error != null && record.type !== "error" && !Array.isArray(record.choices))
    ) {
      out.push({ type: "error", error: toStreamError(parsed) });
      return;
    }
    normalizer.push(parsed, out);
  };
  const parser = createSSEParser(onEvent);
  return {
    get done() {
      return done;
    },
    push(raw: unknown, target: L0Chunk[]): void {
      out = target;
      if (raw instanceof HttpResponseError) {
        target.push({ type: "error", error: raw });
        return;
      }
      parser.feed(typeof raw === "string" ? raw : decoder.decode(raw as Uint8Array, { stream: true }));
    },
    end(target: L0Chunk[]): void {
      out = target;
      if (!done) {
        parser.feed(decoder.decode());
        parser.flush();
      }
      normalizer.end(target);
    },
  };
}

/** A source yielding one {@link HttpResponseError} built from a non-ok response. */
function openErrorResponse(response: Response): ChunkSource {
  let sent = false;
  return {
    async next(): Promise<IteratorResult<unknown>> {
      if (sent) return { done: true, value: undefined };
      sent = true;
      let body: string | undefined;
      try {
        body = (await response.text()).slice(0, MAX_ERROR_BODY);
      } catch {
        body = undefined;
      }
      return { done: false, value: new HttpResponseError(response.status, response.statusText ?? "", response.headers, body) };
    },
    async close(): Promise<void> {
      try {
        await response.body?.cancel();
      } catch {
        // already consumed or errored
      }
    },
  };
}

/**
 * Reads a fetch `Response`. A non-ok response yields one `error` chunk with an
 * {@link HttpResponseError} (`status`, `headers`, body text). A `text/event-stream` body is parsed
 * as SSE ({@link createSSETranslator}); any other body is read as UTF-8 text tokens.
 * Returning early cancels the body, which closes the HTTP connection.
 */
export const sseResponseAdapter: L0Adapter<Response> = {
  name: "sse-response",
  detect: isFetchResponse,
  wrap(input, options): AsyncIterable<L0Chunk> {
    if (!input.ok) return new ChunkIterator(() => openErrorResponse(input), createSSETranslator(), options?.signal);
    const body = input.body;
    const open = (): ChunkSource =>
      body === null ? { next: () => ({ done: true, value: undefined }), close() {} } : openReadableStream(body);
    const isSSE = (input.headers.get("content-type") ?? "").toLowerCase().includes("text/event-stream");
    return new ChunkIterator(open, isSSE ? createSSETranslator() : createChunkNormalizer(), options?.signal);
  },
};
