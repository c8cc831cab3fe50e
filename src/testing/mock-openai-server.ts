/**
 * A local provider server for tests, examples and the demo, speaking three streaming protocols:
 * OpenAI chat completions (`POST /v1/chat/completions`), the OpenAI Responses API
 * (`POST /v1/responses`) and Anthropic Messages (`POST /v1/messages`), each as SSE or JSON, plus
 * `GET /v1/models`; with per-request fault scripts.
 * @packageDocumentation
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { writeError } from "./mock-chat-completions.js";
import { parseFaultHeader } from "./mock-server-faults.js";
import type { MockServerFault } from "./mock-server-faults.js";
import { MODEL_ROUTES, answerModelRequest } from "./mock-server-routes.js";
import { writeJson } from "./mock-stream-writer.js";
import type { MockChatRequest, MockRequestOutcome } from "./mock-stream-writer.js";

/** Options of {@link startMockOpenAIServer}. */
export interface MockOpenAIServerOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** The assistant's answer: fixed text or computed from the request. @default "Hello from the mock server." */
  answer?: string | ((request: MockChatRequest) => string);
  /** Splits the answer into streamed pieces; joined, they must equal the answer. @default words with their leading spaces */
  tokenize?: (text: string) => string[];
  /** Delay between streamed chunks, ms. @default 0 */
  chunkDelayMs?: number;
  /** Reported model name when the request has none. @default "mock-gpt" */
  model?: string;
  /** Faults consumed one per model request, whatever its API (the `x-mock-fault` header takes precedence). */
  faults?: MockServerFault[];
}

/** One logged request. */
export interface MockServerRequest {
  /** HTTP method. */
  method: string;
  /** URL path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Request headers (lower-cased names). */
  headers: IncomingMessage["headers"];
  /** Parsed JSON body (undefined when empty or invalid). */
  body: unknown;
  /** The fault played, if any. */
  fault: MockServerFault | undefined;
  /** Content chunks written so far. */
  chunksSent: number;
  /** How the response ended; `pending` while it runs. */
  outcome: MockRequestOutcome;
  /** Resolves with the final outcome once the response is over. */
  finished: Promise<MockRequestOutcome>;
}

/** A running mock server. */
export interface MockOpenAIServer {
  /** `http://127.0.0.1:PORT`: pass to `new Anthropic({ baseURL })` (which appends `/v1/messages`). */
  url: string;
  /**
   * `http://127.0.0.1:PORT/v1`: pass to `new OpenAI({ baseURL })`, `createOpenAI({ baseURL })`,
   * `createAnthropic({ baseURL })` and LangChain's `configuration: { baseURL }`.
   */
  baseURL: string;
  /** The port listened on. */
  port: number;
  /** Every request received, in order. */
  requests: MockServerRequest[];
  /** Appends faults to the queue consumed by model requests (chat, Responses, Messages). */
  enqueueFaults(...faults: MockServerFault[]): void;
  /** Stops the server: destroys open connections and cancels every pending timer. Idempotent. */
  close(): Promise<void>;
}

/** Splits text into words with their leading whitespace: `"Hi there"` → `["Hi", " there"]`. */
export function tokenizeWords(text: string): string[] {
  return text.split(/(?=\s+\S)/).filter((piece) => piece !== "");
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts the mock server on 127.0.0.1 (a free port by default). Every model route answers with the
 * same `answer`, split by `tokenize`, and consumes the same fault queue.
 * @example
 * const server = await startMockOpenAIServer({ answer: "Hello world", faults: [serverFaults.drop(1)] });
 * const openai = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
 * const anthropic = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
 * ...
 * await server.close();
 */
export async function startMockOpenAIServer(options: MockOpenAIServerOptions = {}): Promise<MockOpenAIServer> {
  const faultQueue: MockServerFault[] = [...(options.faults ?? [])];
  const requests: MockServerRequest[] = [];
  const sockets = new Set<Socket>();
  const lifetime = new AbortController();
  const tokenize = options.tokenize ?? tokenizeWords;
  const defaultModel = options.model ?? "mock-gpt";
  const answer = (request: MockChatRequest): string[] =>
    tokenize(typeof options.answer === "function" ? options.answer(request) : (options.answer ?? "Hello from the mock server."));
  let modelRequests = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let resolveFinished: (outcome: MockRequestOutcome) => void = () => {};
    const record: MockServerRequest = {
      method: req.method ?? "GET",
      path,
      headers: req.headers,
      body: undefined,
      fault: undefined,
      chunksSent: 0,
      outcome: "pending",
      finished: new Promise((resolve) => (resolveFinished = resolve)),
    };
    requests.push(record);
    const finish = (outcome: MockRequestOutcome): void => {
      if (record.outcome !== "pending") return;
      record.outcome = outcome;
      resolveFinished(outcome);
    };
    // A response closed before it finished writing means the client went away (or we dropped it).
    res.on("close", () => finish(res.writableFinished ? "completed" : "client-disconnected"));
    record.body = await readBody(req);

    if (req.method === "GET" && path === "/v1/models") {
      writeJson(res, 200, { object: "list", data: [{ id: defaultModel, object: "model", created: 0, owned_by: "l0-mock" }] });
      return;
    }
    const api = MODEL_ROUTES[path];
    if (req.method !== "POST" || api === undefined) {
      writeError(res, { type: "status", status: 404, message: `Unknown route ${req.method} ${path}` });
      return;
    }
    const headerFault = parseFaultHeader(req.headers["x-mock-fault"] as string | undefined);
    // An invalid request is answered 400 without consuming a queued fault.
    const takeFault = (): MockServerFault | undefined => (record.fault = headerFault ?? faultQueue.shift());
    await answerModelRequest(api, res, record.body, {
      takeFault,
      answer,
      defaultModel,
      sequence: ++modelRequests,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      signal: lifetime.signal,
      onChunk: () => record.chunksSent++,
      onOutcome: finish,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeError(res, { type: "status", status: 500, message: String(error) });
      else res.destroy();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    port,
    requests,
    enqueueFaults(...faults: MockServerFault[]): void {
      faultQueue.push(...faults);
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        lifetime.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}
