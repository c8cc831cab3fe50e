/**
 * A README section whose TypeScript snippets are whole programs talking to a provider: the snippets,
 * written into a folder inside the repository (so `import ... from "l0"` resolves to the package
 * itself), a mock server for their clients, and the tests every such section passes (one snippet per
 * expected heading; all type-check under the project's strict settings).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startMockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import type { MockOpenAIServer } from "../../src/testing/mock-openai-server.js";
import { extractBlocks, type SpecBlock } from "../spec/extract-blocks.js";
import { assertBuilt, ROOT } from "./package-root.js";
import type { NodeRun } from "./run-node.js";
import { runTsFile, typecheckFolder } from "./run-snippet.js";

/** One README section's snippets, ready to run. */
export interface ReadmeSection {
  /** The section's `ts` blocks, in README order. */
  snippets: SpecBlock[];
  /** The mock server the snippets' clients are pointed at (started before the file's tests). */
  server: () => MockOpenAIServer;
  /** Runs snippet `name` with tsx in `env`; killed after 60 s. */
  run: (name: string, env: Record<string, string>) => Promise<NodeRun>;
}

/** Which section, where its files go, and what the tests expect of it. */
export interface ReadmeSectionOptions {
  /** The README section's heading. */
  section: string;
  /** The folder under `test/` that holds the snippet files while the tests run. */
  area: string;
  /** What the mock server answers. */
  answer: string;
  /** The snippets' headings, in README order, and what one snippet shows (for the test name). */
  headings: readonly string[];
  each: string;
  /** Code appended to every snippet (e.g. a probe line). */
  epilogue?: string;
}

/**
 * Call inside a `describe`: the `ts` snippets of the section, each saved (followed by the epilogue)
 * in a folder of `test/<area>/`, a mock server answering `answer` (both removed afterwards), and the
 * section's two tests: one snippet per heading, and every snippet type-checks.
 */
export function useReadmeSection({ section, area, answer, headings, each, epilogue = "" }: ReadmeSectionOptions): ReadmeSection {
  const dir = join(ROOT, "test", area, `.readme-snippets-${process.pid}`);
  const snippets = extractBlocks("README.md", readFileSync(join(ROOT, "README.md"), "utf8")).filter(
    (block) => block.section === section && block.language === "ts",
  );
  let server: MockOpenAIServer | undefined;
  beforeAll(async () => {
    assertBuilt();
    server = await startMockOpenAIServer({ answer });
    mkdirSync(dir, { recursive: true });
    for (const snippet of snippets) writeFileSync(join(dir, `${snippet.name}.ts`), `${snippet.code}\n${epilogue}`);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  it(`has one snippet per ${each}`, () => {
    expect(snippets.map((s) => s.subsection)).toEqual(headings);
  });
  // Type-checking and spawning Node processes take seconds each on a loaded 2-core machine: generous limits.
  it("every snippet type-checks under the project's strict settings against the built package", { timeout: 180_000 }, () => {
    const check = typecheckFolder(dir);
    expect(check.output).toBe("");
    expect(check.status).toBe(0);
  });
  return {
    snippets,
    server: () => {
      if (server === undefined) throw new Error("the mock server is not started");
      return server;
    },
    run: (name, env) => runTsFile(join(dir, `${name}.ts`), { cwd: ROOT, env, timeoutMs: 60_000 }),
  };
}
