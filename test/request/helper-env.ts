/**
 * The environment of the provider-helper tests: one mock server per file (reset before each test),
 * and a run of `l0()` that returns what the server received.
 */
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import type { MockOpenAIServer, MockServerRequest } from "../../src/testing/mock-openai-server.js";
import type { L0Event } from "../../src/types/events.js";
import type { L0Options } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";
import { completeOf, finalText, runL0 } from "../adapters/l0-run.js";
import type { Run } from "../adapters/l0-run.js";

/** What the mock server answers. */
const ANSWER = "Described requests stream the same.";

/** Starts a mock server for the file; the getter returns it. */
export function useMockServer(): () => MockOpenAIServer {
  let server: MockOpenAIServer | undefined;
  beforeAll(async () => {
    server = await startMockOpenAIServer({ answer: ANSWER });
  });
  beforeEach(() => {
    server?.requests.splice(0);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (server === undefined) throw new Error("the mock server is not started");
    return server;
  };
}

/** A run of `l0()` and the requests the server received during it. */
export interface ServedRun {
  run: Run;
  requests: MockServerRequest[];
}

/**
 * Runs `l0(options)` to the end (fast retries) and returns the run with the requests the server
 * received; `onEvent` sees each event (e.g. to abort).
 */
export async function served(
  server: MockOpenAIServer,
  options: L0Options,
  onEvent?: (event: L0Event, result: L0Result) => void,
): Promise<ServedRun> {
  server.requests.splice(0);
  const run = await runL0({ retry: { baseDelay: 1, maxDelay: 5 }, ...options }, onEvent);
  return { run, requests: [...server.requests] };
}

/**
 * Runs the hand-written factory and the helper's stream through `l0()`: asserts that both streamed
 * the answer and that the helper sent one request, to `path`, completed, with exactly the
 * hand-written body. Returns that body.
 */
export async function expectSameBodyAsByHand(
  server: MockOpenAIServer,
  byHand: L0Options["stream"],
  byHelper: L0Options["stream"],
  path: string,
): Promise<unknown> {
  const hand = await served(server, { stream: byHand });
  const helper = await served(server, { stream: byHelper });
  expectAnswered(hand);
  expectAnswered(helper);
  expect(helper.requests.map((r) => [r.path, r.outcome])).toEqual([[path, "completed"]]);
  expect(helper.requests[0]?.body).toEqual(hand.requests[0]?.body);
  return helper.requests[0]?.body;
}

/** Runs `stream` through `l0()` and returns the JSON body of the first request the server received. */
export async function receivedBody(server: MockOpenAIServer, stream: L0Options["stream"]): Promise<Record<string, unknown>> {
  const { requests } = await served(server, { stream });
  return requests[0]?.body as Record<string, unknown>;
}

/** The server attributes of a request described against the local mock server. */
export function localServer(server: MockOpenAIServer): { serverAddress: string; serverPort: number } {
  return { serverAddress: "127.0.0.1", serverPort: server.port };
}

/**
 * Asserts what every attempt of `stream` must do on the wire: a mid-stream drop is retried with the
 * very same body, and aborting on the first token cancels the HTTP request.
 */
export async function expectRetryAndAbort(server: MockOpenAIServer, stream: L0Options["stream"]): Promise<void> {
  await expectRetrySendsSameBody(server, { stream });
  await expectAbortCancels(server, { stream });
}

/** Asserts that aborting on the first token cancelled the one HTTP request: the server saw the client go. */
async function expectAbortCancels(server: MockOpenAIServer, options: L0Options): Promise<void> {
  server.enqueueFaults(serverFaults.stall(2));
  const { run, requests } = await served(server, options, (event, result) => {
    if (event.type === "token") result.abort();
  });
  expect(run.thrown).toMatchObject({ code: "STREAM_ABORTED" });
  expect(requests).toHaveLength(1);
  expect(await requests[0]?.finished).toBe("client-disconnected");
}

/** Asserts a mid-stream drop was retried with the very same body, and the answer delivered. */
async function expectRetrySendsSameBody(server: MockOpenAIServer, options: L0Options): Promise<void> {
  server.enqueueFaults(serverFaults.drop(2));
  const { run, requests } = await served(server, options);
  expect(finalText(run.events)).toBe(ANSWER);
  expect(requests.map((r) => r.outcome)).toEqual(["dropped", "completed"]);
  expect(requests[1]?.body).toEqual(requests[0]?.body);
}

/** Asserts that `stream` through `l0()` streams the whole answer with usage, without error. */
export async function expectServesAnswer(server: MockOpenAIServer, stream: L0Options["stream"]): Promise<void> {
  expectAnswered(await served(server, { stream }));
}

/** Asserts the run streamed the whole answer with usage, without error. */
function expectAnswered({ run }: ServedRun): void {
  expect(run.thrown).toBeUndefined();
  expect(finalText(run.events)).toBe(ANSWER);
  expect(completeOf(run.events)?.usage?.outputTokens).toBeGreaterThan(0);
}
