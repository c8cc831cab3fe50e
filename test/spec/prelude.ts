/**
 * What the spec examples assume but do not define: the `model` / `prompt` placeholders (a real AI
 * SDK mock model streaming a short answer), finished telemetry objects, stand-ins for the user's own
 * services (`logger`, `metricsClient`, `sendToMonitoring`, ...), and interceptions that keep the
 * examples off the network (`app.listen(port)` goes to the port the test chose, `fetch` of the
 * examples' analytics host is answered locally).
 *
 * Everything observable is printed as a probe line `@@<name> <json>` for the test to read.
 * Importing this module seeds `Math.random`, so sampling and A/B choices are reproducible; with
 * `SPEC_RANDOM=0` it always returns 0, so every sampling draw selects the call.
 */
import net from "node:net";
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream, streamText } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { l0 } from "l0";
import type { GuardrailRule, L0Result, L0Telemetry } from "l0";
import { createMockStream, faults } from "l0/testing";
import { tokenText } from "../helpers/drain.js";

if (process.env["SPEC_RANDOM"] === "0")
  Math.random = () => 0; // every "x% of calls" draw succeeds
else seedRandom(Number(process.env["SPEC_SEED"] ?? 42));

/** Replaces `Math.random` with a seeded generator (mulberry32). */
function seedRandom(seed: number): void {
  let state = seed >>> 0;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prints one probe line for the test. */
export function probe(name: string, value: unknown): void {
  console.log(`@@${name} ${JSON.stringify(value)}`);
}

/** The tokens of the mock model's answer. */
const ANSWER_TOKENS: readonly string[] = ["Hello", " from", " the", " mock", " model."];

/** The `prompt` placeholder. */
export const prompt = "Say hello in five words.";

/** A real AI SDK v6 mock model streaming `tokens` (one text delta each, `delayMs` apart) with usage. */
function answerModel(tokens: readonly string[] = ANSWER_TOKENS, delayMs = 0): MockLanguageModelV3 {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
    ...tokens.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "t", delta })),
    { type: "text-end", id: "t" },
    {
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 6, noCache: 6, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: tokens.length, text: tokens.length, reasoning: undefined },
      },
    },
  ];
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: simulateReadableStream({ chunks: parts, initialDelayInMs: delayMs, chunkDelayInMs: delayMs }),
    }),
  });
}

/** The `model` placeholder: answers {@link ANSWER_TOKENS} at once. */
export const model = answerModel();

/**
 * A model that streams for 6.65 s (130 tokens, 50 ms apart, after 150 ms): outlasts the abort
 * examples' 5 s timer. Those examples run on a virtual clock (`virtual-time.ts`), so these timers
 * cost no wall time. (Their factories pass no `abortSignal` to `streamText`, so the AI SDK keeps
 * reading the model after l0 cancels its reader, until the stream ends.)
 */
export const slowModel = answerModel(
  Array.from({ length: 130 }, (_, i) => ` word${i}`),
  50,
);

/** Drains an l0 result's stream and returns the text of its token events. */
export const consume = tokenText;

/** A finished monitored call of {@link model} (stream consumed). */
export async function finishedResult(metadata?: Record<string, unknown>): Promise<L0Result> {
  const result = await l0({
    stream: () => streamText({ model, prompt }),
    monitoring: metadata ? { enabled: true, metadata } : { enabled: true },
  });
  await consume(result);
  return result;
}

/** A guardrail rule that warns once per attempt when the output mentions "mock". */
const mentionsMock: GuardrailRule = {
  name: "no-mock-mention",
  streaming: false,
  check: (context) =>
    context.completed && context.content.includes("mock")
      ? [{ rule: "no-mock-mention", message: "mentions the mock", severity: "warning", recoverable: false }]
      : [],
};

/**
 * The `telemetry` free variable: a real finished call whose first attempt dies with a connection
 * reset after one token (retried after 20 ms) and whose answer draws one guardrail warning.
 */
export async function eventfulTelemetry(): Promise<L0Telemetry> {
  const result = await l0({
    stream: ({ attempt }) =>
      attempt === 1 ? createMockStream(["Hello", faults.econnreset()]) : createMockStream([...ANSWER_TOKENS], { chunkDelayMs: 2 }),
    retry: { baseDelay: 20, maxDelay: 20, backoff: "fixed" },
    guardrails: [mentionsMock],
    monitoring: { enabled: true, metadata: { model: "gpt-4", environment: "test" } },
  });
  await consume(result);
  if (!result.telemetry) throw new Error("monitored call without telemetry");
  return result.telemetry;
}

/** A stand-in for the user's service: records each call as a probe `@@<name>` and resolves. */
export function recorder(name: string): (...args: unknown[]) => Promise<void> {
  return async (...args) => probe(name, args);
}

/** A stand-in logger (`logger.info(message, fields)`) printing probes `@@logger.info`. */
export const logger = {
  info: (message: string, fields?: unknown) => probe("logger.info", [message, fields]),
};

/** A stand-in metrics client (`metricsClient.gauge(name, value, options)`) printing probes `@@metricsClient.gauge`. */
export const metricsClient = {
  gauge: (name: string, value: number, options?: unknown) => probe("metricsClient.gauge", [name, value, options]),
};

/**
 * Sends every `server.listen(port)` to the port in `SPEC_LISTEN_PORT` (or a free one) instead, and
 * prints `@@listening {"requested":9090,"port":<real>}` once listening. Keeps examples that call
 * `app.listen(9090)` runnable beside anything else on the machine.
 */
export function redirectListen(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the server as `this` below
  const original = net.Server.prototype.listen;
  const target = Number(process.env["SPEC_LISTEN_PORT"] ?? 0);
  net.Server.prototype.listen = function listen(this: net.Server, ...args: unknown[]): net.Server {
    const requested = args[0];
    if (typeof requested === "number") {
      args[0] = target;
      if (typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
      this.once("listening", () => {
        const address = this.address();
        probe("listening", { requested, port: typeof address === "object" && address ? address.port : null });
      });
    }
    return (original as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof original;
}

/**
 * Answers `fetch` calls to `host` locally (204) and prints each as `@@fetch {url, method, body}`;
 * every other URL goes to the real `fetch`.
 */
export function interceptFetch(host: string): void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.host !== host) return realFetch(input, init);
    const body = typeof init?.body === "string" ? init.body : null;
    probe("fetch", { url: url.href, method: init?.method ?? "GET", body });
    return new Response(null, { status: 204 });
  };
}

/** True when `A` and `B` are the same type (not merely assignable). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `const ok: Expect<Equal<A, B>> = true`. */
export type Expect<T extends true> = T;

/**
 * The lines of a signature block kept as text (`Name.member(args): Type`), comments and blank
 * lines dropped, split into the callee path and the declared type.
 */
export function parseSignatures(text: string): { path: string[]; call: boolean; type: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("//"))
    .map((line) => {
      const match = /^([\w.]+)(\([^)]*\))?:\s*(.+)$/.exec(line);
      if (!match) throw new Error(`not a signature: ${line}`);
      return { path: (match[1] as string).split("."), call: match[2] !== undefined, type: match[3] as string };
    });
}
