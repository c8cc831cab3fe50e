/**
 * Every snippet of the README's "Describing the request" section is a whole program: each is
 * type-checked under the project's strict settings against the built package, then run in its own
 * Node process against the local mock server (the clients find it through `OPENAI_BASE_URL` /
 * `ANTHROPIC_BASE_URL`). The test appends one line printing `requestOf(stream)`, so the
 * description each snippet's factory carries is checked against the request the server received.
 */
import { describe, expect, it } from "vitest";
import { useReadmeSection } from "../helpers/readme-section.js";
import { expectCleanExit } from "../helpers/run-node.js";

const ANSWER = "Every request described.";
const DESCRIPTION_MARK = "L0_REQUEST_DESCRIPTION ";
/** Appended to each snippet: prints the description its factory carries. */
const PROBE = `\nimport { requestOf as l0RequestOf } from "l0";\nconsole.log(\`\\n${DESCRIPTION_MARK}\${JSON.stringify(l0RequestOf(stream))}\`);\n`;

/** The conversation every snippet sends, as described: the user says "Hi" (some with the system instruction "Be brief."). */
const USER_SAYS_HI = [{ role: "user", parts: [{ type: "text", content: "Hi" }] }];
const BE_BRIEF = [{ type: "text", content: "Be brief." }];

/** What each snippet sends, by its heading: the API path, fields of the body, and the description expected (server added by the test). */
const EXPECTED: Record<string, { path: string; body: Record<string, unknown>; description: Record<string, unknown> }> = {
  "OpenAI chat completions: `openaiChat`": {
    path: "/v1/chat/completions",
    body: { model: "gpt-4o", temperature: 0.2, stream: true, stream_options: { include_usage: true } },
    description: { provider: "openai", model: "gpt-4o", parameters: { temperature: 0.2 }, inputMessages: USER_SAYS_HI },
  },
  "OpenAI Responses API: `openaiResponses`": {
    path: "/v1/responses",
    body: { model: "gpt-4o", instructions: "Be brief.", input: "Hi", max_output_tokens: 200, stream: true },
    description: {
      provider: "openai",
      model: "gpt-4o",
      parameters: { maxTokens: 200 },
      inputMessages: USER_SAYS_HI,
      systemInstructions: BE_BRIEF,
    },
  },
  "Anthropic: `anthropicMessages`": {
    path: "/v1/messages",
    body: { model: "claude-sonnet-4-5", max_tokens: 1024, system: "Be brief.", stream: true },
    description: {
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      parameters: { maxTokens: 1024 },
      inputMessages: USER_SAYS_HI,
      systemInstructions: BE_BRIEF,
    },
  },
  "Vercel AI SDK: `aiSdkStream`": {
    path: "/v1/responses",
    body: { model: "gpt-4o", temperature: 0.2, stream: true },
    description: { provider: "openai", model: "gpt-4o", parameters: { temperature: 0.2 }, inputMessages: USER_SAYS_HI },
  },
  "A factory of your own: `describeRequest`": {
    path: "/v1/messages",
    body: { model: "claude-sonnet-4-5", max_tokens: 1024, stream: true },
    description: { provider: "anthropic", model: "claude-sonnet-4-5", parameters: { maxTokens: 1024 }, inputMessages: USER_SAYS_HI },
  },
};

describe("README Describing the request section", () => {
  const { snippets, server, run } = useReadmeSection({
    section: "Describing the request",
    area: "request",
    answer: ANSWER,
    headings: Object.keys(EXPECTED),
    each: "helper",
    epilogue: PROBE,
  });

  for (const snippet of snippets) {
    it(
      `${snippet.subsection}: streams the answer; the factory describes the request the server received`,
      { timeout: 150_000 },
      async () => {
        const expected = EXPECTED[snippet.subsection];
        expect(expected, `an expectation for ${snippet.subsection}`).toBeDefined();
        if (expected === undefined) return;
        server().requests.splice(0);
        const env = {
          OPENAI_API_KEY: "test",
          OPENAI_BASE_URL: server().baseURL,
          ANTHROPIC_API_KEY: "test",
          ANTHROPIC_BASE_URL: server().url,
        };
        const snippetRun = await run(snippet.name, env);
        expectCleanExit(snippetRun);
        const [text, json] = snippetRun.stdout.split(`\n${DESCRIPTION_MARK}`);
        expect(text).toBe(ANSWER);
        expect(server().requests.map((r) => [r.path, r.outcome])).toEqual([[expected.path, "completed"]]);
        expect(server().requests[0]?.body).toMatchObject(expected.body);
        expect(JSON.parse(json ?? "null")).toEqual({ ...expected.description, serverAddress: "127.0.0.1", serverPort: server().port });
      },
    );
  }
});
