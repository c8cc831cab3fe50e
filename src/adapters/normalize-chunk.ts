/**
 * The shape-sniffing normaliser every built-in adapter uses: strings, UTF-8 bytes, l0 chunks, AI SDK
 * stream parts, OpenAI chat chunks, OpenAI Responses events, Anthropic events, LangChain message
 * chunks and common `{text}` / `{content}` / `{delta}` objects. Unknown shapes become `error`
 * chunks, never dropped.
 * @packageDocumentation
 */
import type { L0Chunk } from "../types/events.js";
import { aiSdkProviderOf } from "../request/provider-names.js";
import type { ChunkTranslator } from "./chunk-iterator.js";
import { UnrecognizedChunkError, toStreamError } from "./adapter-errors.js";
import { AnthropicTranslator, isAnthropicEvent } from "./anthropic-translator.js";
import { LangChainTranslator, isLangChainMessageChunk } from "./langchain-translator.js";
import { normalizeUsage } from "./normalize-usage.js";
import { isOpenAIChunk, OpenAITranslator, toolCallMessage } from "./openai-translator.js";
import { ResponsesTranslator, isResponsesEvent } from "./responses-translator.js";

/** AI SDK stream parts that frame the output but carry none: never tokens. */
const FRAMING_PARTS = new Set([
  "start",
  "start-step",
  "step-start",
  "step-finish",
  "text-start",
  "text-end",
  "reasoning",
  "reasoning-start",
  "reasoning-delta",
  "reasoning-end",
  "reasoning-signature",
  "redacted-reasoning",
  "tool-input-start",
  "tool-input-delta",
  "tool-input-end",
  "tool-call-streaming-start",
  "tool-call-delta",
  "tool-approval-request",
  "tool-output-denied",
  "source",
  "raw",
  "stream-start",
]);

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function pushToken(value: string, out: L0Chunk[]): void {
  if (value !== "") out.push({ type: "token", value });
}

/** Response facts an AI SDK stream reports before its `finish` part (on `response-metadata` / `finish-step`). */
export interface PartContext {
  model?: string;
  responseId?: string;
  provider?: string;
  /** The facts last reported in a `response` chunk (`provider|model|id`), so each is reported once. */
  announced?: string;
}

function finishReasonOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  // AI SDK provider-level (LanguageModelV3) finish reasons are `{ unified, raw }`.
  if (typeof value === "object" && value !== null) return text((value as { unified?: unknown }).unified);
  return undefined;
}

function pushFinish(part: Record<string, unknown>, out: L0Chunk[], context: PartContext | undefined): void {
  const chunk: Extract<L0Chunk, { type: "finish" }> = { type: "finish" };
  const usage = normalizeUsage(part.totalUsage ?? part.usage);
  if (usage !== undefined) chunk.usage = usage;
  const reason = finishReasonOf(part.finishReason);
  if (reason !== undefined) chunk.finishReason = reason;
  const model = text(part.model) ?? context?.model;
  if (model !== undefined) chunk.model = model;
  const responseId = text(part.responseId) ?? context?.responseId;
  if (responseId !== undefined) chunk.responseId = responseId;
  out.push(chunk);
}

/**
 * Remembers the response facts of a `response-metadata` / `finish-step` part (model id, response
 * id, and the provider named by the only key of `providerMetadata`), and reports them in a
 * `response` chunk when they are new.
 */
function rememberResponse(part: Record<string, unknown>, out: L0Chunk[], context: PartContext | undefined): void {
  if (context === undefined) return;
  const response = (part.response ?? part) as Record<string, unknown>;
  const model = text(response.modelId);
  if (model !== undefined) context.model = model;
  const id = text(response.id);
  if (id !== undefined) context.responseId = id;
  const metadata = part.providerMetadata;
  if (typeof metadata === "object" && metadata !== null) {
    const keys = Object.keys(metadata);
    const provider = keys.length === 1 ? aiSdkProviderOf(keys[0] as string) : undefined;
    if (provider !== undefined) context.provider = provider;
  }
  const key = `${context.provider ?? ""}|${context.model ?? ""}|${context.responseId ?? ""}`;
  if (key === "||" || key === context.announced) return;
  context.announced = key;
  const chunk: Extract<L0Chunk, { type: "response" }> = { type: "response" };
  if (context.provider !== undefined) chunk.provider = context.provider;
  if (context.model !== undefined) chunk.model = context.model;
  if (context.responseId !== undefined) chunk.responseId = context.responseId;
  out.push(chunk);
}

function stringifyArgs(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value ?? {});
  } catch {
    return String(value);
  }
}

/**
 * Translates one typed item (l0 chunk or AI SDK stream part, v4 to v6). Returns false when the
 * `type` is not one of them.
 */
function normalizeTypedPart(part: Record<string, unknown>, out: L0Chunk[], context?: PartContext): boolean {
  const type = part.type as string;
  switch (type) {
    case "token":
      if (typeof part.value !== "string") return false;
      pushToken(part.value, out);
      return true;
    case "text-delta":
    case "text":
    case "content-delta": {
      const value = text(part.text) ?? text(part.textDelta) ?? text(part.delta) ?? text(part.content) ?? text(part.value);
      if (value === undefined) return false;
      pushToken(value, out);
      return true;
    }
    case "message": {
      const value = typeof part.value === "string" ? part.value : stringifyArgs(part.value);
      out.push(typeof part.role === "string" ? { type: "message", value, role: part.role } : { type: "message", value });
      return true;
    }
    case "tool-call":
      out.push(toolCallMessage(text(part.toolCallId), text(part.toolName) ?? "", stringifyArgs(part.input ?? part.args)));
      return true;
    case "tool-result":
    case "tool-error": {
      const payload: Record<string, unknown> = {
        type: type === "tool-result" ? "tool_result" : "tool_error",
        id: part.toolCallId,
        name: part.toolName,
      };
      if (type === "tool-result") payload.result = part.output ?? part.result;
      else payload.error = part.error instanceof Error ? part.error.message : part.error;
      out.push({ type: "message", role: "tool", value: stringifyArgs(payload) });
      return true;
    }
    case "data":
      out.push({ type: "data", data: part.data });
      return true;
    case "file":
      out.push({ type: "data", data: part.file });
      return true;
    case "object":
      out.push({ type: "data", data: part.object });
      return true;
    case "progress":
      out.push({ type: "progress", progress: part.progress ?? {} });
      return true;
    case "error":
      out.push({ type: "error", error: toStreamError(part.error ?? part) });
      return true;
    case "abort": {
      const reason = text(part.reason);
      out.push({ type: "error", error: new DOMException(reason ?? "The provider stream was aborted", "AbortError") });
      return true;
    }
    case "finish":
    case "complete":
      pushFinish(part, out, context);
      return true;
    case "finish-step":
    case "response-metadata":
      rememberResponse(part, out, context);
      return true;
    default:
      return FRAMING_PARTS.has(type);
  }
}

/** Translates an object without a known `type`: `{text}`, `{content}`, `{delta}`, `{textDelta}`, `{token}`. */
function normalizeFields(item: Record<string, unknown>, out: L0Chunk[]): boolean {
  const value =
    text(item.text) ??
    text(item.content) ??
    text(item.delta) ??
    text(item.textDelta) ??
    text(item.token) ??
    text((item.delta as Record<string, unknown> | undefined)?.text) ??
    text((item.delta as Record<string, unknown> | undefined)?.content);
  if (value === undefined) return false;
  pushToken(value, out);
  return true;
}

/**
 * Creates the shape-sniffing translator. OpenAI chat chunks, Responses events, Anthropic events and
 * LangChain message chunks are routed to their own stateful translators (created on first use);
 * `Uint8Array`s are decoded as streaming UTF-8 so a multi-byte character split across chunks is
 * decoded whole. `context` receives the AI SDK response facts (pass one to read them back).
 */
export function createChunkNormalizer(context: PartContext = {}): ChunkTranslator {
  return new ChunkNormalizer(context);
}

/** The shape-sniffing translator of one stream (a class: one per call, so no closures of its own). */
class ChunkNormalizer implements ChunkTranslator {
  #openai: ChunkTranslator | undefined;
  #anthropic: ChunkTranslator | undefined;
  #responses: ChunkTranslator | undefined;
  #langchain: ChunkTranslator | undefined;
  #decoder: TextDecoder | undefined;

  constructor(private readonly context: PartContext) {}

  push(raw: unknown, out: L0Chunk[]): void {
    if (typeof raw === "string") return pushToken(raw, out);
    if (typeof raw !== "object" || raw === null) {
      out.push({ type: "error", error: new UnrecognizedChunkError(raw) });
      return;
    }
    if (raw instanceof Uint8Array) {
      this.#decoder ??= new TextDecoder();
      return pushToken(this.#decoder.decode(raw, { stream: true }), out);
    }
    const item = raw as Record<string, unknown>;
    if (isOpenAIChunk(item)) return (this.#openai ??= new OpenAITranslator()).push(item, out);
    if (isAnthropicEvent(item)) return (this.#anthropic ??= new AnthropicTranslator()).push(item, out);
    if (isResponsesEvent(item)) return (this.#responses ??= new ResponsesTranslator()).push(item, out);
    if (isLangChainMessageChunk(item)) return (this.#langchain ??= new LangChainTranslator()).push(item, out);
    if (typeof item.type === "string") {
      // An Anthropic `error` event carries a plain `{type, message}` object, a Responses one its
      // `code` and `message` at the top, an AI SDK part an Error.
      if (this.#anthropic !== undefined && item.type === "error") return this.#anthropic.push(item, out);
      if (this.#responses !== undefined && item.type === "error") return this.#responses.push(item, out);
      if (normalizeTypedPart(item, out, this.context)) return;
    }
    if (normalizeFields(item, out)) return;
    if (typeof item.error === "object" && item.error !== null) {
      // An in-band error payload, e.g. OpenAI's `{ error: { message, type, code } }`.
      out.push({ type: "error", error: toStreamError(item.error) });
      return;
    }
    out.push({ type: "error", error: new UnrecognizedChunkError(raw) });
  }

  end(out: L0Chunk[]): void {
    if (this.#decoder !== undefined) pushToken(this.#decoder.decode(), out);
    this.#openai?.end(out);
    this.#anthropic?.end(out);
    this.#responses?.end(out);
    this.#langchain?.end(out);
  }
}
