// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package and by function,
// optionally divided by a number of calls and chunks. Packages: `l0` (this package's dist/),
// `node_modules/<name>` for dependencies, `node:` for Node's own JavaScript, and V8's pseudo
// nodes ("(garbage collector)", "(program)", "(idle)").
// Several files are summed (e.g. every batch of one variant); the calls are read from the file
// names that bench/lib/profiler.mjs writes (`-c<calls>.cpuprofile`) unless --calls is given.
// "(idle)" is time the thread waited (for the server, or the machine): it is left out of the
// "busy" total that the per-call figures are compared with.
// --owners l0,openai charges each sample to the innermost frame on its stack that belongs to one of
// those packages (its "owner"), so a package's owned time includes the Node, V8 and OTel code it
// calls (but not GC, which has no stack); samples with no owner stay with their leaf's package.
// Usage: node bench/profile-summary.mjs FILE.cpuprofile... [--calls N] [--chunks N] [--top N] [--package NAME] [--owners A,B]
// Example, profiling case 06 (all variants, alternating rounds, one profile per batch):
//   BENCH_PROFILE_DIR=prof BENCH_06_CALLS=100 BENCH_06_ROUNDS=6 node --expose-gc bench/run-case.mjs 06-openai-http.mjs
//   node bench/profile-summary.mjs prof/06-l0On-*.cpuprofile --chunks 50 --package l0
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import { chargedTime, packageOfNode } from "./lib/cpu-profile.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const files = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
const calls = Number(option("calls", 0)) || files.reduce((sum, f) => sum + Number(/-c(\d+)\.cpuprofile$/.exec(f)?.[1] ?? 0), 0);
const chunks = Number(option("chunks", 0));
const top = Number(option("top", 40));
const onlyPackage = option("package", undefined);
const owners = option("owners", undefined)?.split(",");

const sourceMaps = new Map();
/** `src/file.ts:line` of a position in l0's dist bundle, through its source map (else undefined). */
function original(url, line, column) {
  if (!url.startsWith("file://")) return undefined;
  if (!sourceMaps.has(url)) {
    const mapFile = `${fileURLToPath(url)}.map`;
    sourceMaps.set(url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : undefined);
  }
  const entry = sourceMaps.get(url)?.findEntry(line, column);
  if (entry === undefined || entry.originalSource === undefined) return undefined;
  return `${entry.originalSource.replace(/^.*?\/src\//, "src/")}:${entry.originalLine + 1}`;
}

let totalUs = 0;
const byPackage = new Map();
const byFunction = new Map();
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  // timeDeltas[0] is the wait from Profiler.start to the first sample: not profiled time
  for (let i = 1; i < profile.timeDeltas.length; i++) totalUs += profile.timeDeltas[i];
  const isOwner = owners === undefined ? undefined : (pkg) => owners.includes(pkg);
  for (const [node, us] of chargedTime(profile, isOwner)) add(node, us);
}

function add(node, us) {
  const callFrame = node.callFrame;
  const name = callFrame.functionName || "(anonymous)";
  const pkg = packageOfNode(node);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  if (onlyPackage !== undefined && pkg !== onlyPackage) return;
  const where =
    (pkg === "l0" ? original(callFrame.url, callFrame.lineNumber, callFrame.columnNumber) : undefined) ??
    `${callFrame.url.split("/").slice(-2).join("/")}:${callFrame.lineNumber + 1}`;
  const key = `${name}  ${where}`;
  const entry = byFunction.get(key) ?? { us: 0, pkg };
  entry.us += us;
  byFunction.set(key, entry);
}
const busyUs = totalUs - (byPackage.get("(idle)") ?? 0);

function fmt(us) {
  const cols = [`${(us / 1000).toFixed(1).padStart(9)} ms`, `${((100 * us) / busyUs).toFixed(1).padStart(5)}%`];
  if (calls > 0) cols.push(`${(us / calls).toFixed(2).padStart(8)} us/call`);
  if (calls > 0 && chunks > 0) cols.push(`${(us / calls / chunks).toFixed(3).padStart(7)} us/chunk`);
  return cols.join("  ");
}
console.log(
  `${files.length} profile(s): ${(totalUs / 1000).toFixed(0)} ms profiled, ${(busyUs / 1000).toFixed(0)} ms busy${calls ? `, ${calls} calls` : ""}${chunks ? ` x ${chunks} chunks` : ""}`,
);
console.log(`busy: ${fmt(busyUs)}`);
console.log(`\n${owners ? "owned" : "self"} time by package:`);
for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`${fmt(us)}  ${pkg}`);
console.log(`\n${owners ? "owned" : "self"} time by function${onlyPackage ? ` (${onlyPackage})` : ""}, top ${top}:`);
for (const [key, { us, pkg }] of [...byFunction].sort((a, b) => b[1].us - a[1].us).slice(0, top)) {
  console.log(`${fmt(us)}  ${onlyPackage ? "" : `[${pkg}] `}${key}`);
}
