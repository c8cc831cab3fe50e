/**
 * Every snippet of the README's "Clients" section is a whole program: each is type-checked under
 * the project's strict settings, then run in its own Node process against the built package and the
 * local mock server (the clients find it through `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL`), once
 * cleanly and once with the connection dropped mid-stream (l0 retries; nothing on stderr, so the AI
 * SDK snippets' `onError` keeps the SDK's own error log quiet).
 */
import { describe, expect, it } from "vitest";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import { useReadmeSection } from "../helpers/readme-section.js";
import { expectCleanExit } from "../helpers/run-node.js";

const ANSWER = "Reliable streams from every client.";

/** The API path each snippet's client calls, by the snippet's heading. */
const EXPECTED_PATH: Record<string, string> = {
  "OpenAI chat completions (`openai`)": "/v1/chat/completions",
  "OpenAI Responses API (`openai`)": "/v1/responses",
  "Anthropic (`@anthropic-ai/sdk`)": "/v1/messages",
  "Vercel AI SDK with OpenAI (`ai`, `@ai-sdk/openai`)": "/v1/responses",
  "Vercel AI SDK with Anthropic (`ai`, `@ai-sdk/anthropic`)": "/v1/messages",
  "LangChain (`@langchain/openai`, `@langchain/core`)": "/v1/chat/completions",
};

/** The environment that points the snippet's client at the mock server. */
function clientEnv(server: MockOpenAIServer, code: string): Record<string, string> {
  // @anthropic-ai/sdk appends /v1/messages to its base URL, @ai-sdk/anthropic appends /messages.
  const anthropicBase = code.includes("@ai-sdk/anthropic") ? server.baseURL : server.url;
  return { OPENAI_API_KEY: "test", OPENAI_BASE_URL: server.baseURL, ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: anthropicBase };
}

describe("README Clients section", () => {
  const { snippets, server, run } = useReadmeSection({
    section: "Clients",
    area: "clients",
    answer: ANSWER,
    headings: Object.keys(EXPECTED_PATH),
    each: "client",
  });

  for (const snippet of snippets) {
    it(`${snippet.subsection}: streams the answer with usage, and recovers from a mid-stream drop`, { timeout: 150_000 }, async () => {
      const path = EXPECTED_PATH[snippet.subsection];
      server().requests.splice(0);
      const clean = await run(snippet.name, clientEnv(server(), snippet.code));
      expectCleanExit(clean);
      expect(clean.stdout).toMatch(new RegExp(`^${ANSWER}\\nusage: \\{ inputTokens: \\d+, outputTokens: 5, totalTokens: \\d+ \\}\\n$`));
      expect(server().requests.map((r) => [r.path, r.outcome])).toEqual([[path, "completed"]]);

      server().requests.splice(0);
      server().enqueueFaults(serverFaults.drop(2));
      const dropped = await run(snippet.name, clientEnv(server(), snippet.code));
      expectCleanExit(dropped);
      // The two tokens before the drop were printed, then the retry's whole answer.
      expect(dropped.stdout).toMatch(
        new RegExp(`^Reliable streams${ANSWER}\\nusage: \\{ inputTokens: \\d+, outputTokens: 5, totalTokens: \\d+ \\}\\n$`),
      );
      expect(server().requests.map((r) => [r.path, r.outcome])).toEqual([
        [path, "dropped"],
        [path, "completed"],
      ]);
    });
  }
});
