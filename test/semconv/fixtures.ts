/**
 * Representative `l0()` calls for the conformance test, each with the facts the conventions'
 * conditions depend on (what l0 was told or could see, what the provider reported, whether the
 * call failed), so conditional requirements are checked exactly where their condition holds.
 */
import OpenAI from "openai";
import { l0 } from "../../src/l0.js";
import type { L0Result } from "../../src/types/result.js";
import { openaiChat } from "../../src/request/openai-chat.js";
import { mockStreamFactory, step } from "../../src/testing/index.js";
import { startMockOpenAIServer, tokenizeWords } from "../../src/testing/mock-openai-server.js";
import { drainError } from "../helpers/drain.js";
import {
  BROKEN_JSON,
  capturedViolationCall,
  CLEAN_OUTPUT,
  DRIFTING,
  fallbackCall,
  PLACEHOLDER_OUTPUT,
  richCall,
  words,
} from "../telemetry/rich-call.js";
import { streamedChatParams } from "../helpers/openai-chat-request.js";

/** What a fixture call makes true. */
export interface FixtureFacts {
  /** The model l0 was told (`monitoring.model`) or could read from the request. */
  readonly requestModel: string | undefined;
  /** The model the provider's chunks named. */
  readonly responseModel: string | undefined;
  /** Whether the `l0()` call ended in an error. */
  readonly failed: boolean;
  readonly captureContent: boolean;
  /** Usage the provider reported, summed over every attempt that reported it (what is billed). */
  readonly billedUsage: { input: number; output: number } | undefined;
  /** Where the client sent its request, when the client exposes it. */
  readonly server: { address: string; port: number } | undefined;
  /** Content chunks each attempt received from the provider, in order. */
  readonly contentChunks: readonly number[];
  /** The rule id of each violation (`GuardrailViolation.rule`, e.g. `pattern-placeholder` of the `pattern` rule), one entry per violation. */
  readonly violations: readonly string[];
}

/** A named call and its facts (some facts are only known once the call ran). */
export interface Fixture {
  readonly name: string;
  run(): Promise<FixtureFacts>;
}

const OPENAI_META = "mock-gpt";

/**
 * `richCall` without metadata: attempt 1 drops after one chunk (network retry), attempt 2 streams
 * broken JSON (guardrail violation of `json`, model retry), attempt 3 streams prose with drift
 * (kept). Provider and model given; the provider reports usage on attempts 2 and 3.
 */
const rich: Fixture = {
  name: "rich-call",
  async run() {
    await richCall({});
    return {
      requestModel: "gpt-4o",
      responseModel: OPENAI_META,
      failed: false,
      captureContent: false,
      billedUsage: { input: 22, output: 26 },
      server: undefined,
      contentChunks: [1, words(BROKEN_JSON).length, words(DRIFTING).length],
      violations: ["json-structure"],
    };
  },
};

/** `capturedViolationCall`: no provider or model given, content captured; attempt 1 leaves a placeholder (violation), attempt 2 is clean. */
const capturedViolation: Fixture = {
  name: "no-identity-captured",
  async run() {
    await capturedViolationCall();
    return {
      requestModel: undefined,
      responseModel: OPENAI_META,
      failed: false,
      captureContent: true,
      billedUsage: undefined,
      server: undefined,
      contentChunks: [words(PLACEHOLDER_OUTPUT).length, words(CLEAN_OUTPUT).length],
      violations: ["pattern-placeholder"],
    };
  },
};

/**
 * Streams `answer` from the local mock server through the l0 call that `call` makes with a real
 * `openai` client (the stream read to its end, its error rethrown); returns the server's port and
 * the number of word pieces of the answer.
 */
async function openaiCall(answer: string, call: (client: OpenAI) => Promise<L0Result>): Promise<{ port: number; pieces: number }> {
  const server = await startMockOpenAIServer({ answer });
  try {
    const result = await call(new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 }));
    const error = await drainError(result.stream);
    if (error !== undefined) throw error;
    return { port: server.port, pieces: tokenizeWords(answer).length };
  } finally {
    await server.close();
  }
}

/** The real `openai` SDK against the local mock server (usage included); nothing told to l0. */
const openaiSdk: Fixture = {
  name: "openai-sdk",
  async run() {
    const params = streamedChatParams("Explain stream reliability");
    const { pieces } = await openaiCall("Streams fail in many ways, and l0 recovers.", (client) =>
      l0({ stream: ({ signal }) => client.chat.completions.create(params, { signal }), monitoring: { enabled: true } }),
    );
    return {
      requestModel: undefined,
      responseModel: "gpt-mock",
      failed: false,
      captureContent: false,
      billedUsage: { input: 3, output: pieces },
      // l0 only sees the factory: the client's base URL is not visible without a request description.
      server: undefined,
      contentChunks: [pieces],
      violations: [],
    };
  },
};

/** The real `openai` SDK through `openaiChat` (a described request): identity, server and parameters known at the start. */
const openaiHelper: Fixture = {
  name: "openai-helper",
  async run() {
    const { port, pieces } = await openaiCall("Described requests tell l0 the model and the server.", (client) => {
      const messages = [{ role: "user" as const, content: "Explain described requests" }];
      const stream = openaiChat(client, { model: "gpt-mock", messages, max_tokens: 64, temperature: 0.5 });
      return l0({ stream, monitoring: { enabled: true, captureContent: true } });
    });
    return {
      requestModel: "gpt-mock",
      responseModel: "gpt-mock",
      failed: false,
      captureContent: true,
      billedUsage: { input: 3, output: pieces },
      server: { address: "127.0.0.1", port },
      contentChunks: [pieces],
      violations: [],
    };
  },
};

/** `fallbackCall`: a primary stream that fails without retries, then a fallback that succeeds; model given, content captured. */
const fallback: Fixture = {
  name: "fallback",
  async run() {
    await fallbackCall();
    return {
      requestModel: "gpt-4o",
      responseModel: undefined,
      failed: false,
      captureContent: true,
      billedUsage: undefined,
      server: undefined,
      contentChunks: [0, 1],
      violations: [],
    };
  },
};

/** No first chunk within 20 ms and no retries: the call fails with `initial_token_timeout`. */
const timedOut: Fixture = {
  name: "failed-timeout",
  async run() {
    const result = await l0({
      stream: mockStreamFactory([[step.stall()]]),
      timeout: { initialToken: 20 },
      retry: { maxRetries: 0 },
      monitoring: { enabled: true, provider: "openai", model: "gpt-4o" },
    });
    await drainError(result.stream);
    return {
      requestModel: "gpt-4o",
      responseModel: undefined,
      failed: true,
      captureContent: false,
      billedUsage: undefined,
      server: undefined,
      contentChunks: [0],
      violations: [],
    };
  },
};

/** Every fixture, in the order they run. */
export const FIXTURES: readonly Fixture[] = [rich, capturedViolation, openaiSdk, openaiHelper, fallback, timedOut];
