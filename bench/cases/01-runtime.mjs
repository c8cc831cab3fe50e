// Runtime overhead: ns per token of a raw `for await` over an in-memory async-iterable source versus
// `l0()` over the same source (no guardrails, monitoring off, the consumer reads every event).
import { l0 } from "../../dist/index.js";
import { medianNs } from "../measure.mjs";

export const title = "runtime overhead per token (l0 vs raw for-await)";

const TOKENS = 1_000_000;

async function* source(n) {
  for (let i = 0; i < n; i++) yield "tok ";
}

async function raw() {
  let chars = 0;
  for await (const token of source(TOKENS)) chars += token.length;
  if (chars !== TOKENS * 4) throw new Error("raw: wrong length");
}

async function viaL0(extra = {}) {
  const result = await l0({ stream: () => source(TOKENS), ...extra });
  let chars = 0;
  for await (const event of result.stream) if (event.type === "token") chars += event.value.length;
  if (chars !== TOKENS * 4) throw new Error("l0: wrong length");
}

export async function run() {
  const opts = { warmup: 1, runs: 5 };
  const rawNs = (await medianNs(raw, opts)) / TOKENS;
  const l0Ns = (await medianNs(() => viaL0(), opts)) / TOKENS;
  const timeoutNs = (await medianNs(() => viaL0({ timeout: { initialToken: 5000, interToken: 5000 } }), opts)) / TOKENS;
  const baseline = { name: "raw for-await", value: rawNs };
  return [
    { name: "raw for-await", value: rawNs, unit: "ns/token" },
    { name: "l0 (auto-detected adapter, monitoring off)", value: l0Ns, unit: "ns/token", baseline, target: "<= 3x" },
    { name: "l0 + initial/inter-token timeouts", value: timeoutNs, unit: "ns/token", baseline },
  ];
}
