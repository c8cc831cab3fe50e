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
import { SSEParser } from "./parse-sse.js";
import type { SSEEvent, SSEEventSink } from "./parse-sse.js";

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
 * A class: one per call, so no closures of its own (it is its parser's event sink).
 */
class SSETranslator implements ChunkTranslator, SSEEventSink {
  readonly #normalizer = createChunkNormalizer();
  readonly #decoder = new TextDecoder();
  readonly #parser = new SSEParser(this);
  #sawDone = false;
  /** Where the events of the current `push` / `end` write their chunks (the parser runs only in those). */
  #out: L0Chunk[] | undefined;

  /** True once `[DONE]` arrived: reading stops. */
  get done(): boolean {
    return this.#sawDone;
  }

  /** Translates one piece of the body (bytes or text), or the {@link HttpResponseError} of a non-ok response. */
  push(raw: unknown, target: L0Chunk[]): void {
    this.#out = target;
    if (raw instanceof HttpResponseError) {
      target.push({ type: "error", error: raw });
      return;
    }
    this.#parser.feed(typeof raw === "string" ? raw : this.#decoder.decode(raw as Uint8Array, { stream: true }));
  }

  /** The body ended: parses what is left (unless `[DONE]` came), then ends the normaliser. */
  end(target: L0Chunk[]): void {
    this.#out = target;
    if (!this.#sawDone) {
      this.#parser.feed(this.#decoder.decode());
      this.#parser.flush();
    }
    this.#normalizer.end(target);
  }

  /** The parser's event sink: translates one SSE event. Not for callers. */
  onEvent(event: SSEEvent): void {
    if (this.#sawDone) return;
    const out = this.#out as L0Chunk[];
    const data = event.data;
    if (data === "[DONE]") {
      this.#sawDone = true;
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
    this.#normalizer.push(parsed, out);
  }
}

/** A source yielding one {@link HttpResponseError} built from a non-ok response (a class: no closures of its own). */
class ErrorResponseSource implements ChunkSource {
  #sent = false;

  constructor(private readonly response: Response) {}

  async next(): Promise<IteratorResult<unknown>> {
    if (this.#sent) return { done: true, value: undefined };
    this.#sent = true;
    const response = this.response;
    let body: string | undefined;
    try {
      body = (await response.text()).slice(0, MAX_ERROR_BODY);
    } catch {
      body = undefined;
    }
    return { done: false, value: new HttpResponseError(response.status, response.statusText ?? "", response.headers, body) };
  }

  async close(): Promise<void> {
    try {
      await this.response.body?.cancel();
    } catch {
      // already consumed or errored
    }
  }
}

/**
 * Reads a fetch `Response`. A non-ok response yields one `error` chunk with an
 * {@link HttpResponseError} (`status`, `headers`, body text). A `text/event-stream` body is parsed
 * as SSE ({@link SSETranslator}); any other body is read as UTF-8 text tokens.
 * Returning early cancels the body, which closes the HTTP connection.
 */
export const sseResponseAdapter: L0Adapter<Response> = {
  name: "sse-response",
  detect: isFetchResponse,
  wrap(input, options): AsyncIterable<L0Chunk> {
    if (!input.ok) return new ChunkIterator(() => new ErrorResponseSource(input), new SSETranslator(), options?.signal);
    const body = input.body;
    const open = (): ChunkSource =>
      body === null ? { next: () => ({ done: true, value: undefined }), close() {} } : openReadableStream(body);
    const isSSE = (input.headers.get("content-type") ?? "").toLowerCase().includes("text/event-stream");
    return new ChunkIterator(open, isSSE ? new SSETranslator() : createChunkNormalizer(), options?.signal);
  },
};
