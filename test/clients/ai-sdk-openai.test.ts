/**
 * The real `ai` SDK with `@ai-sdk/openai` through l0, against the local mock server: the default
 * model (`openai("...")`, the Responses API) and `openai.chat("...")` (chat completions). Each
 * failed attempt's error is kept out of the AI SDK's own log with `onError`.
 */
import { afterEach, expect, it, vi } from "vitest";
import { streamText } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import { FAST_RETRY, finalText, runL0 } from "../adapters/l0-run.js";
import { ANSWER, PROMPT, describeClient } from "./client-suite.js";
import type { ClientUnderTest } from "./client-suite.js";

afterEach(() => {
  vi.restoreAllMocks();
});

function aiSdkClient(model: LanguageModel): ClientUnderTest {
  return {
    adapter: "vercel-ai",
    dropType: "connection_dropped",
    // maxRetries: 0 leaves retries to l0; onError keeps the AI SDK from logging each failed attempt.
    stream: ({ signal }) => streamText({ model, prompt: PROMPT, abortSignal: signal, maxRetries: 0, onError: () => {} }),
    async direct() {
      const result = streamText({ model, prompt: PROMPT, maxRetries: 0 });
      const [text, usage] = await Promise.all([result.text, result.totalUsage]);
      return {
        text,
        usage: { inputTokens: usage.inputTokens ?? -1, outputTokens: usage.outputTokens ?? -1, totalTokens: usage.totalTokens ?? -1 },
      };
    },
  };
}

function provider(server: MockOpenAIServer): ReturnType<typeof createOpenAI> {
  return createOpenAI({ baseURL: server.baseURL, apiKey: "test" });
}

describeClient(
  "ai + @ai-sdk/openai, default model (Responses API)",
  (server) => aiSdkClient(provider(server)("gpt-mock")),
  (env) => {
    it("uses /v1/responses", async () => {
      const { server } = env();
      await aiSdkClient(provider(server)("gpt-mock")).direct();
      expect(server.requests.map((r) => r.path)).toEqual(["/v1/responses"]);
    });

    it("onError keeps the AI SDK's error log quiet for a retried attempt; without it the SDK logs the error", async () => {
      const { server } = env();
      const model = provider(server)("gpt-mock");
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      server.enqueueFaults(serverFaults.rateLimit("0.01"));
      const quiet = await runL0({
        stream: ({ signal }) => streamText({ model, prompt: PROMPT, abortSignal: signal, maxRetries: 0, onError: () => {} }),
        retry: FAST_RETRY,
      });
      expect(finalText(quiet.events)).toBe(ANSWER);
      expect(logged).not.toHaveBeenCalled();
      server.enqueueFaults(serverFaults.rateLimit("0.01"));
      const noisy = await runL0({
        stream: ({ signal }) => streamText({ model, prompt: PROMPT, abortSignal: signal, maxRetries: 0 }),
        retry: FAST_RETRY,
      });
      expect(finalText(noisy.events)).toBe(ANSWER);
      expect(logged).toHaveBeenCalled();
      expect(server.requests.filter((r) => r.path === "/v1/responses")).toHaveLength(4);
    });
  },
);

describeClient(
  "ai + @ai-sdk/openai, openai.chat() (chat completions)",
  (server) => aiSdkClient(provider(server).chat("gpt-mock")),
  (env) => {
    it("uses /v1/chat/completions", async () => {
      const { server } = env();
      await aiSdkClient(provider(server).chat("gpt-mock")).direct();
      expect(server.requests.map((r) => r.path)).toEqual(["/v1/chat/completions"]);
    });
  },
);
