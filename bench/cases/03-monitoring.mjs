// Monitoring overhead: l0 with monitoring on vs off over the same in-memory stream, the fixed cost
// per call (many tiny calls), and telemetry memory of one monitored 1M-token stream. The runtime
// itself keeps the delivered text (`state.content`), so telemetry memory is measured as the heap of
// a stream with monitoring on minus the same stream with monitoring off, at 10k and at 1M tokens:
// telemetry keeps numbers, not one entry per token, so both should be the same few KiB.
import { MeterProvider, InMemoryMetricExporter, AggregationTemporality, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { l0, registerL0Instrumentation } from "../../dist/index.js";
import { heapAfterGc, medianNs } from "../measure.mjs";

export const title = "monitoring overhead (on vs off), per-call cost, telemetry memory";

const TOKENS = 200_000;
const CALLS = 5_000;

async function* source(n) {
  for (let i = 0; i < n; i++) yield "tok ";
}

async function consume(n, monitoring) {
  const result = await l0({ stream: () => source(n), monitoring });
  let count = 0;
  for await (const event of result.stream) if (event.type === "token") count++;
  if (count !== n) throw new Error(`expected ${n} tokens, got ${count}`);
  return result;
}

const OFF = { enabled: false };
const ON = { enabled: true, provider: "openai", model: "bench-model" };

async function tinyCalls(monitoring) {
  for (let i = 0; i < CALLS; i++) await consume(1, monitoring);
}

/** Heap growth (after GC) near the end of a stream of `n` tokens, the call still alive. */
async function heapAfterStream(n, monitoring) {
  const before = heapAfterGc();
  const result = await l0({ stream: () => source(n), monitoring });
  const iterator = result.stream[Symbol.asyncIterator]();
  let delivered = 0;
  for (;;) {
    const { value, done } = await iterator.next();
    if (done) break;
    if (value.type === "token") delivered++;
    // measure in the middle of the stream, the call's telemetry state alive
    if (delivered === n - 1) {
      const during = heapAfterGc() - before;
      for (;;) if ((await iterator.next()).done) break;
      if (monitoring.enabled && result.telemetry?.metrics.totalTokens !== n) throw new Error("telemetry lost tokens");
      return during;
    }
  }
  throw new Error("stream ended early");
}

export async function run() {
  const opts = { warmup: 1, runs: 9 };
  const offNs = (await medianNs(() => consume(TOKENS, OFF), opts)) / TOKENS;
  const onNs = (await medianNs(() => consume(TOKENS, ON), opts)) / TOKENS;
  const offCallUs = (await medianNs(() => tinyCalls(OFF), opts)) / CALLS / 1000;
  const onCallUs = (await medianNs(() => tinyCalls(ON), opts)) / CALLS / 1000;
  await heapAfterStream(10_000, ON); // warm up the code paths before measuring memory
  await heapAfterStream(10_000, OFF);
  const telemetryHeap = async (n) => {
    const samples = [];
    for (let i = 0; i < 3; i++) samples.push((await heapAfterStream(n, ON)) - (await heapAfterStream(n, OFF)));
    return samples.sort((a, b) => a - b)[1];
  };
  const heapSmall = await telemetryHeap(10_000);
  const heapLarge = await telemetryHeap(1_000_000);
  // Last: the same stream with a meter provider that has a reader (metrics are read, so every
  // record, one per chunk for time_per_output_chunk, reaches the SDK's aggregation).
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const handle = registerL0Instrumentation({ meterProvider: new MeterProvider({ readers: [reader] }) });
  const readNs = (await medianNs(() => consume(TOKENS, ON), opts)) / TOKENS;
  await handle.shutdown();
  const offBaseline = { name: "monitoring off", value: offNs };
  const callBaseline = { name: "monitoring off", value: offCallUs };
  return [
    { name: "l0, monitoring off", value: offNs, unit: "ns/token" },
    {
      name: "l0, monitoring on (sampled spans, result.telemetry; no metric reader)",
      value: onNs,
      unit: "ns/token",
      baseline: offBaseline,
      target: "<= 1.3x",
    },
    // one SDK histogram record per chunk (time_per_output_chunk) with a reader: the SDK's own cost
    { name: "l0, monitoring on, metrics read by a MetricReader", value: readNs, unit: "ns/token", baseline: offBaseline },
    { name: "1-token call, monitoring off", value: offCallUs, unit: "us/call" },
    { name: "1-token call, monitoring on", value: onCallUs, unit: "us/call", baseline: callBaseline },
    { name: "telemetry heap (on - off) during a 10k-token stream", value: heapSmall / 1024, unit: "KiB" },
    { name: "telemetry heap (on - off) during a 1M-token stream", value: heapLarge / 1024, unit: "KiB" },
    {
      // a per-token telemetry entry would cost >= 8 B/token (8 MB over 1M tokens); GC noise is a few KiB
      name: "telemetry heap growth per token, 10k -> 1M tokens",
      value: (heapLarge - heapSmall) / 990_000,
      unit: "B/token",
      target: "~0 (constant memory)",
    },
  ];
}
