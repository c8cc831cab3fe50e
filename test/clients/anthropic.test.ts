/**
 * The real `@anthropic-ai/sdk` (`messages.stream()`) through l0, against the local mock server
 * speaking the Anthropic Messages protocol: overload (529) and in-band `overloaded_error` events too.
 */
import { expect, it } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import { runL0 } from "../adapters/l0-run.js";
import { PROMPT, describeClient, expectFaultRetried } from "./client-suite.js";

const params = { model: "claude-mock", max_tokens: 256, messages: [{ role: "user" as const, content: PROMPT }] };

describeClient(
  "@anthropic-ai/sdk messages.stream",
  (server) => {
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
    return {
      adapter: "anthropic",
      dropType: "connection_dropped",
      stream: ({ signal }) => client.messages.stream(params, { signal }),
      async direct() {
        const message = await client.messages.stream(params).finalMessage();
        const text = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
        const { input_tokens: input, output_tokens: output } = message.usage;
        return { text, usage: { inputTokens: input, outputTokens: output, totalTokens: input + output } };
      },
    };
  },
  (env, client) => {
    it("529 overloaded_error and an in-band overloaded_error event are server_error retries", async () => {
      const { server } = env();
      await expectFaultRetried(server, client(), serverFaults.overloaded(), "server_error");
      await expectFaultRetried(server, client(), serverFaults.streamError(2, 529), "server_error");
      expect(server.requests.map((r) => r.outcome)).toEqual(["error-status", "completed", "error-event", "completed"]);
    });

    it("the raw stream (messages.create({ stream: true })) reads the same and reports the anthropic response", async () => {
      const anthropic = new Anthropic({ baseURL: env().server.url, apiKey: "test", maxRetries: 0 });
      const run = await runL0({
        stream: ({ signal }) => anthropic.messages.create({ ...params, stream: true }, { signal }),
        monitoring: { enabled: true },
      });
      expect(run.events.at(-1)).toMatchObject({
        type: "complete",
        finishReason: "end_turn",
        usage: { inputTokens: 3, outputTokens: 8, totalTokens: 11 },
      });
    });
  },
);
