// Instructions and cache misses per call of case 06's variants, counted by valgrind's cachegrind:
// numbers that do not move with the machine's load, so two builds can be compared on a busy machine.
// For each variant, a process runs `--warm` calls (JIT, connections) and then `--calls` calls, and a
// second process only the warm-up; the difference divided by `--calls` is one call's cost. Node
// runs with --no-concurrent-recompilation, so under valgrind's serialised threads optimised code is
// installed when it would be natively rather than much later. Needs valgrind (`apt-get install
// valgrind`) and a build (`npm run build`); takes minutes (valgrind runs code ~50x slower).
// Usage: node bench/count-instructions.mjs bare,otel,l0Off,l0On [--warm 2000] [--calls 300]
//   (variants: those of bench/lib/http-variants.mjs; the first is the baseline of the "added" columns)
// Child mode (what valgrind runs): node bench/count-instructions.mjs --child <variant> <warm> <calls>
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);

if (args[0] === "--child") {
  await child(args[1], Number(args[2]), Number(args[3]));
} else {
  main();
}

/** Runs `warm` then `calls` calls of `name` (the measured process; its counts are read by the parent). */
async function child(name, warm, calls) {
  const { startHttpVariants } = await import("./lib/http-variants.mjs");
  const { variants, close } = await startHttpVariants({ chunks: 50, calls: 1, only: [name], replayCalls: 1 });
  try {
    const variant = variants[name];
    if (variant === undefined) throw new Error(`unknown variant ${name}`);
    await variant.setup?.();
    for (let i = 0; i < warm + calls; i++) await variant.call();
    await variant.teardown?.();
  } finally {
    await close();
  }
}

/** Totals of one cachegrind run: instructions, L1 instruction and data cache misses. */
function cachegrind(variant, warm, calls, dir) {
  const out = join(dir, `${variant}-${calls}.out`);
  const script = fileURLToPath(import.meta.url);
  try {
    execFileSync(
      "valgrind",
      [
        "--tool=cachegrind",
        "--cache-sim=yes",
        `--cachegrind-out-file=${out}`,
        process.execPath,
        "--no-concurrent-recompilation",
        script,
        "--child",
        variant,
        String(warm),
        String(calls),
      ],
      { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    throw new Error(`valgrind failed for ${variant} (${calls} calls): ${String(error.stderr ?? error.message).slice(-2000)}`, {
      cause: error,
    });
  }
  // the totals line of cachegrind's output file, in the order of its events line
  const summary = readFileSync(out, "utf8");
  const events = /^events: (.*)$/m.exec(summary)?.[1].split(" ");
  const totals = /^summary: (.*)$/m.exec(summary)?.[1].split(" ").map(Number);
  if (events === undefined || totals === undefined) throw new Error(`no cachegrind summary for ${variant} in ${out}`);
  const count = (name) => totals[events.indexOf(name)] ?? NaN;
  return { instructions: count("Ir"), i1Misses: count("I1mr"), d1Misses: count("D1mr") + count("D1mw") };
}

function main() {
  const variants = (args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a)) ?? "bare,l0Off,l0On").split(",");
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  const warm = option("warm", 2000);
  const calls = option("calls", 300);
  const dir = mkdtempSync(join(tmpdir(), "l0-cachegrind-"));
  try {
    const perCall = {};
    for (const variant of variants) {
      process.stderr.write(`  ${variant}: ${warm} + ${calls} calls, then ${warm}, under cachegrind\n`);
      const measured = cachegrind(variant, warm, calls, dir);
      const baseline = cachegrind(variant, warm, 0, dir);
      perCall[variant] = Object.fromEntries(Object.keys(measured).map((k) => [k, (measured[k] - baseline[k]) / calls]));
    }
    const base = perCall[variants[0]];
    const fmt = (n) => Math.round(n).toLocaleString("en-US");
    console.log(`per call (${calls} calls after ${warm}); "added" = variant − ${variants[0]}`);
    console.log(["variant", "instructions", "added", "I1 misses", "added", "D1 misses", "added"].join("\t"));
    for (const variant of variants) {
      const v = perCall[variant];
      console.log(
        [
          variant,
          fmt(v.instructions),
          fmt(v.instructions - base.instructions),
          fmt(v.i1Misses),
          fmt(v.i1Misses - base.i1Misses),
          fmt(v.d1Misses),
          fmt(v.d1Misses - base.d1Misses),
        ].join("\t"),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
