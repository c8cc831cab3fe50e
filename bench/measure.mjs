// Shared timing helpers for benchmark cases.

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
 * round runs each variant's batch of `calls` calls once, in an order rotated by one each round, so
 * load changes on the machine hit every variant alike. Before each batch: `setup()`. No forced GC:
 * a full GC with no call in flight lets V8 drop the object shapes that optimized code of l0 and
 * the OTel SDK depends on, and that code is then deoptimized and recompiled during the next batch
 * (measured: +290 µs CPU per replayed call with a forced GC every 500 calls), a cost that a server
 * with calls always in flight does not pay at that rate. BENCH_GC_EACH_BATCH=1 forces one anyway.
 * Returns name → array (one entry per round) of `{ wallUs, cpuUs }` per call, where CPU is
 * `process.cpuUsage()` (user + system) of this process over the batch. `profiler` (optional, see
 * lib/profiler.mjs) is started before and stopped after each batch's timed calls.
 */
export async function alternatingRounds(variants, { rounds, onRound, profiler } = {}) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      const variant = variants[name];
      await variant.setup?.();
      if (process.env.BENCH_GC_EACH_BATCH === "1") globalThis.gc?.();
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
