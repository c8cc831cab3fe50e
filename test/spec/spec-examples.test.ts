/**
 * Every code example of the spec documents (MONITORING.md, FEATURE_SUMMARY.md) runs against the
 * built package (`import ... from "l0"` resolves to `dist/` through the package's `exports`):
 *
 * 1. type-checked as a typical app would (`strict: false`) with no error, and under the project's
 *    strict settings with nothing but the documented optionality (`result.telemetry` may be
 *    `undefined`, `duration?`, `tokensPerSecond?`) and the spec's untyped `catch (error)`;
 * 2. run, each in its own process, and what it printed, wrote, sent or served is checked;
 * 3. when the documents are beside the repository, each block is still verbatim in its file.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStatsdSink } from "./check-helpers.js";
import { FEATURE_SUMMARY_CHECKS } from "./checks-feature-summary.js";
import { MONITORING_CORE_CHECKS } from "./checks-monitoring-core.js";
import { MONITORING_INTEGRATION_CHECKS } from "./checks-monitoring-integrations.js";
import type { CheckedRun, ExampleCheck } from "./example-check.js";
import { ROOT } from "../helpers/package-root.js";
import { EXAMPLES_DIR, pool, runExample, SPEC_TEST_DIR } from "./run-example.js";
import { exampleNames } from "./spec-blocks.js";
import type { ExampleDiagnostic } from "./typecheck-examples.js";

const CHECKS: Record<string, ExampleCheck> = { ...MONITORING_CORE_CHECKS, ...MONITORING_INTEGRATION_CHECKS, ...FEATURE_SUMMARY_CHECKS };
const NAMES = exampleNames();
const TSX = ["--import", "tsx"];

/** Runs a script of test/spec with tsx and resolves with its stdout (rejects on a non-zero exit). */
function runScript(file: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, join(SPEC_TEST_DIR, file), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} ${args.join(" ")} exited ${code}\n${err}`))));
  });
}

async function runChecked(name: string): Promise<CheckedRun> {
  const check = CHECKS[name] as ExampleCheck;
  const sink = check.statsd ? await openStatsdSink() : undefined;
  let served: Record<string, unknown> = {};
  try {
    const env = { ...check.env, ...(sink ? { DD_AGENT_HOST: "127.0.0.1", DD_DOGSTATSD_PORT: String(sink.port) } : {}) };
    const run = await runExample(name, {
      env,
      ...(check.timeoutMs ? { timeoutMs: check.timeoutMs } : {}),
      ...(check.virtualTime ? { virtualTime: true } : {}),
      ...(check.serve
        ? { whileListening: async (port: number) => void (served = await (check.serve as NonNullable<ExampleCheck["serve"]>)(port)) }
        : {}),
    });
    if (sink) await new Promise((resolve) => setTimeout(resolve, 50)); // let the last datagrams land
    if (run.driverError) throw run.driverError;
    return { ...run, statsd: sink ? [...sink.lines] : [], served };
  } finally {
    await sink?.close();
  }
}

// Everything starts at once, at most `limit` processes at a time; each test awaits its own piece.
const limit = Math.min(6, availableParallelism() + 1);
let typechecks: Promise<Record<"user" | "strict", ExampleDiagnostic[]>>;
const runs = new Map<string, Promise<CheckedRun>>();
const started = Date.now();

beforeAll(() => {
  let resolveTypechecks: (value: Record<"user" | "strict", ExampleDiagnostic[]>) => void = () => undefined;
  let rejectTypechecks: (error: unknown) => void = () => undefined;
  typechecks = new Promise((resolve, reject) => {
    resolveTypechecks = resolve;
    rejectTypechecks = reject;
  });
  const settle = new Map<string, { resolve: (run: CheckedRun) => void; reject: (error: unknown) => void }>();
  for (const name of NAMES) runs.set(name, new Promise((resolve, reject) => settle.set(name, { resolve, reject })));
  for (const promise of [typechecks, ...runs.values()]) promise.catch(() => undefined); // reported by the tests
  const typecheckTask = async (): Promise<void> => {
    try {
      const [user, strict] = await Promise.all(
        ["user", "strict"].map(async (mode) => JSON.parse(await runScript("typecheck-examples.ts", [mode])) as ExampleDiagnostic[]),
      );
      resolveTypechecks({ user: user as ExampleDiagnostic[], strict: strict as ExampleDiagnostic[] });
    } catch (error) {
      rejectTypechecks(error);
    }
  };
  const task = (name: string) => async (): Promise<void> => {
    const { resolve, reject } = settle.get(name) as { resolve: (run: CheckedRun) => void; reject: (error: unknown) => void };
    await runChecked(name).then(resolve, reject);
  };
  void pool([typecheckTask, ...NAMES.map(task)], limit);
});

afterAll(async () => {
  await Promise.allSettled(runs.values());
  const finished = await Promise.all([...runs.values()].map((run) => run.catch(() => undefined)));
  const slowest = finished
    .filter((run): run is CheckedRun => run !== undefined)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((run) => `${run.name} ${run.ms} ms`);
  console.info(`spec examples: ${NAMES.length} run in ${Date.now() - started} ms with ${limit} at a time; slowest: ${slowest.join(", ")}`);
});

describe("spec examples type-check", () => {
  it("compile with a typical app's settings (strict: false) without any error", async () => {
    const { user } = await typechecks;
    expect(user.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`)).toEqual([]);
  }, 180_000); // two tsc runs over 70 files: seconds of CPU, stretched on a busy machine

  it("under strict settings, only report the documented optionality and the spec's untyped catch", async () => {
    const { strict } = await typechecks;
    // The checker really reads the examples (the spec's unguarded `result.telemetry.x` is flagged).
    expect(strict.length).toBeGreaterThan(0);
    const nullability = (d: ExampleDiagnostic): boolean =>
      [18047, 18048, 2532].includes(d.code) || ([2345, 2322, 2769].includes(d.code) && /'undefined'|\| undefined/.test(d.message));
    const untypedCatch = (d: ExampleDiagnostic): boolean => d.code === 18046 && /'error' is of type 'unknown'/.test(d.message);
    const other = strict.filter((d) => !nullability(d) && !untypedCatch(d));
    expect(other.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`)).toEqual([]);
    expect(strict.every((d) => d.file.endsWith(".ts") && NAMES.includes(d.file.slice(0, -3)))).toBe(true);
    const perFile = new Map<string, number>();
    for (const d of strict) perFile.set(d.file, (perFile.get(d.file) ?? 0) + 1);
    console.info(`strict-mode diagnostics (nullability / untyped catch only): ${strict.length} in ${perFile.size} examples`);
  }, 180_000); // two tsc runs over 70 files: seconds of CPU, stretched on a busy machine
});

describe("spec examples run against the built package", () => {
  it("every example file has a check and every check an example file", () => {
    expect(NAMES.length).toBe(70);
    expect(Object.keys(CHECKS).sort()).toEqual(NAMES);
  });

  for (const name of NAMES) {
    it(
      name,
      async () => {
        const run = await (runs.get(name) as Promise<CheckedRun>);
        (CHECKS[name] as ExampleCheck).check(run);
      },
      150_000,
    ); // a run waits for a slot in the pool, then takes seconds of CPU: generous on a busy machine
  }
});

describe("the built package resolves as the examples import it", () => {
  it("`l0` resolves to dist/ through the exports map", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      name: string;
      exports: Record<string, { import: { default: string } }>;
    };
    expect(pkg.name).toBe("l0");
    expect(pkg.exports["."]?.import.default).toBe("./dist/index.js");
    expect(pkg.exports["./testing"]?.import.default).toBe("./dist/testing/index.js");
    // From the examples' folder, Node resolves the package's own name to the built files.
    const resolved = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", 'console.log(import.meta.resolve("l0"), import.meta.resolve("l0/testing"))'],
      {
        cwd: EXAMPLES_DIR,
        encoding: "utf8",
      },
    );
    expect(resolved.stdout.trim().split(" ")).toEqual([
      pathToFileURL(join(ROOT, "dist", "index.js")).href,
      pathToFileURL(join(ROOT, "dist", "testing", "index.js")).href,
    ]);
  });
});
