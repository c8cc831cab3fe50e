/**
 * The real `openai` SDK against the local mock server, through `l0`, with faults.
 */
import { afterEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { l0 } from "../../src/l0.js";
import type { L0Event } from "../../src/types/events.js";
import type { StreamContext } from "../../src/types/options.js";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import type { MockServerFault } from "../../src/testing/mock-server-faults.js";
import { collect } from "../helpers/drain.js";
import { finalText } from "../adapters/l0-run.js";
import { streamedChatParams } from "../helpers/openai-chat-request.js";

const ANSWER = "Streams fail in many ways, and l0 recovers.";
let server: MockOpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(
  faults: MockServerFault[],
  chunkDelayMs = 0,
): Promise<{ server: MockOpenAIServer; factory: (context: StreamContext) => unknown }> {
  server = await startMockOpenAIServer({ answer: ANSWER, faults, chunkDelayMs });
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
  const factory = ({ signal }: StreamContext): unknown =>
    client.chat.completions.create(streamedChatParams("Explain stream reliability"), { signal });
  return { server, factory };
}

const USAGE = { inputTokens: 3, outputTokens: 8, totalTokens: 11 };
const fastRetry = { baseDelay: 1, maxDelay: 50 };

describe("openai SDK through l0 against the local server", () => {
  it("a clean stream: exact text, usage from include_usage and finish reason on complete", async () => {
    const { factory } = await setup([]);
    const result = await l0({ stream: factory });
    const list = await collect(result.stream);
    expect(finalText(list)).toBe(ANSWER);
    expect(list.at(-1)).toMatchObject({ type: "complete", finishReason: "stop", usage: USAGE, tokenCount: 8 });
  });

  it("drop after k chunks: retried as a network error, the next attempt's text is exact", async () => {
    const { server, factory } = await setup([serverFaults.drop(3)]);
    const result = await l0({ stream: factory, retry: fastRetry });
    const list = await collect(result.stream);
    expect(list.filter((e) => e.type === "retry")).toHaveLength(1);
    expect(list.find((e) => e.type === "retry")).toMatchObject({ kind: "network", discardsOutput: true });
    expect(finalText(list)).toBe(ANSWER);
    expect(result.state.content).toBe(ANSWER);
    expect(list.at(-1)).toMatchObject({ type: "complete", usage: USAGE });
    expect(server.requests.map((r) => r.outcome)).toEqual(["dropped", "completed"]);
  });

  it("429 with retry-after: retried after the server's delay", async () => {
    const { server, factory } = await setup([serverFaults.rateLimit("0.03")]);
    const result = await l0({ stream: factory, retry: { baseDelay: 1, maxDelay: 1000 } });
    const list = await collect(result.stream);
    const retry = list.find((e) => e.type === "retry");
    expect(retry).toMatchObject({ type: "retry", kind: "network" });
    expect((retry as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(30);
    expect(finalText(list)).toBe(ANSWER);
    expect(server.requests.map((r) => r.outcome)).toEqual(["error-status", "completed"]);
  });

  it("500 then success: exact text and usage", async () => {
    const { factory } = await setup([serverFaults.serverError()]);
    const result = await l0({ stream: factory, retry: fastRetry });
    const list = await collect(result.stream);
    expect(list.some((e) => e.type === "retry")).toBe(true);
    expect(finalText(list)).toBe(ANSWER);
    expect(list.at(-1)).toMatchObject({ type: "complete", usage: USAGE });
  });

  it("a malformed chunk fails the attempt; the retry delivers the exact text", async () => {
    const { server, factory } = await setup([serverFaults.malformed(2)]);
    const result = await l0({ stream: factory, retry: fastRetry });
    const list = await collect(result.stream);
    expect(list.some((e) => e.type === "retry")).toBe(true);
    expect(finalText(list)).toBe(ANSWER);
    expect(server.requests.map((r) => r.outcome)).toEqual(["malformed", "completed"]);
  });

  it("401 is not retried: the call fails with the SDK's error as cause", async () => {
    const { server, factory } = await setup([serverFaults.unauthorized()]);
    const result = await l0({ stream: factory, retry: fastRetry });
    const seen: L0Event[] = [];
    const failure = await (async () => {
      for await (const event of result.stream) seen.push(event);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(seen.some((e) => e.type === "retry")).toBe(false);
    expect(seen.at(-1)?.type).toBe("error");
    expect(server.requests).toHaveLength(1);
  });

  it("an inter-token timeout aborts the factory's signal: the server sees the client disconnect, the retry succeeds", async () => {
    const { server, factory } = await setup([serverFaults.stall(2)]);
    const result = await l0({ stream: factory, retry: fastRetry, timeout: { interToken: 150 } });
    const list = await collect(result.stream);
    expect(await server.requests[0]?.finished).toBe("client-disconnected");
    expect(server.requests[0]?.chunksSent).toBe(2);
    expect(finalText(list)).toBe(ANSWER);
  });

  it("result.abort() cancels the SDK request: the server sees the client disconnect", async () => {
    const { server, factory } = await setup([serverFaults.stall(1)]);
    const result = await l0({ stream: factory });
    const iterator = result.stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toMatchObject({ value: { type: "token", value: "Streams" } });
    const pending = iterator.next().catch((error: unknown) => error);
    result.abort();
    await pending;
    expect(await server.requests[0]?.finished).toBe("client-disconnected");
    expect(server.requests).toHaveLength(1);
  });

  it("a consumer break closes the SDK stream: the server sees the client disconnect", async () => {
    const { server, factory } = await setup([], 10);
    const result = await l0({ stream: factory });
    for await (const event of result.stream) {
      if (event.type === "token") break;
    }
    expect(await server.requests[0]?.finished).toBe("client-disconnected");
  });
});
