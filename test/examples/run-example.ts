/**
 * Runs a script of `examples/` with the built package (`npm test` builds first) and collects what
 * it prints.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** What a finished example printed. */
export interface ExampleRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Throws unless `npm run build` has produced the package entry points the examples import. */
export function assertBuilt(): void {
  for (const entry of ["dist/index.js", "dist/testing/index.js"]) {
    if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  }
}

/**
 * Spawns `node examples/<name>` with `args`, kills it after `timeoutMs`, and resolves with its
 * exit code and output. `env` is added to the current environment.
 */
export function runExample(
  name: string,
  args: string[] = [],
  options: { timeoutMs?: number; env?: Record<string, string>; cwd?: string } = {},
): Promise<ExampleRun> {
  assertBuilt();
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "examples", name), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
