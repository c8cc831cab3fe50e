/**
 * Every snippet of the README's "Clients" section is a whole program: each is type-checked under
 * the project's strict settings, then run in its own Node process against the built package and the
 * local mock server (the clients find it through `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL`), once
 * cleanly and once with the connection dropped mid-stream (l0 retries; nothing on stderr, so the AI
 * SDK snippets' `onError` keeps the SDK's own error log quiet).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import { assertBuilt, ROOT } from "../helpers/package-root.js";
import { runTsFile, typecheckFolder } from "../helpers/run-snippet.js";
import { expectCleanExit, type NodeRun } from "../helpers/run-node.js";
import { extractBlocks } from "../spec/extract-blocks.js";

const ANSWER = "Reliable streams from every client.";
/** Snippet files live inside the repository, so `import ... from "l0"` resolves to the package itself. */
const DIR = join(ROOT, "test", "clients", `.readme-snippets-${process.pid}`);

const snippets = extractBlocks("README.md", readFileSync(join(ROOT, "README.md"), "utf8")).filter(
  (block) => block.section === "Clients" && block.language === "ts",
);

/** The API path each snippet's client calls, by the snippet's heading. */
const EXPECTED_PATH: Record<string, string> = {
  "OpenAI chat completions (`openai`)": "/v1/chat/completions",
  "OpenAI Responses API (`openai`)": "/v1/responses",
  "Anthropic (`@anthropic-ai/sdk`)": "/v1/messages",
  "Vercel AI SDK with OpenAI (`ai`, `@ai-sdk/openai`)": "/v1/responses",
  "Vercel AI SDK with Anthropic (`ai`, `@ai-sdk/anthropic`)": "/v1/messages",
  "LangChain (`@langchain/openai`, `@langchain/core`)": "/v1/chat/completions",
};

let server: MockOpenAIServer;

beforeAll(async () => {
  assertBuilt();
  server = await startMockOpenAIServer({ answer: ANSWER });
  mkdirSync(DIR, { recursive: true });
  for (const snippet of snippets) writeFileSync(join(DIR, `${snippet.name}.ts`), `${snippet.code}\n`);
});

afterAll(async () => {
  await server?.close();
  rmSync(DIR, { recursive: true, force: true });
});

/** Runs one snippet file with tsx; killed after 60 s. */
function runSnippet(name: string, env: Record<string, string>): Promise<NodeRun> {
  return runTsFile(join(DIR, `${name}.ts`), { cwd: ROOT, env, timeoutMs: 60_000 });
}

/** The environment that points the snippet's client at the mock server. */
function clientEnv(code: string): Record<string, string> {
  // @anthropic-ai/sdk appends /v1/messages to its base URL, @ai-sdk/anthropic appends /messages.
  const anthropicBase = code.includes("@ai-sdk/anthropic") ? server.baseURL : server.url;
  return { OPENAI_API_KEY: "test", OPENAI_BASE_URL: server.baseURL, ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: anthropicBase };
}

describe("README Clients section", () => {
  it("has one snippet per client", () => {
    expect(snippets.map((s) => s.subsection)).toEqual(Object.keys(EXPECTED_PATH));
  });

  // Type-checking and spawning Node processes take seconds each on a loaded 2-core machine: generous limits.
  it("every snippet type-checks under the project's strict settings against the built package", { timeout: 180_000 }, () => {
    const check = typecheckFolder(DIR);
    expect(check.output).toBe("");
    expect(check.status).toBe(0);
  });

  for (const snippet of snippets) {
    it(`${snippet.subsection}: streams the answer with usage, and recovers from a mid-stream drop`, { timeout: 150_000 }, async () => {
      const path = EXPECTED_PATH[snippet.subsection];
      server.requests.splice(0);
      const clean = await runSnippet(snippet.name, clientEnv(snippet.code));
      expectCleanExit(clean);
      expect(clean.stdout).toMatch(new RegExp(`^${ANSWER}\\nusage: \\{ inputTokens: \\d+, outputTokens: 5, totalTokens: \\d+ \\}\\n$`));
      expect(server.requests.map((r) => [r.path, r.outcome])).toEqual([[path, "completed"]]);

      server.requests.splice(0);
      server.enqueueFaults(serverFaults.drop(2));
      const dropped = await runSnippet(snippet.name, clientEnv(snippet.code));
      expectCleanExit(dropped);
      // The two tokens before the drop were printed, then the retry's whole answer.
      expect(dropped.stdout).toMatch(
        new RegExp(`^Reliable streams${ANSWER}\\nusage: \\{ inputTokens: \\d+, outputTokens: 5, totalTokens: \\d+ \\}\\n$`),
      );
      expect(server.requests.map((r) => [r.path, r.outcome])).toEqual([
        [path, "dropped"],
        [path, "completed"],
      ]);
    });
  }
});
