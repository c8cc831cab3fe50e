/**
 * Every snippet of the README's "Describing the request" section is a whole program: each is
 * type-checked under the project's strict settings against the built package, then run in its own
 * Node process against the local mock server (the clients find it through `OPENAI_BASE_URL` /
 * `ANTHROPIC_BASE_URL`). The test appends one line printing `requestOf(stream)`, so the
 * description each snippet's factory carries is checked against the request the server received.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { assertBuilt, ROOT } from "../helpers/package-root.js";
import { runTsFile, typecheckFolder } from "../helpers/run-snippet.js";
import { expectCleanExit, type NodeRun } from "../helpers/run-node.js";
import { extractBlocks } from "../spec/extract-blocks.js";

const ANSWER = "Every request described.";
const DESCRIPTION_MARK = "L0_REQUEST_DESCRIPTION ";
/** Snippet files live inside the repository, so `import ... from "l0"` resolves to the package itself. */
const DIR = join(ROOT, "test", "request", `.readme-snippets-${process.pid}`);

const snippets = extractBlocks("README.md", readFileSync(join(ROOT, "README.md"), "utf8")).filter(
  (block) => block.section === "Describing the request" && block.language === "ts",
);

/** What each snippet sends, by its heading: the API path, fields of the body, and the description expected (server added by the test). */
const EXPECTED: Record<string, { path: string; body: Record<string, unknown>; description: Record<string, unknown> }> = {
  "OpenAI chat completions: `openaiChat`": {
    path: "/v1/chat/completions",
    body: { model: "gpt-4o", temperature: 0.2, stream: true, stream_options: { include_usage: true } },
    description: {
      provider: "openai",
      model: "gpt-4o",
      parameters: { temperature: 0.2 },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
    },
  },
  "OpenAI Responses API: `openaiResponses`": {
    path: "/v1/responses",
    body: { model: "gpt-4o", instructions: "Be brief.", input: "Hi", max_output_tokens: 200, stream: true },
    description: {
      provider: "openai",
      model: "gpt-4o",
      parameters: { maxTokens: 200 },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
      systemInstructions: [{ type: "text", content: "Be brief." }],
    },
  },
  "Anthropic: `anthropicMessages`": {
    path: "/v1/messages",
    body: { model: "claude-sonnet-4-5", max_tokens: 1024, system: "Be brief.", stream: true },
    description: {
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      parameters: { maxTokens: 1024 },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
      systemInstructions: [{ type: "text", content: "Be brief." }],
    },
  },
  "Vercel AI SDK: `aiSdkStream`": {
    path: "/v1/responses",
    body: { model: "gpt-4o", temperature: 0.2, stream: true },
    description: {
      provider: "openai",
      model: "gpt-4o",
      parameters: { temperature: 0.2 },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
    },
  },
  "A factory of your own: `describeRequest`": {
    path: "/v1/messages",
    body: { model: "claude-sonnet-4-5", max_tokens: 1024, stream: true },
    description: {
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      parameters: { maxTokens: 1024 },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
    },
  },
};

let server: MockOpenAIServer;

beforeAll(async () => {
  assertBuilt();
  server = await startMockOpenAIServer({ answer: ANSWER });
  mkdirSync(DIR, { recursive: true });
  for (const snippet of snippets) {
    const probe = `\nimport { requestOf as l0RequestOf } from "l0";\nconsole.log(\`\\n${DESCRIPTION_MARK}\${JSON.stringify(l0RequestOf(stream))}\`);\n`;
    writeFileSync(join(DIR, `${snippet.name}.ts`), `${snippet.code}\n${probe}`);
  }
});

afterAll(async () => {
  await server?.close();
  rmSync(DIR, { recursive: true, force: true });
});

/** Runs one snippet file with tsx; killed after 60 s. */
function runSnippet(name: string): Promise<NodeRun> {
  const env = { OPENAI_API_KEY: "test", OPENAI_BASE_URL: server.baseURL, ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: server.url };
  return runTsFile(join(DIR, `${name}.ts`), { cwd: ROOT, env, timeoutMs: 60_000 });
}

describe("README Describing the request section", () => {
  it("has one snippet per helper", () => {
    expect(snippets.map((s) => s.subsection)).toEqual(Object.keys(EXPECTED));
  });

  // Type-checking and spawning Node processes take seconds each on a loaded 2-core machine: generous limits.
  it("every snippet type-checks under the project's strict settings against the built package", { timeout: 180_000 }, () => {
    const check = typecheckFolder(DIR);
    expect(check.output).toBe("");
    expect(check.status).toBe(0);
  });

  for (const snippet of snippets) {
    it(
      `${snippet.subsection}: streams the answer; the factory describes the request the server received`,
      { timeout: 150_000 },
      async () => {
        const expected = EXPECTED[snippet.subsection];
        expect(expected, `an expectation for ${snippet.subsection}`).toBeDefined();
        if (expected === undefined) return;
        server.requests.splice(0);
        const run = await runSnippet(snippet.name);
        expectCleanExit(run);
        const [text, json] = run.stdout.split(`\n${DESCRIPTION_MARK}`);
        expect(text).toBe(ANSWER);
        expect(server.requests.map((r) => [r.path, r.outcome])).toEqual([[expected.path, "completed"]]);
        expect(server.requests[0]?.body).toMatchObject(expected.body);
        expect(JSON.parse(json ?? "null")).toEqual({ ...expected.description, serverAddress: "127.0.0.1", serverPort: server.port });
      },
    );
  }
});
