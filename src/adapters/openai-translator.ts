/**
 * OpenAI chat-completions chunks (`chat.completion.chunk`) → {@link L0Chunk}s.
 * @packageDocumentation
 */
import type { L0Chunk, L0Usage } from "../types/events.js";
import type { ChunkTranslator } from "./chunk-iterator.js";
import { toStreamError } from "./adapter-errors.js";
import { normalizeUsage } from "./normalize-usage.js";
import { finishChunk, responseChunk } from "./translated-chunks.js";

/** True when `raw` has the shape of an OpenAI chat-completions stream chunk (including the usage-only chunk). */
export function isOpenAIChunk(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return r.object === "chat.completion.chunk" || (Array.isArray(r.choices) && !("type" in r));
}

interface PendingToolCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

/** Serialises one tool call as the `message` chunk value all adapters use. */
export function toolCallMessage(id: string | undefined, name: string, args: string): L0Chunk {
  return { type: "message", role: "assistant", value: JSON.stringify({ type: "tool_call", id, name, arguments: args }) };
}

/**
 * The stateful translator of one OpenAI stream (a class: one per call, so no closures of its own).
 * - the first chunk naming the model or id → one `response` chunk (provider `openai`, model, id);
 * - `choices[0].delta.content` → `token` (empty strings are skipped: they are framing, not output).
 * - `delta.tool_calls` (and legacy `delta.function_call`) deltas are accumulated by index and emitted
 *   as one `message` per tool call (`{type:"tool_call", id, name, arguments}`) when `finish_reason` arrives.
 * - `usage` is read from every chunk BEFORE empty `choices` are skipped, so the usage-only chunk of
 *   `stream_options.include_usage` is kept.
 * - exactly one `finish` (finish reason, usage, model, response id): right after the usage-only chunk
 *   when it follows `finish_reason`, otherwise when the stream ends.
 * Only the choice with `index` 0 is read.
 */
export class OpenAITranslator implements ChunkTranslator {
  #usage: L0Usage | undefined;
  #finishReason: string | undefined;
  #model: string | undefined;
  #responseId: string | undefined;
  #finished = false;
  #announced = false;
  #toolCalls: PendingToolCall[] | undefined;

  /** Translates one raw chunk, appending its chunks to `out`. */
  push(raw: unknown, out: L0Chunk[]): void {
    const r = raw as Record<string, unknown>;
    if (typeof r.error === "object" && r.error !== null) {
      out.push({ type: "error", error: toStreamError(r.error) });
      return;
    }
    if (typeof r.model === "string" && r.model !== "") this.#model = r.model;
    if (typeof r.id === "string" && r.id !== "") this.#responseId = r.id;
    if (!this.#announced && (this.#model !== undefined || this.#responseId !== undefined)) {
      this.#announced = true;
      out.push(responseChunk({ provider: "openai", model: this.#model, responseId: this.#responseId }));
    }
    const chunkUsage = normalizeUsage(r.usage);
    if (chunkUsage !== undefined) this.#usage = chunkUsage;
    const choices = r.choices as unknown[] | undefined;
    if (!Array.isArray(choices) || choices.length === 0) {
      // The usage-only chunk comes after finish_reason: the stream is complete now.
      if (chunkUsage !== undefined && this.#finishReason !== undefined) this.#emitFinish(out);
      return;
    }
    let choice = choices[0] as Record<string, unknown> | undefined;
    if (choice !== undefined && typeof choice.index === "number" && choice.index !== 0) {
      choice = choices.find((c) => (c as Record<string, unknown>).index === 0) as Record<string, unknown> | undefined;
      if (choice === undefined) return;
    }
    if (choice === undefined) return;
    const delta = choice.delta as Record<string, unknown> | undefined;
    if (delta !== undefined && delta !== null) {
      if (typeof delta.content === "string" && delta.content !== "") out.push({ type: "token", value: delta.content });
      if (typeof delta.refusal === "string" && delta.refusal !== "") out.push({ type: "token", value: delta.refusal });
      if (Array.isArray(delta.tool_calls)) {
        for (const [position, item] of delta.tool_calls.entries()) {
          const call = item as Record<string, unknown>;
          this.#addToolDelta(typeof call.index === "number" ? call.index : position, call);
        }
      }
      if (typeof delta.function_call === "object" && delta.function_call !== null) {
        this.#addToolDelta(0, { function: delta.function_call });
      }
    }
    if (typeof choice.finish_reason === "string") {
      this.#finishReason = choice.finish_reason;
      this.#flushToolCalls(out);
    }
  }

  /** The stream ended: the pending tool calls, then the `finish` chunk if not sent yet. */
  end(out: L0Chunk[]): void {
    this.#flushToolCalls(out);
    if (this.#finishReason !== undefined || this.#usage !== undefined) this.#emitFinish(out);
  }

  #emitFinish(out: L0Chunk[]): void {
    if (this.#finished) return;
    this.#finished = true;
    out.push(finishChunk({ usage: this.#usage, finishReason: this.#finishReason, model: this.#model, responseId: this.#responseId }));
  }

  #flushToolCalls(out: L0Chunk[]): void {
    const toolCalls = this.#toolCalls;
    if (toolCalls === undefined) return;
    for (const call of toolCalls) if (call !== undefined) out.push(toolCallMessage(call.id, call.name, call.arguments));
    this.#toolCalls = undefined;
  }

  #addToolDelta(index: number, delta: Record<string, unknown>): void {
    const toolCalls = (this.#toolCalls ??= []);
    const fn = (typeof delta.function === "object" && delta.function !== null ? delta.function : delta) as Record<string, unknown>;
    let call = toolCalls[index];
    if (call === undefined) {
      call = { id: undefined, name: "", arguments: "" };
      toolCalls[index] = call;
    }
    if (typeof delta.id === "string") call.id = delta.id;
    if (typeof fn.name === "string") call.name += fn.name;
    if (typeof fn.arguments === "string") call.arguments += fn.arguments;
  }
}
