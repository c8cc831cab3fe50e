/**
 * Runs one spec example (`test/spec/examples/*.ts`) in its own Node process through `tsx`, in a
 * fresh temporary working directory (so the files examples write stay out of the repository), and
 * collects what it printed, including its probe lines `@@<name> <json>`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TSX_LOADER } from "../helpers/package-root.js";
import { runNode } from "../helpers/run-node.js";

/** `test/spec`. */
export const SPEC_TEST_DIR = dirname(fileURLToPath(import.meta.url));
/** Folder of the example files. */
export const EXAMPLES_DIR = join(SPEC_TEST_DIR, "examples");
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
function parseProbes(stdout: string): Map<string, unknown[]> {
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

/** Runs `examples/<name>.ts` and resolves with what it printed (never rejects on a failed example). */
export async function runExample(name: string, options: RunOptions = {}): Promise<ExampleRun & { driverError?: unknown }> {
  const cwd = mkdtempSync(join(tmpdir(), `l0-spec-${name.slice(0, 40)}-`));
  const started = Date.now();
  const preload = options.virtualTime ? ["--import", VIRTUAL_TIME] : [];
  let driving = false;
  let driverStopped = false;
  let driverError: unknown;
  try {
    const run = await runNode(["--import", TSX_LOADER, ...preload, join(EXAMPLES_DIR, `${name}.ts`)], {
      cwd,
      // vitest sets NODE_ENV; the examples read it as the app's.
      env: { NODE_ENV: undefined, ...options.env },
      timeoutMs: options.timeoutMs ?? 90_000,
      timeoutSignal: "SIGTERM",
      onStdout(stdout, kill) {
        const listening = /^@@listening (.*)$/m.exec(stdout);
        if (!listening || !options.whileListening || driving) return;
        driving = true;
        const port = (JSON.parse(listening[1] as string) as { port: number }).port;
        const stop = (): void => {
          driverStopped = true;
          kill("SIGTERM");
        };
        options.whileListening(port).then(stop, (error: unknown) => {
          driverError = error;
          stop();
        });
      },
    });
    const files: Record<string, string> = {};
    for (const file of readdirSync(cwd)) files[file] = readFileSync(join(cwd, file), "utf8");
    const { code, signal, stdout, stderr, timedOut } = run;
    return {
      name,
      code,
      signal,
      stdout,
      stderr,
      probes: parseProbes(stdout),
      ms: Date.now() - started,
      stopped: driverStopped || timedOut,
      timedOut,
      files,
      driverError,
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
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
