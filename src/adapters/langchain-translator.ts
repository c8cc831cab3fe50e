/**
 * LangChain.js message chunks (`AIMessageChunk`s from a chat model's `.stream()`) → {@link L0Chunk}s.
 * @packageDocumentation
 */
import type { L0Chunk, L0Usage } from "../types/events.js";
import type { ChunkTranslator } from "./chunk-iterator.js";
import { toolCallMessage } from "./openai-translator.js";
import { finishChunk, responseChunk } from "./translated-chunks.js";

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * True for a LangChain message chunk: an object with LangChain's serialisation marks
 * (`lc_namespace`, `_getType()`) or, as plain data, `content` next to `tool_call_chunks`,
 * `usage_metadata` or `response_metadata`.
 */
export function isLangChainMessageChunk(raw: unknown): boolean {
  const r = record(raw);
  if (r === undefined) return false;
  if (Array.isArray(r.lc_namespace) || typeof r._getType === "function") return "content" in r;
  return "content" in r && ("tool_call_chunks" in r || "usage_metadata" in r || "response_metadata" in r);
}

interface PendingCall {
  id: string | undefined;
  name: string;
  args: string;
}

/** Text of a content part list: `text` parts (and plain strings); tool-use, reasoning and media parts carry no text output. */
function partsText(parts: readonly unknown[]): string {
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") text += part;
    else {
      const p = record(part);
      if (p !== undefined && (p.type === "text" || p.type === "text_delta") && typeof p.text === "string") text += p.text;
    }
  }
  return text;
}

/**
 * The stateful translator of one LangChain chat-model stream (a class: one per call, so no closures
 * of its own).
 * - `content` (a string, or a list of parts whose `text` parts are read) → `token`;
 * - `tool_call_chunks` are accumulated by `index` (or `id`) and emitted as one `message` per tool
 *   call (`{type:"tool_call", id, name, arguments}`) when a finish reason arrives or the stream ends;
 * - `usage_metadata` counts are summed over the chunks (LangChain's own merge rule: Anthropic-backed
 *   models report input tokens on the first chunk and output tokens on the last);
 * - `response_metadata` gives the model (`model_name` / `model`), the finish reason (`finish_reason`
 *   / `stop_reason`) and the provider (`model_provider`, LangChain 1.x): a `response` chunk is
 *   emitted when they first show, and `finish` when the stream ends (with usage, finish reason,
 *   model and the message id).
 */
export class LangChainTranslator implements ChunkTranslator {
  #usage: L0Usage | undefined;
  #finishReason: string | undefined;
  #model: string | undefined;
  #provider: string | undefined;
  #messageId: string | undefined;
  /** The facts last reported in a `response` chunk (`provider|model|id`), so each is reported once. */
  #announced = "";
  #sawChunk = false;
  /** The tool calls still streaming, by `#index`, id or `@position` (made by the first one). */
  #calls: Map<string, PendingCall> | undefined;

  /** Translates one message chunk, appending its chunks to `out`. */
  push(raw: unknown, out: L0Chunk[]): void {
    const chunk = raw as Record<string, unknown>;
    this.#sawChunk = true;
    const id = str(chunk.id);
    // LangChain names chunks `run-<uuid>` when the provider gave no id: that is not a response id.
    if (id !== undefined && !id.startsWith("run-") && !id.startsWith("lc_run-")) this.#messageId = id;
    const meta = record(chunk.response_metadata);
    if (meta !== undefined) {
      this.#model = str(meta.model_name) ?? str(meta.model) ?? this.#model;
      this.#provider = str(meta.model_provider) ?? this.#provider;
      this.#messageId ??= str(meta.id);
    }
    this.#announce(out);
    const content = chunk.content;
    const text = typeof content === "string" ? content : Array.isArray(content) ? partsText(content) : "";
    if (text !== "") out.push({ type: "token", value: text });
    const toolChunks = chunk.tool_call_chunks;
    if (Array.isArray(toolChunks)) for (let i = 0; i < toolChunks.length; i++) this.#addToolChunk(toolChunks[i], i);
    this.#addUsage(chunk.usage_metadata);
    const reason = str(meta?.finish_reason) ?? str(meta?.stop_reason);
    if (reason !== undefined) {
      this.#finishReason = reason;
      this.#flushCalls(out);
    }
  }

  /** The stream ended: the pending tool calls, then `finish` if a chunk gave usage or a finish reason. */
  end(out: L0Chunk[]): void {
    this.#flushCalls(out);
    const usage = this.#usage;
    const finishReason = this.#finishReason;
    if (!this.#sawChunk || (usage === undefined && finishReason === undefined)) return;
    if (usage !== undefined && usage.totalTokens === undefined && usage.inputTokens !== undefined && usage.outputTokens !== undefined) {
      usage.totalTokens = usage.inputTokens + usage.outputTokens;
    }
    out.push(finishChunk({ usage, finishReason, model: this.#model, responseId: this.#messageId }));
  }

  #addUsage(raw: unknown): void {
    const u = record(raw);
    if (u === undefined) return;
    const input = num(u.input_tokens);
    const output = num(u.output_tokens);
    const total = num(u.total_tokens);
    if (input === undefined && output === undefined && total === undefined) return;
    const usage = (this.#usage ??= {});
    if (input !== undefined) usage.inputTokens = (usage.inputTokens ?? 0) + input;
    if (output !== undefined) usage.outputTokens = (usage.outputTokens ?? 0) + output;
    if (total !== undefined) usage.totalTokens = (usage.totalTokens ?? 0) + total;
  }

  #addToolChunk(raw: unknown, position: number): void {
    const chunk = record(raw);
    if (chunk === undefined) return;
    const calls = (this.#calls ??= new Map<string, PendingCall>());
    const key = typeof chunk.index === "number" ? `#${chunk.index}` : (str(chunk.id) ?? `@${position}`);
    let call = calls.get(key);
    if (call === undefined) {
      call = { id: undefined, name: "", args: "" };
      calls.set(key, call);
    }
    if (str(chunk.id) !== undefined) call.id = chunk.id as string;
    if (typeof chunk.name === "string") call.name += chunk.name;
    if (typeof chunk.args === "string") call.args += chunk.args;
  }

  #flushCalls(out: L0Chunk[]): void {
    const calls = this.#calls;
    if (calls === undefined) return;
    for (const call of calls.values()) out.push(toolCallMessage(call.id, call.name, call.args === "" ? "{}" : call.args));
    this.#calls = undefined;
  }

  #announce(out: L0Chunk[]): void {
    const provider = this.#provider;
    const model = this.#model;
    const messageId = this.#messageId;
    const key = `${provider ?? ""}|${model ?? ""}|${messageId ?? ""}`;
    if (key === this.#announced || (provider === undefined && model === undefined)) return;
    this.#announced = key;
    out.push(responseChunk({ provider, model, responseId: messageId }));
  }
}
