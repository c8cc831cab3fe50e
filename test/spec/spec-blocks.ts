/**
 * Where the spec documents and the example files are, and how an example file marks the spec's
 * code inside it: the lines between `// <spec>` and `// </spec>` (one or more regions, joined by a
 * newline) are the document's block, verbatim. Non-TypeScript blocks are kept whole as
 * `<name>.txt` / `<name>.promql`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractBlocks, type SpecBlock } from "./extract-blocks.js";
import { ROOT } from "../helpers/package-root.js";
import { EXAMPLES_DIR } from "./run-example.js";

/** The spec documents whose examples must run. */
const SPEC_DOCUMENTS = ["MONITORING.md", "FEATURE_SUMMARY.md"] as const;

/** Folder of the spec documents (beside the repository, as in CI), when present. */
export const SPEC_DIR = join(ROOT, "..", "shared", "spec");

/** Every block of the spec documents, or `undefined` when the documents are not beside the repository. */
export function specBlocks(): SpecBlock[] | undefined {
  if (!SPEC_DOCUMENTS.every((document) => existsSync(join(SPEC_DIR, document)))) return undefined;
  return SPEC_DOCUMENTS.flatMap((document) => extractBlocks(document, readFileSync(join(SPEC_DIR, document), "utf8")));
}

/** Names of the TypeScript example files (without `.ts`). */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => file.slice(0, -3))
    .sort();
}

/** The fixture files of the non-TypeScript blocks, by name (without extension). */
export function fixtureFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(EXAMPLES_DIR)) {
    const match = /^(.*)\.(txt|promql)$/.exec(file);
    if (match) out.set(match[1] as string, file);
  }
  return out;
}

/** The spec code inside an example file: its `// <spec>` ... `// </spec>` regions joined by newlines. */
function specRegions(source: string): string {
  const regions: string[] = [];
  let current: string[] | undefined;
  for (const line of source.split("\n")) {
    if (line === "// <spec>") {
      if (current) throw new Error("nested // <spec>");
      current = [];
    } else if (line === "// </spec>") {
      if (!current) throw new Error("// </spec> without // <spec>");
      regions.push(current.join("\n"));
      current = undefined;
    } else current?.push(line);
  }
  if (current) throw new Error("unclosed // <spec>");
  if (regions.length === 0) throw new Error("no // <spec> region");
  return regions.join("\n");
}

/** The spec code of example `name`. */
export function exampleSpecCode(name: string): string {
  return specRegions(readFileSync(join(EXAMPLES_DIR, `${name}.ts`), "utf8"));
}

/** The text of a non-TypeScript block's fixture (without its final newline). */
export function fixtureText(file: string): string {
  return readFileSync(join(EXAMPLES_DIR, file), "utf8").replace(/\n$/, "");
}
