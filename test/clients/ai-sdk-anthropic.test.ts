/**
 * The real `ai` SDK with `@ai-sdk/anthropic` through l0, against the local mock server speaking
 * the Anthropic Messages protocol.
 */
import { expect, it } from "vitest";
import { streamText } from "ai";
import { createAnthropic } from "@ai-sdk/anthropic";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import { PROMPT, describeClient, expectFaultRetried } from "./client-suite.js";

describeClient(
  "ai + @ai-sdk/anthropic",
  (server) => {
    const model = createAnthropic({ baseURL: server.baseURL, apiKey: "test" })("claude-sonnet-4-5");
    const options = { model, prompt: PROMPT, maxOutputTokens: 256, maxRetries: 0 };
    return {
      adapter: "vercel-ai",
      dropType: "connection_dropped",
      stream: ({ signal }) => streamText({ ...options, abortSignal: signal, onError: () => {} }),
      async direct() {
        const result = streamText(options);
        const [text, usage] = await Promise.all([result.text, result.totalUsage]);
        return {
          text,
          usage: { inputTokens: usage.inputTokens ?? -1, outputTokens: usage.outputTokens ?? -1, totalTokens: usage.totalTokens ?? -1 },
        };
      },
    };
  },
  (env, client) => {
    it("529 overloaded_error and an in-band overloaded_error event are retried", async () => {
      const { server } = env();
      await expectFaultRetried(server, client(), serverFaults.overloaded(), "server_error");
      await expectFaultRetried(server, client(), serverFaults.streamError(2, 529), "server_error");
      expect(server.requests.map((r) => [r.path, r.outcome])).toEqual([
        ["/v1/messages", "error-status"],
        ["/v1/messages", "completed"],
        ["/v1/messages", "error-event"],
        ["/v1/messages", "completed"],
      ]);
    });
  },
);
