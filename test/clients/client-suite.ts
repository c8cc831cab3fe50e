/**
 * The scenarios every real client is tested with, against the local mock server, through `l0()`:
 * a clean call, a mid-stream drop, a 429 with `retry-after`, and an abort. l0's spans go to an
 * in-memory exporter, so the usage the provider reported can be read back from the telemetry.
 */
import { InMemorySpanExporter, SimpleSpanProcessor, BasicTracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { L0SpanProcessor } from "../../src/telemetry/l0-span-processor.js";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import type { L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults, type MockServerFault } from "../../src/testing/mock-server-faults.js";
import type { L0Usage } from "../../src/types/events.js";
import type { StreamContext } from "../../src/types/options.js";
import { completeOf, FAST_RETRY, finalText, runL0 } from "../adapters/l0-run.js";
import type { Run } from "../adapters/l0-run.js";

/** The answer every scenario streams (8 pieces). */
export const ANSWER = "Streams fail in many ways, and l0 recovers.";
/** The prompt every scenario sends (3 words: 3 prompt tokens on the mock server). */
export const PROMPT = "Explain stream reliability";

/** What a client test provides to the shared scenarios. */
export interface ClientUnderTest {
  /** The adapter l0 must detect for what `stream` returns. */
  adapter: string;
  /** The l0 stream factory: the client's streaming call, cancelled by `signal`. */
  stream(context: StreamContext): unknown;
  /** The same call made with the client alone: the text and usage the client reports. */
  direct(): Promise<{ text: string; usage: L0Usage }>;
  /** The error type a dropped connection is classified as with this client. */
  dropType: string;
}

/** The shared test environment of one client test file. */
export interface ClientEnv {
  server: MockOpenAIServer;
  exporter: InMemorySpanExporter;
}

/**
 * The provider usage l0's telemetry recorded for the call: `gen_ai.usage.*` of the operation span
 * (the span without `l0.attempt.number`) when it carries them, else their sum over the attempt spans.
 */
function spanUsage(spans: readonly ReadableSpan[]): L0Usage {
  const operation = spans.find(
    (span) => span.attributes["l0.attempt.number"] === undefined && span.attributes["gen_ai.usage.input_tokens"] !== undefined,
  );
  const counted = operation !== undefined ? [operation] : spans;
  let input = 0;
  let output = 0;
  for (const span of counted) {
    const a = span.attributes;
    if (typeof a["gen_ai.usage.input_tokens"] === "number") input += a["gen_ai.usage.input_tokens"];
    if (typeof a["gen_ai.usage.output_tokens"] === "number") output += a["gen_ai.usage.output_tokens"];
  }
  return { inputTokens: input, outputTokens: output, totalTokens: input + output };
}

/** One in-memory span pipeline per test file, registered for l0 while any suite of the file runs. */
const telemetry = (() => {
  const exporter = new InMemorySpanExporter();
  let users = 0;
  let provider: BasicTracerProvider | undefined;
  let handle: L0InstrumentationHandle | undefined;
  return {
    acquire(): InMemorySpanExporter {
      if (users++ === 0) {
        provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), new L0SpanProcessor()] });
        handle = registerL0Instrumentation({ tracerProvider: provider, useGlobal: false });
      }
      return exporter;
    },
    async release(): Promise<void> {
      if (--users > 0) return;
      await handle?.shutdown();
      await provider?.shutdown();
    },
  };
})();

/** The `l0.adapter` values recorded on the spans. */
function adaptersOf(spans: readonly ReadableSpan[]): string[] {
  return [...new Set(spans.flatMap((span) => (typeof span.attributes["l0.adapter"] === "string" ? [span.attributes["l0.adapter"]] : [])))];
}

/**
 * Starts a mock server and an in-memory span pipeline for the file, and registers the shared
 * scenarios under `name`. `make` builds the client for the server.
 */
export function describeClient(
  name: string,
  make: (server: MockOpenAIServer) => ClientUnderTest,
  extra?: (env: () => ClientEnv, client: () => ClientUnderTest) => void,
): void {
  let env: ClientEnv | undefined;
  let client: ClientUnderTest | undefined;
  beforeAll(async () => {
    const exporter = telemetry.acquire();
    const server = await startMockOpenAIServer({ answer: ANSWER });
    env = { server, exporter };
    client = make(server);
  });
  beforeEach(() => {
    env?.exporter.reset();
    env?.server.requests.splice(0);
  });
  afterAll(async () => {
    await env?.server.close();
    await telemetry.release();
  });
  const getEnv = (): ClientEnv => env as ClientEnv;
  const getClient = (): ClientUnderTest => client as ClientUnderTest;
  const monitored = { enabled: true };
  const retry = { baseDelay: 1, maxDelay: 5 };

  describe(name, () => {
    it("clean call: the text and usage the client reports are what l0 delivers and what telemetry records", async () => {
      const c = getClient();
      const direct = await c.direct();
      expect(direct.text).toBe(ANSWER);
      getEnv().exporter.reset();
      const run = await runL0({ stream: (ctx) => c.stream(ctx), retry, monitoring: monitored });
      expect(run.thrown).toBeUndefined();
      expect(finalText(run.events)).toBe(direct.text);
      expect(completeOf(run.events)?.usage).toEqual(direct.usage);
      const spans = getEnv().exporter.getFinishedSpans();
      expect(spanUsage(spans)).toEqual(direct.usage);
      expect(adaptersOf(spans)).toEqual([c.adapter]);
      expect(run.result.telemetry?.metrics.totalTokens).toBe(run.events.filter((e) => e.type === "token").length);
      expect(run.result.telemetry?.metrics.totalRetries).toBe(0);
    });

    it("a connection dropped mid-stream is retried: the retry's text and usage are delivered", async () => {
      const { server, exporter } = getEnv();
      server.enqueueFaults(serverFaults.drop(2));
      const run = await runL0({ stream: (ctx) => getClient().stream(ctx), retry, monitoring: monitored });
      expectRetried(run, getClient().dropType);
      expect(server.requests.map((r) => r.outcome)).toEqual(["dropped", "completed"]);
      expect(run.result.telemetry?.network.errorsByType).toEqual({ [getClient().dropType]: 1 });
      // Only the successful attempt reported usage: the telemetry bills it once.
      expect(spanUsage(exporter.getFinishedSpans())).toEqual(completeOf(run.events)?.usage);
    });

    it("a 429 is retried after the server's retry-after (50 ms), not the 1 ms backoff", async () => {
      const { server } = getEnv();
      server.enqueueFaults(serverFaults.rateLimit("0.05"));
      const run = await runL0({ stream: (ctx) => getClient().stream(ctx), retry, monitoring: monitored });
      expect(run.events.find((e) => e.type === "retry")).toMatchObject({ reason: "rate_limit", kind: "network", delayMs: 50 });
      expectRetried(run, "rate_limit");
      expect(server.requests.map((r) => r.outcome)).toEqual(["error-status", "completed"]);
    });

    it("abort cancels the HTTP request: the server sees the client disconnect, and nothing is retried", async () => {
      const { server } = getEnv();
      server.enqueueFaults(serverFaults.stall(2));
      const run = await runL0({ stream: (ctx) => getClient().stream(ctx), retry, monitoring: monitored }, (event, result) => {
        if (event.type === "token") result.abort();
      });
      expect(run.events.at(-1)).toMatchObject({ type: "error", errorType: "aborted" });
      expect(run.thrown).toMatchObject({ code: "STREAM_ABORTED" });
      expect(await server.requests[0]?.finished).toBe("client-disconnected");
      expect(server.requests).toHaveLength(1);
      expect(run.result.state.aborted).toBe(true);
    });
  });
  if (extra !== undefined) describe(`${name}: provider specifics`, () => extra(getEnv, getClient));
}

/**
 * Plays `fault` on the next request to `server`, runs the client's call through `l0()` (fast
 * retries, monitored) and asserts it was retried once as `type` (see {@link expectRetried}).
 */
export async function expectFaultRetried(
  server: MockOpenAIServer,
  client: ClientUnderTest,
  fault: MockServerFault,
  type: string,
): Promise<void> {
  server.enqueueFaults(fault);
  expectRetried(await runL0({ stream: (ctx) => client.stream(ctx), retry: FAST_RETRY, monitoring: { enabled: true } }), type);
}

/** Asserts one network retry of `type`, then the whole answer with usage on `complete`. */
function expectRetried(run: Run, type: string): void {
  const retries = run.events.filter((e) => e.type === "retry");
  expect(retries).toHaveLength(1);
  expect(retries[0]).toMatchObject({ reason: type, kind: "network" });
  expect(finalText(run.events)).toBe(ANSWER);
  expect(completeOf(run.events)?.usage).toMatchObject({ outputTokens: 8 });
  expect(run.result.telemetry?.metrics.networkRetries).toBe(1);
}
