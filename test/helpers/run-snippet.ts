/**
 * Runs documentation snippets saved as TypeScript files: type-checked under the project's strict
 * settings with `tsc`, and run in a child Node process through `tsx`.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { ROOT, TSX_LOADER } from "./package-root.js";
import { runNode } from "./run-node.js";
import type { NodeRun, SpawnNodeOptions } from "./run-node.js";

/**
 * Runs the TypeScript file `file` with `node --import tsx` to its end; SIGKILL after `timeoutMs`.
 * `env` is applied to the current environment, with `NO_COLOR=1`.
 */
export function runTsFile(file: string, options: SpawnNodeOptions & { timeoutMs: number }): Promise<NodeRun> {
  return runNode(["--import", TSX_LOADER, file], options);
}

/** What `tsc --noEmit` said about a folder of snippets. */
export interface TypecheckResult {
  status: number | null;
  /** stdout and stderr: empty when every file type-checks. */
  output: string;
}

/**
 * Type-checks every `.ts` file of `dir` (a folder inside the repository) with the project's own
 * `tsconfig.json` settings: writes `dir/tsconfig.json` extending it and runs `tsc --noEmit -p`.
 */
export function typecheckFolder(dir: string): TypecheckResult {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: relative(dir, join(ROOT, "tsconfig.json")), include: ["*.ts"] }));
  const tsc = createRequire(join(ROOT, "package.json")).resolve("typescript/bin/tsc");
  const check = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(dir, "tsconfig.json")], { cwd: ROOT, encoding: "utf8" });
  return { status: check.status, output: check.stdout + check.stderr };
}
