/**
 * Runs one spec example (`test/spec/examples/*.ts`) in its own Node process through `tsx`, in a
 * fresh temporary working directory (so the files examples write stay out of the repository), and
 * collects what it printed, including its probe lines `@@<name> <json>`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** `test/spec`. */
export const SPEC_TEST_DIR = dirname(fileURLToPath(import.meta.url));
/** Repository root. */
export const ROOT = join(SPEC_TEST_DIR, "..", "..");
/** Folder of the example files. */
export const EXAMPLES_DIR = join(SPEC_TEST_DIR, "examples");

const TSX_LOADER = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("tsx")).href;
/** The virtual-clock preload (see `virtual-time.ts`). */
const VIRTUAL_TIME = pathToFileURL(join(SPEC_TEST_DIR, "virtual-time.ts")).href;

/** What a finished (or stopped) example printed. */
export interface ExampleRun {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Probe values by name, in print order. */
  probes: Map<string, unknown[]>;
  /** Wall time, ms. */
  ms: number;
  /** True when the harness stopped it (server examples, or the timeout). */
  stopped: boolean;
  /** True when it was stopped by the timeout. */
  timedOut: boolean;
  /** The files it left in its working directory (removed after the run), by name. */
  files: Record<string, string>;
}

/** How to run an example. */
export interface RunOptions {
  /** Added to the environment. */
  env?: Record<string, string>;
  /** Killed after this many ms (only a hung example comes near it). @default 90000 */
  timeoutMs?: number;
  /** Run on a virtual clock that jumps to the next timer when idle (`virtual-time.ts`). */
  virtualTime?: boolean;
  /**
   * For examples that keep serving: called once the example printed `@@listening`, with the port it
   * really listens on; the example is stopped when it settles.
   */
  whileListening?: (port: number) => Promise<void>;
}

/** Probe lines of `stdout`, by name. */
export function parseProbes(stdout: string): Map<string, unknown[]> {
  const probes = new Map<string, unknown[]>();
  for (const line of stdout.split("\n")) {
    const match = /^@@(\S+) (.*)$/.exec(line);
    if (!match) continue;
    const list = probes.get(match[1] as string) ?? [];
    list.push(JSON.parse(match[2] as string));
    probes.set(match[1] as string, list);
  }
  return probes;
}

/** This process's environment without `NODE_ENV` (vitest sets it; the examples read it as the app's). */
function environment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env["NODE_ENV"];
  return env;
}

/** Runs `examples/<name>.ts` and resolves with what it printed (never rejects on a failed example). */
export function runExample(name: string, options: RunOptions = {}): Promise<ExampleRun & { driverError?: unknown }> {
  const cwd = mkdtempSync(join(tmpdir(), `l0-spec-${name.slice(0, 40)}-`));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const preload = options.virtualTime ? ["--import", VIRTUAL_TIME] : [];
    const child = spawn(process.execPath, ["--import", TSX_LOADER, ...preload, join(EXAMPLES_DIR, `${name}.ts`)], {
      cwd,
      env: { ...environment(), NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let stopped = false;
    let timedOut = false;
    let driving = false;
    let driverError: unknown;
    const stop = (): void => {
      stopped = true;
      child.kill("SIGTERM");
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs ?? 90_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const listening = /^@@listening (.*)$/m.exec(stdout);
      if (listening && options.whileListening && !driving) {
        driving = true;
        const port = (JSON.parse(listening[1] as string) as { port: number }).port;
        options.whileListening(port).then(
          () => stop(),
          (error: unknown) => {
            driverError = error;
            stop();
          },
        );
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const files: Record<string, string> = {};
      for (const file of readdirSync(cwd)) files[file] = readFileSync(join(cwd, file), "utf8");
      rmSync(cwd, { recursive: true, force: true });
      resolve({ name, code, signal, stdout, stderr, probes: parseProbes(stdout), ms: Date.now() - started, stopped, timedOut, files, driverError });
    });
  });
}

/** Runs `tasks` with at most `limit` at a time; resolves with their results in order. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
