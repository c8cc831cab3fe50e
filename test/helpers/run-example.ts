/**
 * Runs a script of `examples/` with the built package (`npm test` builds first) and collects what
 * it prints, to its end (`runExample`) or while it keeps serving (`startExample`).
 */
import { join } from "node:path";
import { assertBuilt, ROOT } from "./package-root.js";
import { runNode, spawnNode } from "./run-node.js";
import type { EnvOverrides, NodeRun } from "./run-node.js";

/**
 * Limit for one example's test: an example needs about 2-3 s of CPU (Node start-up, imports, the
 * calls), which a 2-core machine shared with many busy processes can stretch tenfold; the limit
 * only catches a hung example, so it is generous.
 */
export const EXAMPLE_TEST_TIMEOUT_MS = 120_000;

/** A random (v4) UUID, as the examples' `service.instance.id`. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What a finished example printed. */
export type ExampleRun = NodeRun;

/**
 * Spawns `node examples/<name>` with `args`, kills it after `timeoutMs` (default: just under
 * {@link EXAMPLE_TEST_TIMEOUT_MS}), and resolves with its exit code and output. `env` is applied to
 * the current environment (`undefined` removes a variable).
 */
export function runExample(
  name: string,
  args: string[] = [],
  options: { timeoutMs?: number; env?: EnvOverrides; cwd?: string } = {},
): Promise<ExampleRun> {
  assertBuilt();
  return runNode([join(ROOT, "examples", name), ...args], {
    cwd: options.cwd ?? ROOT,
    ...(options.env !== undefined && { env: options.env }),
    timeoutMs: options.timeoutMs ?? EXAMPLE_TEST_TIMEOUT_MS - 10_000,
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
export function startExample(name: string, args: string[] = [], options: { cwd?: string; env?: EnvOverrides } = {}): RunningExample {
  assertBuilt();
  const child = spawnNode([join(ROOT, "examples", name), ...args], {
    cwd: options.cwd ?? ROOT,
    ...(options.env !== undefined && { env: options.env }),
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
