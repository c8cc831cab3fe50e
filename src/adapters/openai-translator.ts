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
 * Creates a stateful translator for one OpenAI stream.
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
export function createOpenAITranslator(): ChunkTranslator {
  let usage: L0Usage | undefined;
  let finishReason: string | undefined;
  let model: string | undefined;
  let responseId: string | undefined;
  let finished = false;
  let announced = false;
  let toolCalls: PendingToolCall[] | undefined;

  const emitFinish = (out: L0Chunk[]): void => {
    if (finished) return;
    finished = true;
    out.push(finishChunk({ usage, finishReason, model, responseId }));
  };

  const flushToolCalls = (out: L0Chunk[]): void => {
    if (toolCalls === undefined) return;
    for (const call of toolCalls) if (call !== undefined) out.push(toolCallMessage(call.id, call.name, call.arguments));
    toolCalls = undefined;
  };

  const addToolDelta = (index: number, delta: Record<string, unknown>): void => {
    toolCalls ??= [];
    const fn = (typeof delta.function === "object" && delta.function !== null ? delta.function : delta) as Record<string, unknown>;
    let call = toolCalls[index];
    if (call === undefined) {
      call = { id: undefined, name: "", arguments: "" };
      toolCalls[index] = call;
    }
    if (typeof delta.id === "string") call.id = delta.id;
    if (typeof fn.name === "string") call.name += fn.name;
    if (typeof fn.arguments === "string") call.arguments += fn.arguments;
  };

  return {
    push(raw: unknown, out: L0Chunk[]): void {
      const r = raw as Record<string, unknown>;
      if (typeof r.error === "object" && r.error !== null) {
        out.push({ type: "error", error: toStreamError(r.error) });
        return;
      }
      if (typeof r.model === "string" && r.model !== "") model = r.model;
      if (typeof r.id === "string" && r.id !== "") responseId = r.id;
      if (!announced && (model !== undefined || responseId !== undefined)) {
        announced = true;
        out.push(responseChunk({ provider: "openai", model, responseId }));
      }
      const chunkUsage = normalizeUsage(r.usage);
      if (chunkUsage !== undefined) usage = chunkUsage;
      const choices = r.choices as unknown[] | undefined;
      if (!Array.isArray(choices) || choices.length === 0) {
        // The usage-only chunk comes after finish_reason: the stream is complete now.
        if (chunkUsage !== undefined && finishReason !== undefined) emitFinish(out);
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
            addToolDelta(typeof call.index === "number" ? call.index : position, call);
          }
        }
        if (typeof delta.function_call === "object" && delta.function_call !== null) {
          addToolDelta(0, { function: delta.function_call });
        }
      }
      if (typeof choice.finish_reason === "string") {
        finishReason = choice.finish_reason;
        flushToolCalls(out);
      }
    },
    end(out: L0Chunk[]): void {
      flushToolCalls(out);
      if (finishReason !== undefined || usage !== undefined) emitFinish(out);
    },
  };
}
