// Scale: 1,000 concurrent streams, monitoring on, for a gateway owner sizing a box.
// Heap per in-flight call: 1,000 calls of the real `openai` SDK to the mock server (own process),
// which sends 25 of 50 chunks and then holds every response open (`x-mock-fault: stall:25`). Once
// every consumer has read its 25 tokens, full GCs in separate event-loop turns (retainedHeap), then
// heapUsed is compared with heapUsed (measured the same way) just before the calls started; the
// difference / 1,000 is the retained heap per in-flight call. l0's share is that figure with l0 minus the same 1,000 streams without l0 (the
// provider SDK's own), paired round by round. Then the calls are aborted and the next round runs.
// The same measurement over in-process streams (an async generator that yields 25 tokens and then
// waits on a gate) isolates l0 from HTTP and the SDK.
// CPU per token: 1,000 concurrent complete 50-chunk streams over HTTP, this process's CPU
// (user + system) over the batch / 50,000 tokens, bare SDK vs l0 (monitoring on), alternating.
// Knobs: BENCH_07_STREAMS (default 1000), BENCH_07_ROUNDS (default 3), BENCH_07_HEAP_SNAPSHOT_DIR
// (writes a heap snapshot of each variant and round at the held moment; compare two with
// bench/heap-summary.mjs), BENCH_07_VERBOSE=1 (prints each round's heap figure).
import { writeHeapSnapshot } from "node:v8";
import { join } from "node:path";
import { startMockServerProcess } from "../lib/mock-server.mjs";
import { setupOpenAIInstrumentation } from "../lib/otel-openai-instrumentation.mjs";
import { heldCallVariants, inProcessVariants } from "../lib/held-calls.mjs";
import { alternatingRounds, median, retainedHeap, spread } from "../measure.mjs";

export const title = "1,000 concurrent streams, monitoring on: heap per in-flight call, CPU per token";

const STREAMS = Number(process.env.BENCH_07_STREAMS ?? 1000);
const ROUNDS = Number(process.env.BENCH_07_ROUNDS ?? 3);
/** Streams of the CPU phase's warm-up round (JIT, connection pool, lazily built pipelines). */
const WARM_UP = Math.min(STREAMS, 200);
const CHUNKS = 50;
const HELD_AT = 25;

const sockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;

/**
 * Waits until this process has at most `count` open TCP sockets (aborted calls close theirs a few
 * turns after the abort), so the next round's "before" heap does not still hold the last round's.
 */
async function socketsSettled(count) {
  for (let waited = 0; sockets() > count && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setImmediate(r));
}

/**
 * One held batch: KiB per in-flight call. Its own async function, so nothing of the batch (the
 * results, the consumers) stays reachable from a suspended frame when the next "before" is taken.
 */
async function heldBatch(start, snapshotPath) {
  const openSockets = sockets();
  const before = await retainedHeap();
  const held = start(STREAMS);
  await held.allHeld;
  const during = await retainedHeap();
  if (snapshotPath) writeHeapSnapshot(snapshotPath);
  await held.release();
  await socketsSettled(openSockets);
  return (during - before) / STREAMS / 1024;
}

/** Runs `variants` (name → (n) => { allHeld: Promise, release(): Promise }) in alternating rounds; KiB per call. */
async function heapRounds(variants, rounds, label) {
  const snapshots = process.env.BENCH_07_HEAP_SNAPSHOT_DIR;
  const names = Object.keys(variants);
  const kib = Object.fromEntries(names.map((n) => [n, []]));
  // The warm-up round (-1) runs the full count too: the first 1,000-stream batches grow
  // long-lived structures.
  for (let round = -1; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + Math.max(round, 0)) % names.length];
      const path = snapshots && round >= 0 ? join(snapshots, `07-${label}-${name}-r${round}.heapsnapshot`) : undefined;
      const value = await heldBatch(variants[name], path);
      if (process.env.BENCH_07_VERBOSE) process.stderr.write(`  07: ${label} ${name} round ${round}: ${value.toFixed(2)} KiB/call\n`);
      if (round >= 0) kib[name].push(value);
    }
  }
  return kib;
}

function paired(a, b) {
  const diffs = a.map((v, i) => v - b[i]);
  return { value: median(diffs), spread: spread(diffs) };
}

export async function run() {
  const server = await startMockServerProcess({ chunks: CHUNKS });
  // The `openai` class loaded the same way as in case 06 (the instrumentation stays disabled).
  const instrumentation = await setupOpenAIInstrumentation();
  try {
    const http = heldCallVariants({ baseURL: server.baseURL, OpenAI: instrumentation.OpenAI, heldAt: HELD_AT, chunks: CHUNKS });
    const heap = await heapRounds(http.held, ROUNDS, "http");
    process.stderr.write("  07: heap over HTTP done\n");
    const local = inProcessVariants({ heldAt: HELD_AT, chunks: CHUNKS });
    const localHeap = await heapRounds(local, ROUNDS, "local");
    process.stderr.write("  07: heap in-process done\n");
    await alternatingRounds(http.complete(WARM_UP), { rounds: 1 });
    const cpu = await alternatingRounds(http.complete(STREAMS), { rounds: ROUNDS });
    const tokens = STREAMS * CHUNKS;
    const l0Heap = paired(heap.l0On, heap.bare);
    const l0TimeoutsHeap = paired(heap.l0OnTimeouts, heap.bare);
    const localL0 = paired(localHeap.l0On, localHeap.raw);
    const cpuPerToken = (name) => cpu[name].map((s) => s.cpuUs / tokens); // one "call" = the whole batch
    const l0Cpu = paired(cpuPerToken("l0On"), cpuPerToken("bare"));
    const n = STREAMS.toLocaleString("en-US");
    return [
      {
        name: `bare openai SDK: heap per in-flight call (${n} held streams)`,
        value: median(heap.bare),
        unit: "KiB",
        spread: spread(heap.bare),
      },
      {
        name: `l0 (monitoring on) + openai SDK: heap per in-flight call`,
        value: median(heap.l0On),
        unit: "KiB",
        spread: spread(heap.l0On),
      },
      {
        name: `l0's heap per in-flight call beyond the SDK's (l0 − bare, same round)`,
        value: l0Heap.value,
        unit: "KiB",
        spread: l0Heap.spread,
        target: "<= 8 KiB",
      },
      {
        name: `the same, l0 with initialToken/interToken timeouts`,
        value: l0TimeoutsHeap.value,
        unit: "KiB",
        spread: l0TimeoutsHeap.spread,
      },
      {
        name: `in-process streams: l0's heap per in-flight call (l0 − raw generator)`,
        value: localL0.value,
        unit: "KiB",
        spread: localL0.spread,
      },
      { name: `bare openai SDK: CPU per token (${n} concurrent 50-chunk streams)`, value: median(cpuPerToken("bare")), unit: "us/token" },
      {
        name: `l0 (monitoring on) + openai SDK: CPU per token`,
        value: median(cpuPerToken("l0On")),
        unit: "us/token",
        baseline: { name: "bare openai SDK", value: median(cpuPerToken("bare")) },
        spread: spread(cpuPerToken("l0On").map((v, i) => v / cpuPerToken("bare")[i])),
      },
      {
        name: `l0's own CPU per token (l0 − bare, same round; ${tokens.toLocaleString("en-US")} tokens/round)`,
        value: l0Cpu.value,
        unit: "us/token",
        spread: l0Cpu.spread,
      },
      {
        name: `l0 (monitoring on) + openai SDK: wall time for ${n} concurrent streams`,
        value: median(cpu.l0On.map((s) => s.wallUs / 1000)),
        unit: "ms",
        baseline: { name: "bare openai SDK", value: median(cpu.bare.map((s) => s.wallUs / 1000)) },
      },
    ];
  } finally {
    await instrumentation.shutdown();
    await server.close();
  }
}
