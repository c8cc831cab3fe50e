/**
 * Anthropic Messages streaming events → {@link L0Chunk}s.
 * @packageDocumentation
 */
import type { L0Chunk, L0Usage } from "../types/events.js";
import type { ChunkTranslator } from "./chunk-iterator.js";
import { toStreamError } from "./adapter-errors.js";
import { toolCallMessage } from "./openai-translator.js";
import { finishChunk, responseChunk } from "./translated-chunks.js";

const ANTHROPIC_EVENTS = new Set([
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
]);

/** True when `raw` is an Anthropic Messages streaming event (`message_start`, `content_block_delta`...). */
export function isAnthropicEvent(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null) return false;
  const type = (raw as Record<string, unknown>).type;
  return typeof type === "string" && ANTHROPIC_EVENTS.has(type);
}

interface ToolBlock {
  id: string | undefined;
  name: string;
  json: string;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * The stateful translator of one Anthropic message stream (a class: one per call, so no closures of
 * its own).
 * - `message_start` → input usage, model, message id, and a `response` chunk (provider `anthropic`,
 *   model, id); `content_block_delta` `text_delta` → `token`;
 * - a `tool_use` block's `input_json_delta`s are accumulated and emitted at `content_block_stop` as a
 *   `message` (`{type:"tool_call", id, name, arguments}`, `arguments` being the JSON text);
 * - `message_delta` → stop reason and output usage (cumulative); `message_stop` → one `finish`;
 * - an `error` event → an `error` chunk ({@link ProviderStreamError} with `type` and an HTTP `status`);
 * - `ping`, thinking and signature deltas are ignored.
 */
export class AnthropicTranslator implements ChunkTranslator {
  #inputTokens: number | undefined;
  #outputTokens: number | undefined;
  #stopReason: string | undefined;
  #model: string | undefined;
  #messageId: string | undefined;
  #finished = false;
  /** The open tool-use blocks by content block index (made by the first one). */
  #tools: Map<number, ToolBlock> | undefined;

  /** Translates one Anthropic event, appending its chunks to `out`. */
  push(raw: unknown, out: L0Chunk[]): void {
    const event = raw as Record<string, unknown>;
    switch (event.type) {
      case "message_start": {
        const message = (event.message ?? {}) as Record<string, unknown>;
        if (typeof message.model === "string") this.#model = message.model;
        if (typeof message.id === "string") this.#messageId = message.id;
        this.#readUsage(message.usage);
        out.push(responseChunk({ provider: "anthropic", model: this.#model, responseId: this.#messageId }));
        return;
      }
      case "content_block_start": {
        const block = (event.content_block ?? {}) as Record<string, unknown>;
        if (block.type === "tool_use" || block.type === "server_tool_use") {
          (this.#tools ??= new Map<number, ToolBlock>()).set(num(event.index) ?? 0, {
            id: typeof block.id === "string" ? block.id : undefined,
            name: typeof block.name === "string" ? block.name : "",
            json: "",
          });
        } else if (block.type === "text" && typeof block.text === "string" && block.text !== "") {
          out.push({ type: "token", value: block.text });
        }
        return;
      }
      case "content_block_delta": {
        const delta = (event.delta ?? {}) as Record<string, unknown>;
        if (delta.type === "text_delta" && typeof delta.text === "string") {
          if (delta.text !== "") out.push({ type: "token", value: delta.text });
        } else if (delta.type === "input_json_delta" && typeof delta.partial_json === "string") {
          const block = this.#tools?.get(num(event.index) ?? 0);
          if (block !== undefined) block.json += delta.partial_json;
        }
        return;
      }
      case "content_block_stop": {
        const index = num(event.index) ?? 0;
        const block = this.#tools?.get(index);
        if (block !== undefined) {
          this.#tools?.delete(index);
          out.push(toolCallMessage(block.id, block.name, block.json === "" ? "{}" : block.json));
        }
        return;
      }
      case "message_delta": {
        const delta = (event.delta ?? {}) as Record<string, unknown>;
        if (typeof delta.stop_reason === "string") this.#stopReason = delta.stop_reason;
        this.#readUsage(event.usage);
        return;
      }
      case "message_stop":
        this.#emitFinish(out);
        return;
      case "error":
        out.push({ type: "error", error: toStreamError(event.error ?? event) });
        return;
      default:
        return; // ping and future event types carry no output
    }
  }

  /** The stream ended. Without `message_stop` the message did not complete, so no finish is reported. */
  end(): void {}

  #emitFinish(out: L0Chunk[]): void {
    if (this.#finished) return;
    this.#finished = true;
    const inputTokens = this.#inputTokens;
    const outputTokens = this.#outputTokens;
    let usage: L0Usage | undefined;
    if (inputTokens !== undefined || outputTokens !== undefined) {
      usage = {};
      if (inputTokens !== undefined) usage.inputTokens = inputTokens;
      if (outputTokens !== undefined) usage.outputTokens = outputTokens;
      if (inputTokens !== undefined && outputTokens !== undefined) usage.totalTokens = inputTokens + outputTokens;
    }
    out.push(finishChunk({ usage, finishReason: this.#stopReason, model: this.#model, responseId: this.#messageId }));
  }

  #readUsage(usage: unknown): void {
    if (typeof usage !== "object" || usage === null) return;
    const u = usage as Record<string, unknown>;
    this.#inputTokens = num(u.input_tokens) ?? this.#inputTokens;
    this.#outputTokens = num(u.output_tokens) ?? this.#outputTokens;
  }
}
