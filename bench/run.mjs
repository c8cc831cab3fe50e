// Runs every benchmark case in bench/cases (sorted by file name) against the built package and
// prints one table. Each case module exports `title` and `async run()` returning rows:
//   { name, value, unit, baseline?: { name, value }, target?: string, spread?: string }
// A row with a baseline gets a ratio column (value / baseline.value), measured in the same run;
// `spread` is the case's own statement of the spread over its rounds (e.g. p25–p75 of the ratio).
// Each case runs in its own `node --expose-gc` process (bench/run-case.mjs) with this process's
// node flags (so `node --cpu-prof --cpu-prof-dir=DIR bench/run.mjs 06` profiles case 06 alone),
// and is killed after BENCH_CASE_TIMEOUT_S seconds (default 600); a failed case prints its error
// and makes the run exit non-zero, the other cases still run.
// Usage: npm run bench [-- filter...]   e.g. `npm run bench -- 06 07`
import { fork } from "node:child_process";
import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const timeoutS = Number(process.env.BENCH_CASE_TIMEOUT_S ?? 600);
const files = (await readdir(join(here, "cases")))
  .filter((f) => f.endsWith(".mjs"))
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
  .sort();

function runCase(file) {
  const execArgv = process.execArgv.includes("--expose-gc") ? process.execArgv : [...process.execArgv, "--expose-gc"];
  const child = fork(join(here, "run-case.mjs"), [file], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve) => {
    let rows;
    const timer = setTimeout(() => {
      process.stderr.write(`${file}: no result after ${timeoutS} s, killing it\n`);
      child.kill("SIGKILL");
    }, timeoutS * 1000);
    child.on("message", (message) => (rows = message.rows));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(rows ?? new Error(`exited with ${signal ?? `code ${code}`} before reporting`));
    });
  });
}

const rows = [];
let failed = 0;
const started = Date.now();
for (const file of files) {
  const caseStarted = Date.now();
  const result = await runCase(file);
  const name = file.replace(/\.mjs$/, "");
  process.stderr.write(`${name}: ${((Date.now() - caseStarted) / 1000).toFixed(0)} s\n`);
  if (result instanceof Error) {
    failed++;
    rows.push({ case: name, name: `FAILED: ${result.message}`, value: Number.NaN, unit: "" });
  } else {
    for (const row of result) rows.push({ case: name, ...row });
  }
}
process.stderr.write(`total: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

const fmt = (n) => (Number.isNaN(n) ? "" : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const withSpread = rows.some((r) => r.spread !== undefined);
const table = [["case", "measurement", "value", "baseline", "ratio", ...(withSpread ? ["spread"] : []), "target"]];
for (const r of rows) {
  table.push([
    r.case,
    r.name,
    `${fmt(r.value)} ${r.unit}`.trim(),
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : "",
    r.baseline ? `${(r.value / r.baseline.value).toFixed(2)}x` : "",
    ...(withSpread ? [r.spread ?? ""] : []),
    r.target ?? "",
  ]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table.slice(1)) console.log(line(row));
if (failed > 0) process.exitCode = 1;
