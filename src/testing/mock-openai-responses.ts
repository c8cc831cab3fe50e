/**
 * Response writers of the mock OpenAI server: JSON bodies, OpenAI-format errors and the SSE
 * chat-completions stream with its faults.
 * @packageDocumentation
 */
import type { ServerResponse } from "node:http";
import type { MockServerFault } from "./mock-server-faults.js";

/** How a mock server response ended. */
export type MockRequestOutcome = "pending" | "completed" | "client-disconnected" | "dropped" | "malformed" | "error-status";

/** A chat request as the `answer` function sees it. */
export interface MockChatRequest {
  /** The requested model (or the server's default). */
  model: string;
  /** The request's chat messages. */
  messages: Array<{ role?: string; content?: unknown }>;
  /** The whole JSON body. */
  body: Record<string, unknown>;
}

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Bad request" },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided" },
  404: { type: "invalid_request_error", code: "not_found", message: "Not found" },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests" },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request." },
};

/** Writes a JSON body. */
export function writeCompletion(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Writes an error in OpenAI's format (`{ error: { message, type, param, code } }`), with `retry-after` when given. */
export function writeError(res: ServerResponse, fault: Extract<MockServerFault, { type: "status" }>): void {
  const known = ERROR_TYPES[fault.status] ?? { type: fault.status >= 500 ? "server_error" : "invalid_request_error", code: null, message: `HTTP ${fault.status}` };
  const text = JSON.stringify({ error: { message: fault.message ?? known.message, type: known.type, param: null, code: known.code } });
  const headers: Record<string, string | number> = { "content-type": "application/json", "content-length": Buffer.byteLength(text) };
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  res.writeHead(fault.status, headers);
  res.end(text);
}

/** Resolves true after `ms` (never when undefined), false as soon as `signal` aborts. Leaves no timer behind. */
function sleep(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    if (ms !== undefined) {
      timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve(true);
      }, ms);
    }
  });
}

/** What {@link streamCompletion} streams. */
export interface StreamPlan {
  id: string;
  model: string;
  pieces: string[];
  /** Present when `stream_options.include_usage` was set: sent as the last chunk. */
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | undefined;
  chunkDelayMs: number;
  fault: MockServerFault | undefined;
  /** Aborted when the server closes. */
  signal: AbortSignal;
  /** Called after each content chunk is written. */
  onChunk(): void;
  /** Called with the outcome before the response is ended or destroyed. */
  onOutcome(outcome: MockRequestOutcome): void;
}

/**
 * Streams `chat.completion.chunk`s as SSE: a role chunk, one chunk per piece, the finish chunk,
 * the usage-only chunk when requested, then `data: [DONE]`; playing `plan.fault` on the way.
 */
export async function streamCompletion(res: ServerResponse, plan: StreamPlan): Promise<void> {
  const stop = new AbortController();
  const onServerClose = (): void => stop.abort();
  plan.signal.addEventListener("abort", onServerClose, { once: true });
  res.on("close", onServerClose);
  try {
    const created = Math.floor(Date.now() / 1000);
    const base = `{"id":${JSON.stringify(plan.id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(plan.model)}`;
    const usageNull = plan.usage === undefined ? "" : `,"usage":null`;
    const chunk = (delta: unknown, finishReason: string | null): string =>
      `data: ${base},"choices":[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]${usageNull}}\n\n`;
    const open = (): boolean => !stop.signal.aborted && !res.destroyed;

    // Resolves once the last write reached the socket, so a drop happens after the client got the chunks.
    let flushed: Promise<void> = Promise.resolve();
    const write = (text: string): void => {
      flushed = new Promise<void>((resolve) => res.write(text, () => resolve()));
    };
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
    write(chunk({ role: "assistant", content: "", refusal: null }, null));
    const fault = plan.fault;
    const faultAt = fault === undefined || fault.type === "none" || fault.type === "status" ? -1 : (fault.afterChunks ?? 0);
    for (let i = 0; i <= plan.pieces.length; i++) {
      if (i === faultAt && fault !== undefined) {
        if (fault.type === "drop") {
          await flushed;
          plan.onOutcome("dropped");
          res.socket?.destroy();
          res.destroy();
          return;
        }
        if (fault.type === "malformed") {
          plan.onOutcome("malformed");
          res.end(`data: ${base},"choices":[{"index":0,"delta":{"content":\n\n`);
          return;
        }
        if (fault.type === "stall" && !(await sleep(fault.ms, stop.signal))) return;
      }
      if (i === plan.pieces.length) break;
      if (plan.chunkDelayMs > 0 && !(await sleep(plan.chunkDelayMs, stop.signal))) return;
      if (!open()) return;
      write(chunk({ content: plan.pieces[i] }, null));
      plan.onChunk();
    }
    if (!open()) return;
    res.write(chunk({}, "stop"));
    if (plan.usage !== undefined) res.write(`data: ${base},"choices":[],"usage":${JSON.stringify(plan.usage)}}\n\n`);
    plan.onOutcome("completed");
    res.end("data: [DONE]\n\n");
  } finally {
    plan.signal.removeEventListener("abort", onServerClose);
    res.off("close", onServerClose);
  }
}
