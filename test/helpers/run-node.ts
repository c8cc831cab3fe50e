/**
 * Node child processes for tests that run a script as a user would (examples, README snippets,
 * spec examples): this process's Node, the caller's environment plus overrides, output collected.
 */
import { spawn } from "node:child_process";
import type { ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { expect } from "vitest";

/** Environment overrides: a variable set to `undefined` is removed. */
export type EnvOverrides = Record<string, string | undefined>;

/** This process's environment with `NO_COLOR=1` and `overrides` applied (`undefined` removes a variable). */
function childEnvironment(overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Where and how a child runs. */
export interface SpawnNodeOptions {
  cwd: string;
  env?: EnvOverrides;
}

/** A child with no stdin and piped stdout and stderr. */
export type NodeChild = ChildProcessByStdio<null, Readable, Readable>;

/** Starts `node ...args` (this process's Node binary) with no stdin and piped stdout and stderr. */
export function spawnNode(args: readonly string[], options: SpawnNodeOptions): NodeChild {
  return spawn(process.execPath, [...args], { cwd: options.cwd, env: childEnvironment(options.env), stdio: ["ignore", "pipe", "pipe"] });
}

/** What a finished child printed. */
export interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when it was killed by the timeout. */
  timedOut: boolean;
}

/** How to run a child to its end. */
export interface RunNodeOptions extends SpawnNodeOptions {
  /** Killed after this many ms (only a hung child comes near it). */
  timeoutMs: number;
  /** The signal the timeout sends. @default "SIGKILL" */
  timeoutSignal?: NodeJS.Signals;
  /** Called with all of stdout so far after each piece of it; `kill` stops the child. */
  onStdout?: (stdout: string, kill: (signal: NodeJS.Signals) => void) => void;
}

/**
 * Runs `node ...args` to its end and resolves with its exit and output (never rejects on a failed
 * child; rejects when it cannot be started).
 */
export function runNode(args: readonly string[], options: RunNodeOptions): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawnNode(args, options);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const kill = (signal: NodeJS.Signals): void => void child.kill(signal);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, kill);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      kill(options.timeoutSignal ?? "SIGKILL");
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** Asserts that a child exited with 0 and printed nothing to stderr (its stdout is the failure message). */
export function expectCleanExit(run: Pick<NodeRun, "code" | "stdout" | "stderr">): void {
  expect({ code: run.code, stderr: run.stderr }, run.stdout).toEqual({ code: 0, stderr: "" });
}
