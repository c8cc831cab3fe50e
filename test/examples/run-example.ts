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

/**
 * Limit for one example's test: an example needs about 2-3 s of CPU (Node start-up, imports, the
 * calls), which a 2-core machine shared with many busy processes can stretch tenfold; the limit
 * only catches a hung example, so it is generous.
 */
export const EXAMPLE_TEST_TIMEOUT_MS = 120_000;

/** A random (v4) UUID, as the examples' `service.instance.id`. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What a finished example printed. */
export interface ExampleRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** This process's environment with `overrides` applied (a variable set to `undefined` is removed). */
function environment(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Throws unless `npm run build` has produced the package entry points the examples import. */
export function assertBuilt(): void {
  for (const entry of ["dist/index.js", "dist/testing/index.js"]) {
    if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  }
}

/**
 * Spawns `node examples/<name>` with `args`, kills it after `timeoutMs` (default: just under
 * {@link EXAMPLE_TEST_TIMEOUT_MS}), and resolves with its
 * exit code and output. `env` is applied to the current environment (`undefined` removes a variable).
 */
export function runExample(
  name: string,
  args: string[] = [],
  options: { timeoutMs?: number; env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<ExampleRun> {
  assertBuilt();
  const timeoutMs = options.timeoutMs ?? EXAMPLE_TEST_TIMEOUT_MS - 10_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "examples", name), ...args], {
      cwd: options.cwd ?? ROOT,
      env: environment(options.env),
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

/** A running example process. */
export interface RunningExample {
  /** Everything printed to stdout so far. */
  stdout(): string;
  /** Everything printed to stderr so far. */
  stderr(): string;
  /** Resolves once stdout matches `pattern` (rejects when the process exits first or after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code; SIGKILL after 5 s. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node examples/<name> ...args` and keeps it running until {@link RunningExample.stop}. */
export function startExample(
  name: string,
  args: string[] = [],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): RunningExample {
  assertBuilt();
  const child = spawn(process.execPath, [join(ROOT, "examples", name), ...args], {
    cwd: options.cwd ?? ROOT,
    env: environment(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const listener of listeners) listener();
  });
  return {
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern, timeoutMs = EXAMPLE_TEST_TIMEOUT_MS - 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
        const check = (): void => {
          const match = out.match(pattern);
          if (match) finish(undefined, match);
          else if (done) finish(new Error(`${name} exited before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        };
        const finish = (error: Error | undefined, match?: RegExpMatchArray): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(match as RegExpMatchArray);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = "SIGTERM") {
      if (!done) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}
