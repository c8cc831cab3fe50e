// Compares two builds of l0 in one process, interleaved round by round, on the per-token rows of
// cases 01 and 03: a raw `for await` over an in-memory source, l0 over it (monitoring off), l0 with
// initial/inter-token timeouts, and l0 with monitoring on vs off. Each build is a package
// directory holding `dist/` (e.g. a worktree of an older commit after `npm ci && npm run build`).
// Usage: node --expose-gc bench/compare-builds.mjs <before-dir> <after-dir> [rounds]
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "./measure.mjs";

const [beforeDir, afterDir, roundsArg] = process.argv.slice(2);
if (beforeDir === undefined || afterDir === undefined) {
  console.error("usage: node --expose-gc bench/compare-builds.mjs <before-dir> <after-dir> [rounds]");
  process.exit(2);
}
const load = (dir) => import(pathToFileURL(resolve(dir, "dist/index.js")).href);
const builds = { before: await load(beforeDir), after: await load(afterDir) };
const ROUNDS = Number(roundsArg ?? 9);
const RUNTIME_TOKENS = 1_000_000;
const MONITORING_TOKENS = 200_000;
const OFF = { enabled: false };
const ON = { enabled: true, provider: "openai", model: "bench-model" };
const TIMEOUTS = { initialToken: 5000, interToken: 5000 };

async function* strings(n) {
  for (let i = 0; i < n; i++) yield "tok ";
}

async function consume(result, n) {
  let tokens = 0;
  for await (const event of result.stream) if (event.type === "token") tokens++;
  if (tokens !== n) throw new Error(`read ${tokens} tokens, expected ${n}`);
}

/** Case name → [tokens, run]. */
const cases = {
  raw: [
    RUNTIME_TOKENS,
    async () => {
      let tokens = 0;
      for await (const _token of strings(RUNTIME_TOKENS)) tokens++;
      if (tokens !== RUNTIME_TOKENS) throw new Error("raw: lost tokens");
    },
  ],
};
for (const [name, l0] of Object.entries(builds).map(([name, build]) => [name, build.l0])) {
  cases[`${name} l0`] = [RUNTIME_TOKENS, async () => consume(await l0({ stream: () => strings(RUNTIME_TOKENS) }), RUNTIME_TOKENS)];
  cases[`${name} l0 + timeouts`] = [
    RUNTIME_TOKENS,
    async () => consume(await l0({ stream: () => strings(RUNTIME_TOKENS), timeout: TIMEOUTS }), RUNTIME_TOKENS),
  ];
  for (const [mode, monitoring] of [
    ["off", OFF],
    ["on", ON],
  ]) {
    cases[`${name} monitoring ${mode}`] = [
      MONITORING_TOKENS,
      async () => consume(await l0({ stream: () => strings(MONITORING_TOKENS), monitoring }), MONITORING_TOKENS),
    ];
  }
}

const nsPerToken = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (const [, run] of Object.values(cases)) await run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order, so machine load hits every case alike.
  const names = Object.keys(cases);
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const [tokens, run] = cases[name];
    globalThis.gc?.();
    const started = process.hrtime.bigint();
    await run();
    nsPerToken[name].push(Number(process.hrtime.bigint() - started) / tokens);
  }
}

const m = Object.fromEntries(Object.entries(nsPerToken).map(([name, values]) => [name, median(values)]));
const row = (what, before, after) => console.log(`| ${what} | ${before.toFixed(2)}x | ${after.toFixed(2)}x |`);
console.log(`| medians of ${ROUNDS} interleaved rounds | before | after |`);
console.log("|---|---|---|");
row("01: l0 vs raw for-await, per token", m["before l0"] / m.raw, m["after l0"] / m.raw);
row("01: l0 + timeouts vs raw", m["before l0 + timeouts"] / m.raw, m["after l0 + timeouts"] / m.raw);
row(
  "03: monitoring on vs off, per token",
  m["before monitoring on"] / m["before monitoring off"],
  m["after monitoring on"] / m["after monitoring off"],
);
