// Real calls: the `openai` SDK (6.x) streaming 50-chunk chat completions over HTTP from the bundled
// mock server (`startMockOpenAIServer`, in its own child process, 127.0.0.1), one call at a time.
// Variants (bench/lib/http-variants.mjs): the bare SDK, `@opentelemetry/instrumentation-openai`
// (NodeTracerProvider + BatchSpanProcessor + no-op exporter, MeterProvider + reader), l0 with
// monitoring off and on (registered with the same tracer and meter providers, so both pay for
// exporting spans and for metrics a reader collects), the same three with a global AsyncLocalStorage context
// manager (as the OTel NodeSDK installs), the AI SDK's `streamText` bare and inside l0, and the
// chunks of one real call replayed from memory (no I/O) bare and through l0.
// Each variant runs CALLS calls per round, in alternating rounds (order shuffled each round); the
// value is the median over rounds of the batch's wall time per call and of this process's CPU
// (`process.cpuUsage()`, user + system, all threads) per call. The spread column is p25–p75 over
// rounds of the ratio to the baseline measured in the same round.
// Target rows: "added" time or CPU per call = variant − bare SDK in the same round (median over
// rounds), l0 monitoring on against instrumentation-openai's; "own CPU per chunk" = (CPU per call
// with l0 − CPU per call of the bare SDK, same round) / 50 content chunks, so it also carries l0's
// fixed cost per call (the replay rows split fixed and per-chunk cost without I/O).
// "CPU profile" rows: what costs what (l0's own code, the OTel SDK, GC), from profiles of extra
// rounds (see `profileSplit`); "l0's own code per chunk" there is l0's CPU per real call / 50.
// "Allocated" rows: bytes allocated per call by whose code asked for them (l0's, the OTel SDK's),
// from V8's sampling heap profiler (see `allocationSplit`); garbage is what drives GC and evicts
// caches, and unlike time it does not move with the machine's load.
// Steady state: before the timed rounds every variant runs WARMUP_ROUNDS alternating rounds (2,000
// calls each by default): a long-running server's calls run optimised code, and V8 optimises the
// functions that run once per call only after some thousand calls (l0's CPU per replayed call fell
// from ~500 to ~190 µs over its first ~2,000 calls), so a short warm-up times the JIT, not the code.
// Knobs: BENCH_06_WARMUP_ROUNDS (default 80), BENCH_06_CALLS (default 25), BENCH_06_ROUNDS
// (default 20), BENCH_06_PROFILE_ROUNDS (default 6), BENCH_06_ALLOCATION_ROUNDS (default 4),
// BENCH_06_ONLY=bare,l0On (run only those variants, no profile or allocation rows);
// BENCH_PROFILE_DIR=dir writes a CPU profile of each batch (bench/lib/profiler.mjs; summarise with
// bench/profile-summary.mjs).
import { startHttpVariants } from "../lib/http-variants.mjs";
import { batchProfiler, collectingProfiler } from "../lib/profiler.mjs";
import { timeByPackage } from "../lib/cpu-profile.mjs";
import { allocationProfiler, bytesByOwner } from "../lib/allocation-profile.mjs";
import { alternatingRounds, median, spread } from "../measure.mjs";

export const title = "real calls: openai SDK over HTTP (50 chunks/call) — bare vs instrumentation-openai vs l0; AI SDK streamText";

const CHUNKS = 50;
const CALLS = Number(process.env.BENCH_06_CALLS ?? 25);
const ROUNDS = Number(process.env.BENCH_06_ROUNDS ?? 20);
const ONLY = process.env.BENCH_06_ONLY?.split(",");
/** Warm-up rounds before the timed ones (see "Steady state" above). */
const WARMUP_ROUNDS = Number(process.env.BENCH_06_WARMUP_ROUNDS ?? 80);
const PROFILE_ROUNDS = Number(process.env.BENCH_06_PROFILE_ROUNDS ?? 6);
/** The variants whose CPU profiles split l0's own code from the OTel SDK's (see `profileSplit`). */
const PROFILED = ["l0On", "l0Off", "replayL0On", "replay1L0On"];
/** The variants whose allocations are split by whose code asked for them (see `allocationSplit`), and its rounds. */
const ALLOCATED = ["bare", "otel", "l0Off", "l0On"];
const ALLOCATION_ROUNDS = Number(process.env.BENCH_06_ALLOCATION_ROUNDS ?? 4);
/** The owners profile samples are charged to: l0, the OTel packages, the openai SDK, the benchmark. */
const isOwner = (pkg) => pkg === "l0" || pkg === "bench" || pkg === "openai" || pkg.startsWith("@opentelemetry/");

/** Per-round paired values of `metric` for `name` and `base` → { value, baseValue, spread of ratio }. */
function compare(samples, name, base, metric) {
  const a = samples[name].map((s) => s[metric]);
  const b = samples[base].map((s) => s[metric]);
  return { value: median(a), baseValue: median(b), ratioSpread: spread(a.map((v, i) => v / b[i])) };
}

/** Per-round paired differences: median over rounds of (name − base). */
function added(samples, name, base, metric) {
  const diffs = samples[name].map((s, i) => s[metric] - samples[base][i][metric]);
  return { value: median(diffs), diffs };
}

export async function run() {
  const { variants, instrumentation, close } = await startHttpVariants({
    chunks: CHUNKS,
    calls: CALLS,
    only: ONLY,
    replayCalls: CALLS * 10,
  });
  try {
    await alternatingRounds(variants, {
      rounds: WARMUP_ROUNDS,
      onRound: (r) => r % 20 === 19 && process.stderr.write(`  06: warm-up round ${r + 1}/${WARMUP_ROUNDS}\n`),
    }); // JIT, connections, lazy pipelines
    const samples = await alternatingRounds(variants, {
      rounds: ROUNDS,
      onRound: (r) => process.stderr.write(`  06: round ${r + 1}/${ROUNDS}\n`),
      profiler: batchProfiler("06"),
    });
    if (samples.otel) await instrumentation.verify(CALLS * (ROUNDS + WARMUP_ROUNDS));
    if (ONLY !== undefined) return rowsForOnly(samples);
    return [...rows(samples), ...(await profileSplit(variants)), ...(await allocationSplit(variants))];
  } finally {
    await close();
  }
}

function rowsForOnly(samples) {
  return Object.entries(samples).flatMap(([name, s]) => [
    { name: `${name}: wall time per call`, value: median(s.map((x) => x.wallUs)), unit: "us/call" },
    { name: `${name}: CPU per call`, value: median(s.map((x) => x.cpuUs)), unit: "us/call" },
  ]);
}

function rows(samples) {
  const out = [];
  const labels = {
    bare: "bare openai SDK",
    otel: "instrumentation-openai",
    l0Off: "l0, monitoring off",
    l0On: "l0, monitoring on",
    bareCtx: "bare openai SDK + context manager",
    otelCtx: "instrumentation-openai + context manager",
    l0OnCtx: "l0, monitoring on + context manager",
    aiBare: "AI SDK streamText (fullStream)",
    aiL0Off: "l0 around streamText, monitoring off",
    aiL0On: "l0 around streamText, monitoring on",
    replayBare: "replayed SDK chunks, bare for-await",
    replayL0Off: "l0 over replayed SDK chunks, monitoring off",
    replayL0On: "l0 over replayed SDK chunks, monitoring on",
  };
  const row = (name, base, metric, extra = {}) => {
    const c = compare(samples, name, base, metric);
    const what = metric === "wallUs" ? "wall time per call" : "CPU per call";
    return {
      name: `${labels[name]}: ${what}`,
      value: c.value,
      unit: "us",
      baseline: { name: labels[base], value: c.baseValue },
      spread: c.ratioSpread,
      ...extra,
    };
  };
  const plain = (name, metric) => ({
    name: `${labels[name]}: ${metric === "wallUs" ? "wall time per call" : "CPU per call"}`,
    value: median(samples[name].map((s) => s[metric])),
    unit: "us",
  });
  for (const metric of ["wallUs", "cpuUs"]) {
    out.push(plain("bare", metric));
    out.push(row("otel", "bare", metric));
    out.push(row("l0Off", "bare", metric, metric === "wallUs" ? { target: "<= 1.05x" } : {}));
    out.push(row("l0On", "bare", metric));
    out.push(row("l0On", "otel", metric));
    out.push(row("l0OnCtx", "bareCtx", metric));
    out.push(row("otelCtx", "bareCtx", metric));
    out.push(row("l0OnCtx", "otelCtx", metric));
    out.push(row("aiL0Off", "aiBare", metric));
    out.push(row("aiL0On", "aiBare", metric));
  }
  // No I/O: the chunks of one real call replayed from memory. Nothing waits, so CPU time is the
  // cost; wall time would add whatever share of the cores the machine's load leaves this process.
  out.push(plain("replayBare", "cpuUs"));
  for (const [mode, label] of [
    ["Off", "l0 over replayed SDK chunks, monitoring off"],
    ["On", "l0 over replayed SDK chunks, monitoring on"],
  ]) {
    const many = added(samples, `replayL0${mode}`, "replayBare", "cpuUs");
    const one = added(samples, `replay1L0${mode}`, "replay1Bare", "cpuUs");
    // cost(n chunks) = fixed + n × perChunk, from the 50-chunk and the 1-chunk call of each round
    const perChunk = many.diffs.map((d, i) => (d - one.diffs[i]) / (CHUNKS - 1));
    const fixed = one.diffs.map((d, i) => d - perChunk[i]);
    out.push({
      name: `${label}: l0's own CPU per ${CHUNKS}-chunk call (variant − bare, same round)`,
      value: many.value,
      unit: "us",
      spread: spread(many.diffs),
    });
    out.push({
      name: `${label}: l0's own CPU per call, fixed part (from 1- and ${CHUNKS}-chunk calls)`,
      value: median(fixed),
      unit: "us",
      spread: spread(fixed),
    });
    out.push({
      name: `${label}: l0's own CPU per chunk, marginal part (the same fit)`,
      value: median(perChunk),
      unit: "us/chunk",
      spread: spread(perChunk),
    });
  }
  // Targets. "Added" = per-round paired difference to the bare SDK in the same round, median over rounds.
  // The spread shows p25–p75 of both differences (a ratio of two small differences is unstable).
  const addedRow = (name, otelName, bare, label, metric) => {
    const l = added(samples, name, bare, metric);
    const o = added(samples, otelName, bare, metric);
    return {
      name: `${label}: added ${metric === "wallUs" ? "wall time" : "CPU"} per call (variant − bare, same round)`,
      value: l.value,
      unit: "us",
      baseline: { name: "instrumentation-openai's", value: o.value },
      spread: `${spread(l.diffs, 0)} vs ${spread(o.diffs, 0)}`,
      target: "<= 1x",
    };
  };
  for (const metric of ["wallUs", "cpuUs"]) {
    out.push(addedRow("l0On", "otel", "bare", "l0, monitoring on", metric));
    out.push(addedRow("l0OnCtx", "otelCtx", "bareCtx", "l0, monitoring on + context manager", metric));
  }
  // l0's own CPU per chunk = (CPU per call with l0 − CPU per call of the bare SDK, same round) / 50 chunks.
  for (const [name, base, label, target] of [
    ["l0On", "bare", "l0, monitoring on", "<= 2 us"],
    ["l0Off", "bare", "l0, monitoring off", undefined],
    ["otel", "bare", "instrumentation-openai", undefined],
    ["l0OnCtx", "bareCtx", "l0, monitoring on + context manager", undefined],
  ]) {
    const d = added(samples, name, base, "cpuUs");
    out.push({
      name: `${label}: own CPU per chunk = (CPU/call − bare CPU/call, same round) / ${CHUNKS}`,
      value: d.value / CHUNKS,
      unit: "us/chunk",
      spread: spread(d.diffs.map((x) => x / CHUNKS)),
      ...(target ? { target } : {}),
    });
  }
  return out;
}

/** The package classes of a profile split: whose code a CPU sample was spent in. */
function classOf(pkg) {
  if (pkg === "l0") return "l0";
  if (pkg.startsWith("@opentelemetry/")) return "otel";
  if (pkg === "(garbage collector)") return "gc";
  return "other";
}

/**
 * What costs what, from CPU profiles (node:inspector, 100 µs sampling) of extra alternating rounds
 * of the PROFILED variants: each sample is charged to the innermost frame on its stack that is
 * l0's, an OTel package's, the openai SDK's or the benchmark's (so l0's own code includes the Node
 * internals it calls: promises, AbortController, timers), GC to GC. "l0's own code per chunk" is the
 * issue's measure: l0's CPU per 50-chunk call / 50; the replayed 1- and 50-chunk calls split it
 * into a fixed part per call and a marginal part per chunk. Sampling adds its own overhead, so
 * these figures run a little high (conservative against their targets).
 */
async function profileSplit(variants) {
  const profiled = Object.fromEntries(PROFILED.map((name) => [name, variants[name]]));
  const profiler = collectingProfiler();
  try {
    await alternatingRounds(profiled, {
      rounds: PROFILE_ROUNDS,
      profiler,
      onRound: (r) => process.stderr.write(`  06: profiled round ${r + 1}/${PROFILE_ROUNDS}\n`),
    });
  } finally {
    profiler.close();
  }
  /** µs per call by class, over every profiled batch of `name`. */
  const perCall = (name) => {
    const out = { l0: 0, otel: 0, gc: 0, other: 0 };
    let calls = 0;
    for (const { profile, calls: n } of profiler.profiles.get(name)) {
      calls += n;
      for (const [pkg, us] of timeByPackage(profile, isOwner)) if (pkg !== "(idle)") out[classOf(pkg)] += us;
    }
    for (const key of Object.keys(out)) out[key] /= calls;
    return out;
  };
  const http = { on: perCall("l0On"), off: perCall("l0Off") };
  const many = perCall("replayL0On");
  const one = perCall("replay1L0On");
  const marginal = (key) => (many[key] - one[key]) / (CHUNKS - 1);
  const profileRow = (name, value, unit, extra = {}) => ({ name: `CPU profile: ${name}`, value, unit, ...extra });
  return [
    profileRow(`l0, monitoring on, real calls: l0's own code per chunk (l0's CPU per call / ${CHUNKS})`, http.on.l0 / CHUNKS, "us/chunk", {
      target: "<= 2 us",
    }),
    profileRow(
      `l0, monitoring on, real calls: OTel SDK per chunk (the spans and metrics l0 records, per call / ${CHUNKS})`,
      http.on.otel / CHUNKS,
      "us/chunk",
    ),
    profileRow(`l0, monitoring off, real calls: l0's own code per chunk (per call / ${CHUNKS})`, http.off.l0 / CHUNKS, "us/chunk"),
    profileRow("replayed chunks, monitoring on: l0's own code, fixed part per call", one.l0 - marginal("l0"), "us"),
    profileRow("replayed chunks, monitoring on: l0's own code, marginal part per chunk", marginal("l0"), "us/chunk"),
    profileRow("replayed chunks, monitoring on: OTel SDK, fixed part per call", one.otel - marginal("otel"), "us"),
    profileRow("replayed chunks, monitoring on: OTel SDK, marginal part per chunk", marginal("otel"), "us/chunk"),
    profileRow("replayed chunks, monitoring on: GC, marginal part per chunk", marginal("gc"), "us/chunk"),
  ];
}

/**
 * Bytes allocated per call, by whose code asked for them: V8's sampling heap profiler (one sample
 * per 512 bytes on average, collected objects included) over ALLOCATION_ROUNDS extra alternating
 * rounds of the ALLOCATED variants, every sample charged to the innermost l0, OTel, openai or
 * benchmark frame on its stack (`bench/lib/allocation-profile.mjs`), so l0's bytes include the
 * promises, closures and arrays it has Node and V8 make. Allocation is deterministic where time is
 * not: these rows say what a call leaves for the GC, which runs on the same core and evicts the
 * caches the next chunk needs.
 */
async function allocationSplit(variants) {
  const profiler = allocationProfiler();
  try {
    await alternatingRounds(Object.fromEntries(ALLOCATED.map((name) => [name, variants[name]])), {
      rounds: ALLOCATION_ROUNDS,
      profiler,
    });
  } finally {
    profiler.close();
  }
  /** Bytes per call by class, over every sampled batch of `name`. */
  const perCall = (name) => {
    const out = { l0: 0, otel: 0, gc: 0, other: 0, total: 0 };
    let calls = 0;
    for (const { profile, calls: n } of profiler.profiles.get(name)) {
      calls += n;
      for (const [pkg, bytes] of bytesByOwner(profile, isOwner)) {
        out[classOf(pkg)] += bytes;
        out.total += bytes;
      }
    }
    for (const key of Object.keys(out)) out[key] /= calls;
    return out;
  };
  const [bare, otel, off, on] = ALLOCATED.map(perCall);
  const kb = (bytes) => bytes / 1024;
  const allocRow = (name, value, unit = "KB", extra = {}) => ({ name: `allocated per call: ${name}`, value, unit, ...extra });
  return [
    allocRow("bare openai SDK, everything", kb(bare.total)),
    allocRow("l0, monitoring on: l0's code and the OTel SDK's (l0's spans and metrics)", kb(on.l0 + on.otel), "KB", {
      baseline: { name: "instrumentation-openai's code and the OTel SDK's", value: kb(otel.otel) },
    }),
    allocRow("l0, monitoring on: l0's own code", kb(on.l0)),
    allocRow(`l0, monitoring on: l0's own code per chunk (/ ${CHUNKS})`, on.l0 / CHUNKS, "B/chunk"),
    allocRow("l0, monitoring on: the OTel SDK recording l0's spans and metrics", kb(on.otel)),
    allocRow("l0, monitoring off: l0's own code", kb(off.l0)),
  ];
}
