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
