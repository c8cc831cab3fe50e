// Waits on Prometheus' scrape state, not on the clock: each worker exports a gauge
// `scaleout_phase` from the same MeterProvider as l0's instruments, so a scraped sample of a phase
// comes with the l0 values of that phase.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function numbers(prometheus, expr) {
  const { result } = await prometheus.query(expr);
  return result.map((r) => Number(r.value[1]));
}

/**
 * Resolves once every one of `workers` series of `scaleout_phase` is at `phase` or beyond AND a later
 * scrape of every target has happened (so the values that came with the phase are complete at the
 * target, whatever order it stored them in). Returns that later scrape's timestamp (epoch ms); with
 * one scrape target (the Collector, or one worker) every series has that same timestamp.
 * @param {{ query(expr: string): Promise<{ result: Array<{ value: [number, string] }> }> }} prometheus
 */
export async function waitForPhase(prometheus, phase, workers, { timeoutMs = 60_000, pollMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let seenAt;
  for (;;) {
    if (seenAt === undefined) {
      const [count] = await numbers(prometheus, `count(scaleout_phase >= ${phase})`);
      if (count === workers) [seenAt] = await numbers(prometheus, "max(timestamp(scaleout_phase))");
    }
    if (seenAt !== undefined) {
      const stamps = await numbers(prometheus, "timestamp(scaleout_phase)");
      if (stamps.length === workers && stamps.every((t) => t > seenAt)) return Math.round(Math.min(...stamps) * 1000);
    }
    if (Date.now() > deadline) {
      throw new Error(`Prometheus did not scrape phase ${phase} of ${workers} workers within ${timeoutMs} ms`);
    }
    await sleep(pollMs);
  }
}

/**
 * The range (ms) that, evaluated at `endMs`, holds every sample from `startMs` on. Prometheus 2
 * includes a sample at the range's start, Prometheus 3 does not (left-open ranges): then the range
 * is widened by 1 ms, and `widenMs` says by how much rate()/increase() may extrapolate.
 */
export async function windowRange(prometheus, startMs, endMs) {
  const rangeMs = endMs - startMs;
  const { result } = await prometheus.query(`count_over_time(scaleout_phase[${rangeMs}ms])`, endMs);
  const { result: raw } = await prometheus.query(`scaleout_phase[${rangeMs + 60_000}ms]`, endMs);
  const inWindow = (raw[0]?.values ?? []).filter(([t]) => Math.round(t * 1000) >= startMs).length;
  const counted = Number(result[0]?.value?.[1] ?? 0);
  if (inWindow === 0) throw new Error("no scaleout_phase sample inside the window");
  return counted === inWindow ? { rangeMs, widenMs: 0 } : { rangeMs: rangeMs + 1, widenMs: 1 };
}
