/**
 * OpenAI Responses API stream events (`openai.responses.create({ stream: true })`,
 * `openai.responses.stream()`) → {@link L0Chunk}s.
 * @packageDocumentation
 */
import type { L0Chunk } from "../types/events.js";
import type { ChunkTranslator } from "./chunk-iterator.js";
import { ProviderStreamError, openaiErrorStatus } from "./adapter-errors.js";
import { normalizeUsage } from "./normalize-usage.js";
import { toolCallMessage } from "./openai-translator.js";
import { finishChunk, responseChunk } from "./translated-chunks.js";

/**
 * True when `raw` is a Responses API stream event: a `type` starting with `response.`, or the
 * Responses `error` event (`{ type: "error", code, message, sequence_number }`).
 */
export function isResponsesEvent(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null) return false;
  const r = raw as Record<string, unknown>;
  const type = r.type;
  if (typeof type !== "string") return false;
  if (type.startsWith("response.")) return true;
  return type === "error" && typeof r.sequence_number === "number" && !("error" in r);
}

/** Builds the error of an `error` event or of a failed response's `error` object. */
function responsesError(payload: Record<string, unknown>, fallback: string, eventType: string): ProviderStreamError {
  const code = typeof payload.code === "string" ? payload.code : undefined;
  const message = typeof payload.message === "string" && payload.message !== "" ? payload.message : fallback;
  const fields: { type?: string; status?: number; code?: string; error?: unknown } = { type: eventType, error: payload };
  const status = openaiErrorStatus(code);
  if (status !== undefined) fields.status = status;
  if (code !== undefined) fields.code = code;
  return new ProviderStreamError(message, fields);
}

interface PendingCall {
  callId: string | undefined;
  name: string;
  arguments: string;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The key of a function call's pending arguments: its item id, else its output index. */
function callKey(event: Record<string, unknown>): string {
  return str(event.item_id) ?? (typeof event.output_index === "number" ? `#${event.output_index}` : "#0");
}

/**
 * The stateful translator of one Responses stream (a class: one per call, so no closures of its own).
 * - `response.created` / `in_progress` / `queued` → one `response` chunk (provider `openai`, model, id);
 * - `response.output_text.delta` and `response.refusal.delta` → `token`;
 * - a `function_call` output item: its `response.function_call_arguments.delta`s are accumulated and
 *   emitted at `response.output_item.done` as the `message` `{type:"tool_call", id, name, arguments}`
 *   (`id` is the item's `call_id`, the one a tool result answers);
 * - `response.completed` → `finish` with usage, finish reason `stop` (`tool_calls` when the output
 *   has function calls), model and id; `response.incomplete` → `finish` with finish reason `length`
 *   (`max_output_tokens`) or the given reason (e.g. `content_filter`): truncated output is a result,
 *   as chat completions' `finish_reason: "length"` is;
 * - `response.failed` and `error` → an `error` chunk ({@link ProviderStreamError} with the `code` and
 *   its HTTP `status` equivalent, so `rate_limit_exceeded` is retried as `rate_limit` and
 *   `server_error` as `server_error`);
 * - reasoning, annotations, built-in tool progress and future event types produce nothing.
 * A stream that ends without a terminal event reports no `finish`.
 */
export class ResponsesTranslator implements ChunkTranslator {
  /** The facts last reported in a `response` chunk (`model|id`), so each is reported once. */
  #announced: string | undefined;
  #finished = false;
  #hasFunctionCall = false;
  /** The function calls whose arguments are still streaming, by {@link callKey} (made by the first one). */
  #calls: Map<string, PendingCall> | undefined;

  /** Translates one Responses event, appending its chunks to `out`. */
  push(raw: unknown, out: L0Chunk[]): void {
    const event = raw as Record<string, unknown>;
    switch (event.type) {
      case "response.created":
      case "response.in_progress":
      case "response.queued":
        this.#announce(record(event.response), out);
        return;
      case "response.output_text.delta":
      case "response.refusal.delta":
        if (typeof event.delta === "string" && event.delta !== "") out.push({ type: "token", value: event.delta });
        return;
      case "response.output_item.added": {
        const item = record(event.item);
        if (item?.type !== "function_call") return;
        this.#hasFunctionCall = true;
        const key = str(item.id) ?? callKey(event);
        (this.#calls ??= new Map<string, PendingCall>()).set(key, {
          callId: str(item.call_id),
          name: str(item.name) ?? "",
          arguments: typeof item.arguments === "string" ? item.arguments : "",
        });
        return;
      }
      case "response.function_call_arguments.delta": {
        const call = this.#calls?.get(callKey(event));
        if (call !== undefined && typeof event.delta === "string") call.arguments += event.delta;
        return;
      }
      case "response.function_call_arguments.done": {
        const call = this.#calls?.get(callKey(event));
        if (call !== undefined && typeof event.arguments === "string") call.arguments = event.arguments;
        return;
      }
      case "response.output_item.done": {
        const item = record(event.item);
        if (item?.type !== "function_call") return;
        const key = str(item.id) ?? callKey(event);
        const pending = this.#calls?.get(key);
        this.#calls?.delete(key);
        const args = typeof item.arguments === "string" && item.arguments !== "" ? item.arguments : (pending?.arguments ?? "");
        out.push(toolCallMessage(str(item.call_id) ?? pending?.callId, str(item.name) ?? pending?.name ?? "", args));
        return;
      }
      case "response.completed": {
        const response = record(event.response);
        this.#announce(response, out);
        this.#finish(response, this.#hasFunctionCall ? "tool_calls" : "stop", out);
        return;
      }
      case "response.incomplete": {
        const response = record(event.response);
        this.#announce(response, out);
        const reason = str(record(response?.incomplete_details)?.reason);
        this.#finish(response, reason === undefined || reason === "max_output_tokens" ? "length" : reason, out);
        return;
      }
      case "response.failed": {
        const response = record(event.response);
        this.#announce(response, out);
        const error = record(response?.error) ?? {};
        out.push({ type: "error", error: responsesError(error, "The response failed", "response.failed") });
        return;
      }
      case "error":
        out.push({ type: "error", error: responsesError(event, "Responses stream error", "error") });
        return;
      default:
        return;
    }
  }

  /**
   * The stream ended. Without `response.completed` / `response.incomplete` the response did not
   * finish, so no finish is reported.
   */
  end(): void {}

  #announce(response: Record<string, unknown> | undefined, out: L0Chunk[]): void {
    const model = str(response?.model);
    const id = str(response?.id);
    const key = `${model ?? ""}|${id ?? ""}`;
    if (this.#announced === key || (model === undefined && id === undefined)) return;
    this.#announced = key;
    out.push(responseChunk({ provider: "openai", model, responseId: id }));
  }

  #finish(response: Record<string, unknown> | undefined, finishReason: string, out: L0Chunk[]): void {
    if (this.#finished) return;
    this.#finished = true;
    const calls = this.#calls;
    if (calls !== undefined) {
      for (const call of calls.values()) out.push(toolCallMessage(call.callId, call.name, call.arguments));
      calls.clear();
    }
    out.push(
      finishChunk({ finishReason, usage: normalizeUsage(response?.usage), model: str(response?.model), responseId: str(response?.id) }),
    );
  }
}
