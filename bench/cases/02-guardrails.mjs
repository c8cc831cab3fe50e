// Guardrail overhead: `l0()` with the `recommendedGuardrails` preset over a 100k-token JSON stream
// (in-memory async iterable) versus `l0()` without guardrails over the same stream, same run.
// Streaming rules consume only each check's delta, so the ratio should stay flat as output grows.
import { l0, recommendedGuardrails, driftDetector } from "../../dist/index.js";
import { medianNs } from "../measure.mjs";

export const title = "guardrails: l0 + recommended preset vs l0 without guardrails (100k-token JSON)";

const TOKENS = 100_000;
const TOKEN_CHARS = 4;

/** A valid JSON document of about TOKENS * TOKEN_CHARS characters, split into TOKENS pieces. */
function jsonTokens() {
  const items = [];
  let length = 2;
  for (let i = 0; length < TOKENS * TOKEN_CHARS; i++) {
    const item = { id: i, name: `item ${i} {with} "braces"`, tags: ["a", "b\\c"], ok: i % 2 === 0, score: i / 7 };
    length += JSON.stringify(item).length + 1;
    items.push(item);
  }
  const text = JSON.stringify({ items }).slice(0, TOKENS * TOKEN_CHARS - 2);
  // Close the structure validly: cut back to the end of an item, then close the array and object.
  const cut = text.lastIndexOf("},{") + 1;
  const full = `${text.slice(0, cut)}]}`;
  JSON.parse(full);
  const pieces = [];
  const size = Math.ceil(full.length / TOKENS);
  for (let i = 0; i < full.length; i += size) pieces.push(full.slice(i, i + size));
  return { full, pieces };
}

const { full, pieces } = jsonTokens();

async function* source() {
  for (const piece of pieces) yield piece;
}

async function viaL0(extra) {
  const result = await l0({ stream: () => source(), ...extra });
  let chars = 0;
  for await (const event of result.stream) if (event.type === "token") chars += event.value.length;
  if (chars !== full.length) throw new Error(`l0: wrong length ${chars} (expected ${full.length})`);
  if (result.state.violations.length > 0) throw new Error(`unexpected violations: ${JSON.stringify(result.state.violations)}`);
}

export async function run() {
  const opts = { warmup: 2, runs: 7 };
  const plainNs = await medianNs(() => viaL0({}), opts);
  const guardedNs = await medianNs(() => viaL0({ guardrails: recommendedGuardrails }), opts);
  const driftNs = await medianNs(() => viaL0({ guardrails: recommendedGuardrails, detectDrift: driftDetector() }), opts);
  const baseline = { name: "l0 without guardrails", value: plainNs / 1e6 };
  return [
    { name: `l0 without guardrails (${pieces.length} tokens, ${full.length} chars)`, value: plainNs / 1e6, unit: "ms" },
    { name: "l0 + recommendedGuardrails", value: guardedNs / 1e6, unit: "ms", baseline, target: "<= 2x" },
    { name: "l0 + recommendedGuardrails + detectDrift", value: driftNs / 1e6, unit: "ms", baseline },
  ];
}
