// Shared timing helpers for benchmark cases.
import { seededRandom } from "../scripts/lib/seeded-random.mjs";

/** Runs `fn` `warmup` times, then `runs` times, and returns the median of the timed runs in ns. */
export async function medianNs(fn, { warmup = 2, runs = 7 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Heap used after a full GC (needs `node --expose-gc`), in bytes. */
export function heapAfterGc() {
  if (typeof globalThis.gc === "function") {
    globalThis.gc();
    globalThis.gc();
  }
  return process.memoryUsage().heapUsed;
}

/**
 * Heap used by live objects (needs `node --expose-gc`), in bytes: full GCs in separate event-loop
 * turns, so objects kept only for the current job (WeakRef targets, which V8 keeps alive until the
 * job ends) and those released by FinalizationRegistry callbacks are collected too. A synchronous
 * `gc(); gc()` can count such objects as live.
 */
export async function retainedHeap() {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await turn();
  }
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** The median of `values` (the upper middle value for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The `q` quantile (0..1) of `values`, nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/** `"p25–p75"` of `values`, formatted with `digits` decimals: the spread shown beside a median. */
export function spread(values, digits = 2) {
  return `${quantile(values, 0.25).toFixed(digits)}–${quantile(values, 0.75).toFixed(digits)}`;
}

/**
 * Runs `variants` (name → { calls, call(), setup?(), teardown?() }) in alternating rounds: every
 * round runs each variant's batch of `calls` calls once, in a freshly shuffled order (seeded), so
 * load changes on the machine hit every variant alike and no variant always follows the same one
 * (whose garbage it would then always collect). Before each batch: `setup()` and a minor GC
 * (young garbage of the previous batch). No forced full GC: a full GC with no call in flight lets
 * V8 drop object shapes that optimized code of l0 and of the OTel SDK depends on; that code is then
 * deoptimized and recompiled in the next batch (measured: +290 µs CPU per replayed l0 call with a
 * full GC every 500 calls), a cost a server with calls always in flight does not pay at that rate.
 * BENCH_GC_EACH_BATCH=1 forces a full GC anyway.
 * Returns name → array (one entry per round) of `{ wallUs, cpuUs }` per call, where CPU is
 * `process.cpuUsage()` (user + system, all threads of this process) over the batch. `profiler`
 * (optional, see lib/profiler.mjs) is started before and stopped after each batch's timed calls.
 */
export async function alternatingRounds(variants, { rounds, onRound, profiler, seed = 17 } = {}) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const next = seededRandom(seed);
  for (let round = 0; round < rounds; round++) {
    const order = [...names];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const name of order) {
      const variant = variants[name];
      await variant.setup?.();
      if (process.env.BENCH_GC_EACH_BATCH === "1") globalThis.gc?.();
      else globalThis.gc?.({ type: "minor" });
      await profiler?.start();
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let c = 0; c < variant.calls; c++) await variant.call();
      const wallNs = Number(process.hrtime.bigint() - t0);
      const cpu = process.cpuUsage(cpu0);
      await profiler?.stop(name, round, variant.calls);
      await variant.teardown?.();
      samples[name].push({ wallUs: wallNs / 1000 / variant.calls, cpuUs: (cpu.user + cpu.system) / variant.calls });
    }
    onRound?.(round);
  }
  return samples;
}
