// Runtime overhead: ns per token of a raw `for await` over an in-memory 1M-token async-iterable
// source versus `l0()` over the same source (no guardrails, monitoring off, the consumer reads every
// event), measured in the same run. Cases are interleaved round by round and the median per case is
// reported, so load changes on the machine hit every case alike.
// Extra rows split the cost: the adapter alone (`resolveChunks` over the same source); the floor of
// any event layer on top of that adapter (one `then` per token that builds the token event with its
// timestamp); and `l0()` over a source that already yields l0 chunks through a pass-through adapter
// (the runtime alone, racing pulls).
import { l0, resolveChunks } from "../../dist/index.js";

export const title = "runtime overhead per token (l0 vs raw for-await, 1M tokens)";

const TOKENS = 1_000_000;
const ROUNDS = 5;
const EXPECTED = TOKENS * 4;

async function* strings(n) {
  for (let i = 0; i < n; i++) yield "tok ";
}

async function* chunks(n) {
  for (let i = 0; i < n; i++) yield { type: "token", value: "tok " };
}

const passThrough = { name: "pass-through", wrap: (input) => input };

function check(name, chars) {
  if (chars !== EXPECTED) throw new Error(`${name}: read ${chars} characters, expected ${EXPECTED}`);
}

async function consume(result) {
  let chars = 0;
  for await (const event of result.stream) if (event.type === "token") chars += event.value.length;
  return chars;
}

/** The least an event layer over the adapter can do: map each chunk to a timestamped token event. */
function minimalLayer() {
  const chunksIterator = resolveChunks(strings(TOKENS), { signal: new AbortController().signal })[Symbol.asyncIterator]();
  const map = (r) => (r.done ? r : { done: false, value: { type: "token", value: r.value.value, timestamp: Date.now() } });
  return { [Symbol.asyncIterator]: () => ({ next: () => chunksIterator.next().then(map) }) };
}

const cases = {
  raw: async () => {
    let chars = 0;
    for await (const token of strings(TOKENS)) chars += token.length;
    check("raw", chars);
  },
  adapter: async () => {
    let chars = 0;
    for await (const chunk of resolveChunks(strings(TOKENS))) if (chunk.type === "token") chars += chunk.value.length;
    check("adapter", chars);
  },
  floor: async () => check("floor", await consume({ stream: minimalLayer() })),
  l0: async () => check("l0", await consume(await l0({ stream: () => strings(TOKENS) }))),
  l0Timeouts: async () =>
    check("l0Timeouts", await consume(await l0({ stream: () => strings(TOKENS), timeout: { initialToken: 5000, interToken: 5000 } }))),
  l0Chunks: async () => check("l0Chunks", await consume(await l0({ stream: () => chunks(TOKENS), adapter: passThrough }))),
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run() {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const fn of Object.values(cases)) await fn(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(cases)) {
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      await fn();
      samples[name].push(Number(process.hrtime.bigint() - start) / TOKENS);
    }
  }
  const ns = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const baseline = { name: "raw for-await", value: ns.raw };
  return [
    { name: "raw for-await (baseline)", value: ns.raw, unit: "ns/token" },
    { name: "l0, auto-detected adapter, monitoring off", value: ns.l0, unit: "ns/token", baseline, target: "<= 3x" },
    { name: "l0 + initial/inter-token timeouts", value: ns.l0Timeouts, unit: "ns/token", baseline },
    { name: "adapter alone (resolveChunks)", value: ns.adapter, unit: "ns/token", baseline },
    { name: "floor: adapter + minimal event layer", value: ns.floor, unit: "ns/token", baseline },
    { name: "runtime alone (l0 chunks, pass-through adapter)", value: ns.l0Chunks, unit: "ns/token", baseline },
  ];
}
