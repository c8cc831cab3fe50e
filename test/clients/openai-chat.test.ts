/**
 * The real `openai` SDK's chat completions (`chat.completions.create({ stream: true })`) through
 * l0, against the local mock server.
 */
import OpenAI from "openai";
import { PROMPT, describeClient } from "./client-suite.js";
import { streamedChatParams } from "../helpers/openai-chat-request.js";

describeClient("openai chat.completions", (server) => {
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
  const params = streamedChatParams(PROMPT);
  return {
    adapter: "openai",
    dropType: "connection_dropped",
    stream: ({ signal }) => client.chat.completions.create(params, { signal }),
    async direct() {
      let text = "";
      let usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
      for await (const chunk of await client.chat.completions.create(params)) {
        text += chunk.choices[0]?.delta.content ?? "";
        if (chunk.usage)
          usage = {
            inputTokens: chunk.usage.prompt_tokens,
            outputTokens: chunk.usage.completion_tokens,
            totalTokens: chunk.usage.total_tokens,
          };
      }
      return { text, usage };
    },
  };
});
