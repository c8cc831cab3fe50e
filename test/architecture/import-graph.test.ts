/**
 * The import graph of src/: folders form no cycle, `runtime/` never imports `telemetry/` (the
 * composition root `src/l0.ts` joins them), and no two files import each other in a circle.
 * Type-only imports count: a circle of types is still a circle to a reader.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** File → the src files it imports (relative specifiers only). */
function fileGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const targets: string[] = [];
    for (const match of text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)) {
      targets.push(resolve(dirname(file), (match[1] as string).replace(/\.js$/, ".ts")));
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The top folder of a src file ("." for files directly in src/). */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split("/");
  return parts.length === 1 ? "." : (parts[0] as string);
}

/** Every cycle found by depth-first search, as node lists. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe("import graph of src/", () => {
  const files = fileGraph();

  it("reads the imports it checks", () => {
    expect(files.size).toBeGreaterThan(50);
    expect(files.get(join(SRC, "l0.ts"))).toContain(join(SRC, "runtime", "create-l0.ts"));
  });

  it("folders import each other without a cycle, and runtime/ imports nothing from telemetry/", () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of files) {
      const from = folderOf(file);
      const set = folders.get(from) ?? new Set<string>();
      for (const target of targets) if (folderOf(target) !== from) set.add(folderOf(target));
      folders.set(from, set);
    }
    expect(folders.get("runtime")?.has("telemetry")).toBe(false);
    expect(cycles(folders)).toEqual([]);
  });

  it("no two files import each other in a circle", () => {
    const graph = new Map([...files].map(([file, targets]) => [file, new Set(targets)]));
    expect(cycles(graph).map((cycle) => cycle.map((file) => relative(SRC, file)).join(" -> "))).toEqual([]);
  });
});
