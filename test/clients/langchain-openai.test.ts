/**
 * The real `@langchain/openai` `ChatOpenAI` (`.stream()`, on `@langchain/core`) through l0,
 * against the local mock server: chat completions by default, and the Responses API
 * (`useResponsesApi: true`).
 */
import { expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import type { AIMessageChunk } from "@langchain/core/messages";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { runL0 } from "../adapters/l0-run.js";
import { ANSWER, PROMPT, describeClient } from "./client-suite.js";
import type { ClientUnderTest } from "./client-suite.js";

/** maxRetries: 0 leaves retries to l0 (LangChain's own caller retries 6 times by default). */
function chatModel(server: MockOpenAIServer, useResponsesApi = false): ChatOpenAI {
  return new ChatOpenAI({ model: "gpt-mock", apiKey: "test", maxRetries: 0, useResponsesApi, configuration: { baseURL: server.baseURL } });
}

function langchainClient(model: ChatOpenAI): ClientUnderTest {
  return {
    adapter: "langchain",
    dropType: "connection_dropped",
    stream: ({ signal }) => model.stream(PROMPT, { signal }),
    async direct() {
      let full: AIMessageChunk | undefined;
      for await (const chunk of await model.stream(PROMPT)) full = full === undefined ? chunk : full.concat(chunk);
      // LangChain's field types resolve to `never` under exactOptionalPropertyTypes: read the documented shape.
      const usage = full?.usage_metadata as { input_tokens: number; output_tokens: number; total_tokens: number } | undefined;
      return {
        text: typeof full?.content === "string" ? full.content : "",
        usage: { inputTokens: usage?.input_tokens ?? -1, outputTokens: usage?.output_tokens ?? -1, totalTokens: usage?.total_tokens ?? -1 },
      };
    },
  };
}

describeClient(
  "@langchain/openai ChatOpenAI.stream()",
  (server) => langchainClient(chatModel(server)),
  (env) => {
    it("reports the model and finish reason on complete", async () => {
      const run = await runL0({ stream: ({ signal }) => chatModel(env().server).stream(PROMPT, { signal }) });
      expect(run.events.at(-1)).toMatchObject({
        type: "complete",
        finishReason: "stop",
        usage: { inputTokens: 3, outputTokens: 8, totalTokens: 11 },
      });
    });

    it("with useResponsesApi the same text and usage come through /v1/responses", async () => {
      const { server } = env();
      const run = await runL0({ stream: ({ signal }) => chatModel(server, true).stream(PROMPT, { signal }) });
      expect(
        run.events
          .filter((e) => e.type === "token")
          .map((e) => (e.type === "token" ? e.value : ""))
          .join(""),
      ).toBe(ANSWER);
      expect(run.events.at(-1)).toMatchObject({ type: "complete", usage: { inputTokens: 3, outputTokens: 8, totalTokens: 11 } });
      expect(server.requests.map((r) => r.path)).toEqual(["/v1/responses"]);
    });
  },
);
