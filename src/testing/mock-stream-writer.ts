/**
 * What every protocol of the mock server shares: JSON bodies, the request shape the `answer`
 * function sees, and the SSE writer that plays a fault (drop, stall, malformed event, in-band
 * error event) while it streams a protocol's events.
 * @packageDocumentation
 */
import type { ServerResponse } from "node:http";
import type { MockServerFault } from "./mock-server-faults.js";

/**
 * How a mock server response ended: `completed`; `client-disconnected` (the client went away, e.g.
 * an abort); `dropped` (a `drop` fault); `malformed` (a `malformed` fault); `error-status` (an HTTP
 * error answered); `error-event` (an in-band error event, `streamError` fault).
 */
export type MockRequestOutcome = "pending" | "completed" | "client-disconnected" | "dropped" | "malformed" | "error-status" | "error-event";

/** The API a request was made to. */
export type MockApi = "chat" | "responses" | "messages";

/** A request as the `answer` function sees it, whichever API it came to. */
export interface MockChatRequest {
  /** The requested model (or the server's default). */
  model: string;
  /**
   * The conversation: chat `messages`, Anthropic `messages` (with `system` first as a `system`
   * message), or the Responses API `input` (a string becomes one `user` message) after `instructions`.
   */
  messages: Array<{ role?: string; content?: unknown }>;
  /** The whole JSON body. */
  body: Record<string, unknown>;
  /** The API: `chat` (`/v1/chat/completions`), `responses` (`/v1/responses`), `messages` (`/v1/messages`). */
  api?: MockApi;
}

/** Writes a JSON body with `status` and extra `headers`. */
export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The text of a message `content`: a string, or the `text` of its text parts (`text`, `input_text`, `output_text`). */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (typeof part === "string") text += part;
    else if (typeof part === "object" && part !== null && typeof (part as { text?: unknown }).text === "string")
      text += ` ${(part as { text: string }).text}`;
  }
  return text;
}

/** Prompt "tokens" of a request: whitespace-separated words of every message's text. */
export function promptTokens(request: MockChatRequest): number {
  let count = 0;
  for (const message of request.messages)
    count += contentText(message?.content)
      .split(/\s+/)
      .filter((word) => word !== "").length;
  return count;
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

/** One SSE event: `data:` with an optional `event:` name. */
export function sse(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

/** The SSE events of one streamed answer, in one API's protocol. */
export interface StreamProtocol {
  /** Events before the first piece (e.g. `message_start`, `response.created`, the role chunk). */
  open(): string[];
  /** The event of text piece `index`. */
  piece(text: string, index: number): string;
  /** Events after the last piece (finish, usage, terminator). */
  close(): string[];
  /** An event whose data is invalid JSON (a truncated chunk). */
  malformed(): string;
  /** The protocol's in-band error event for an HTTP-like `status` (e.g. Anthropic `overloaded_error` for 529). */
  errorEvent(status: number, message?: string): string;
}

/** What {@link playStream} streams. */
export interface StreamPlan {
  protocol: StreamProtocol;
  pieces: readonly string[];
  chunkDelayMs: number;
  fault: MockServerFault | undefined;
  /** Aborted when the server closes. */
  signal: AbortSignal;
  /** Called after each content event is written. */
  onChunk(): void;
  /** Called with the outcome before the response is ended or destroyed. */
  onOutcome(outcome: MockRequestOutcome): void;
}

/**
 * Streams `plan.protocol`'s events as SSE (`open`, one event per piece, `close`), playing
 * `plan.fault` once `afterChunks` content events were written: `drop` destroys the socket after
 * the written events reached it; `stall` pauses (for `ms`, or until the client goes away);
 * `malformed` writes an invalid event and ends; `stream-error` writes the protocol's error event
 * and ends. Stops quietly when the client disconnects or the server closes.
 */
export async function playStream(res: ServerResponse, plan: StreamPlan): Promise<void> {
  const stop = new AbortController();
  const onServerClose = (): void => stop.abort();
  plan.signal.addEventListener("abort", onServerClose, { once: true });
  res.on("close", onServerClose);
  try {
    const open = (): boolean => !stop.signal.aborted && !res.destroyed;
    // Resolves once the last write reached the socket, so a drop happens after the client got the chunks.
    let flushed: Promise<void> = Promise.resolve();
    const write = (text: string): void => {
      flushed = new Promise<void>((resolve) => res.write(text, () => resolve()));
    };
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
    for (const event of plan.protocol.open()) write(event);
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
          res.end(plan.protocol.malformed());
          return;
        }
        if (fault.type === "stream-error") {
          plan.onOutcome("error-event");
          res.end(plan.protocol.errorEvent(fault.status, fault.message));
          return;
        }
        if (fault.type === "stall" && !(await sleep(fault.ms, stop.signal))) return;
      }
      if (i === plan.pieces.length) break;
      if (plan.chunkDelayMs > 0 && !(await sleep(plan.chunkDelayMs, stop.signal))) return;
      if (!open()) return;
      write(plan.protocol.piece(plan.pieces[i] as string, i));
      plan.onChunk();
    }
    if (!open()) return;
    const closing = plan.protocol.close();
    for (const event of closing.slice(0, -1)) res.write(event);
    plan.onOutcome("completed");
    res.end(closing.at(-1) ?? "");
  } finally {
    plan.signal.removeEventListener("abort", onServerClose);
    res.off("close", onServerClose);
  }
}
