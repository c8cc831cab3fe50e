/**
 * Every README snippet that streams is run as written, against the built package and the bundled
 * OpenAI-compatible server (the real `openai` SDK reads `OPENAI_BASE_URL`), twice: on a clean
 * stream, and with the connection dropped mid-answer on the first request. Under the drop, l0
 * retries and sends `retry` with `discardsOutput: true`; the snippet must take the partial text
 * back: after its last reset notice, the user sees the answer exactly once, never glued to a
 * partial copy (`Hello! How canHello! How can I help you today?`).
 *
 * The snippets run from a temporary folder under the repository's `tmp/` (ignored by git, removed
 * afterwards), so `import ... from "l0"` resolves to the package itself as it does for a user.
 * The "Clients" and "Describing the request" sections have their own tests. The scale-out
 * section's resource snippet runs too, with the environment's attributes set, and its resource is
 * printed and checked.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serverFaults, startMockOpenAIServer } from "../../src/testing/index.js";
import { assertBuilt, ROOT } from "../helpers/package-root.js";
import { UUID } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";
import { runTsFile } from "../helpers/run-snippet.js";
import { extractBlocks } from "../spec/extract-blocks.js";

/** What the stand-in provider answers. */
const ANSWER = "Hello! How can I help you today?";
/** The answer's first three streamed pieces: what the user has seen when the connection drops. */
const PARTIAL = "Hello! How can";
/** Sections whose snippets another test runs. */
const TESTED_ELSEWHERE = new Set(["Clients", "Describing the request"]);

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const STREAMING = extractBlocks("README.md", README).filter(
  (block) =>
    /^(ts|typescript|js|javascript)$/.test(block.language) && /\bresult\.stream\b/.test(block.code) && !TESTED_ELSEWHERE.has(block.section),
);

const RESOURCE = extractBlocks("README.md", README).find(
  (block) => block.subsection === "Many processes, one Collector" && /\bconst resource\b/.test(block.code),
);

const workRoot = join(ROOT, "tmp");
mkdirSync(workRoot, { recursive: true });
const work = mkdtempSync(join(workRoot, "readme-snippets-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface SnippetRun {
  code: number | null;
  stdout: string;
  stderr: string;
  requests: number;
  dropped: boolean;
}

/** Runs `code` against a fresh mock server playing `faults`. */
async function runSnippet(name: string, code: string, drop: boolean, env: Record<string, string> = {}): Promise<SnippetRun> {
  assertBuilt();
  const server = await startMockOpenAIServer({ answer: ANSWER, faults: drop ? [serverFaults.drop(3)] : [] });
  const file = join(work, `${name}-${drop ? "drop" : "clean"}.ts`);
  writeFileSync(file, code);
  try {
    const run = await runTsFile(file, {
      cwd: work,
      env: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "test-key", ...env },
      timeoutMs: 100_000,
    });
    return {
      code: run.code,
      stdout: run.stdout,
      stderr: run.stderr,
      requests: server.requests.length,
      dropped: server.requests[0]?.outcome === "dropped",
    };
  } finally {
    await server.close();
  }
}

/** Occurrences of `needle` in `text`. */
const count = (text: string, needle: string): number => text.split(needle).length - 1;

/** What the user sees last: the output after the last line that announces a reset (a retry or fallback notice). */
function afterLastReset(stdout: string): string {
  const lines = stdout.split("\n");
  let last = -1;
  lines.forEach((line, index) => {
    if (/^\[(retry|fallback)\b/.test(line)) last = index;
  });
  return lines.slice(last + 1).join("\n");
}

describe("README snippets that stream", () => {
  it("include the Quickstart", () => {
    expect(STREAMING.map((block) => block.section)).toContain("Quickstart");
  });

  for (const block of STREAMING) {
    describe(`${block.section}${block.subsection ? ` / ${block.subsection}` : ""} (README.md line ${block.line})`, () => {
      it("prints the answer once on a clean stream", async () => {
        const run = await runSnippet(block.name, block.code, false);
        expectCleanExit(run);
        expect(run.requests).toBe(1);
        expect(count(run.stdout, ANSWER), run.stdout).toBe(1);
        expect(count(run.stdout, PARTIAL), run.stdout).toBe(1);
      }, 120_000);

      it("takes the partial text back when a mid-stream drop is retried (no duplicated text)", async () => {
        const run = await runSnippet(block.name, block.code, true);
        expectCleanExit(run);
        expect(run.dropped, "the first request was dropped mid-stream").toBe(true);
        expect(run.requests, "l0 retried once").toBe(2);
        expect(run.stdout, "the glued duplicate of issue 11").not.toContain(`${PARTIAL}${PARTIAL}`);
        expect(count(run.stdout, ANSWER), run.stdout).toBe(1);
        // The partial text was shown, then reset: after the reset the answer appears once, alone.
        const seen = afterLastReset(run.stdout);
        expect(seen.length, `no reset notice in:\n${run.stdout}`).toBeLessThan(run.stdout.length);
        expect(count(seen, PARTIAL), seen).toBe(1);
        expect(count(seen, ANSWER), seen).toBe(1);
      }, 120_000);
    });
  }
});

describe("README scale-out resource snippet", () => {
  it("gives the resource the SDK's defaults, a unique service.instance.id, and the environment on top", async () => {
    expect(RESOURCE, "the snippet that builds `resource`").toBeDefined();
    const code = `${(RESOURCE as { code: string }).code}\nconsole.log(JSON.stringify(resource.attributes));\n`;
    const env = { OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=staging", OTEL_SERVICE_NAME: "" };
    const runs = await Promise.all([runSnippet("resource-a", code, false, env), runSnippet("resource-b", code, false, env)]);
    const attributes = runs.map((run) => {
      expectCleanExit(run);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    });
    for (const resource of attributes) {
      expect(resource).toMatchObject({
        "service.name": "my-service",
        "service.instance.id": expect.stringMatching(UUID),
        "telemetry.sdk.name": "opentelemetry",
        "telemetry.sdk.language": "nodejs",
        "deployment.environment.name": "staging",
      });
    }
    expect(attributes[0]?.["service.instance.id"], "each process is its own instance").not.toBe(attributes[1]?.["service.instance.id"]);
  }, 120_000);
});
