// Variants of case 07: many concurrent streams, either held open mid-stream (to measure the heap
// each in-flight call retains) or run to completion (to measure CPU per token).
import { l0 } from "../../dist/index.js";
import { MODEL } from "./http-variants.mjs";

const MONITORING_ON = { enabled: true, provider: "openai", model: MODEL };
const TIMEOUTS = { initialToken: 60_000, interToken: 60_000 };
const PARAMS = {
  model: MODEL,
  messages: [{ role: "user", content: "Say fifty words." }],
  stream: true,
  stream_options: { include_usage: true },
};

/**
 * Starts `n` consumers; `consume(i, onHeld)` reads call i and calls `onHeld()` once it holds
 * `heldAt` tokens. Returns `{ allHeld, release }`: `allHeld` resolves when every call is held,
 * `release()` runs `abortAll()` and waits for every consumer to finish.
 */
function holdMany(n, consume, abortAll) {
  let held = 0;
  let resolveHeld;
  const allHeld = new Promise((resolve) => (resolveHeld = resolve));
  const onHeld = () => {
    if (++held === n) resolveHeld();
  };
  const done = [];
  for (let i = 0; i < n; i++) done.push(consume(i, onHeld));
  const failures = Promise.all(
    done.map((p) =>
      p.then(
        () => undefined,
        (error) => error,
      ),
    ),
  );
  return {
    allHeld: Promise.race([
      allHeld,
      failures.then((errors) => Promise.reject(errors.find(Boolean) ?? new Error("a held call ended early"))),
    ]),
    async release() {
      abortAll();
      await failures;
    },
  };
}

/** Counts token events of an l0 result, calling `onHeld` at the `heldAt`-th; swallows the abort. */
async function readL0(result, heldAt, onHeld) {
  let tokens = 0;
  try {
    for await (const event of result.stream) if (event.type === "token" && ++tokens === heldAt) onHeld();
  } catch (error) {
    if (error?.code !== "STREAM_ABORTED") throw error;
  }
}

/** HTTP variants: `held` (name → start(n)) and `complete(n)` (variants for `alternatingRounds`). */
export function heldCallVariants({ baseURL, OpenAI, heldAt, chunks }) {
  const client = new OpenAI({ baseURL, apiKey: "bench", maxRetries: 0 });
  const stall = { headers: { "x-mock-fault": `stall:${heldAt}` } };

  const bare = (n) => {
    const controllers = Array.from({ length: n }, () => new AbortController());
    return holdMany(
      n,
      async (i, onHeld) => {
        let tokens = 0;
        try {
          const stream = await client.chat.completions.create(PARAMS, { ...stall, signal: controllers[i].signal });
          for await (const chunk of stream) if (chunk.choices[0]?.delta?.content && ++tokens === heldAt) onHeld();
        } catch (error) {
          if (!controllers[i].signal.aborted) throw error;
        }
      },
      () => controllers.forEach((c) => c.abort()),
    );
  };
  const viaL0 = (extra) => (n) => {
    const results = [];
    return holdMany(
      n,
      async (i, onHeld) => {
        const result = await l0({
          stream: ({ signal }) => client.chat.completions.create(PARAMS, { ...stall, signal }),
          monitoring: MONITORING_ON,
          ...extra,
        });
        results[i] = result;
        await readL0(result, heldAt, onHeld);
      },
      () => results.forEach((r) => r.abort()),
    );
  };

  const complete = (n) => ({
    bare: {
      calls: 1,
      call: () =>
        Promise.all(
          Array.from({ length: n }, async () => {
            const stream = await client.chat.completions.create(PARAMS);
            let tokens = 0;
            for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) tokens++;
            if (tokens !== chunks) throw new Error(`bare: ${tokens} tokens`);
          }),
        ),
    },
    l0On: {
      calls: 1,
      call: () =>
        Promise.all(
          Array.from({ length: n }, async () => {
            const result = await l0({
              stream: ({ signal }) => client.chat.completions.create(PARAMS, { signal }),
              monitoring: MONITORING_ON,
            });
            let tokens = 0;
            for await (const event of result.stream) if (event.type === "token") tokens++;
            if (tokens !== chunks || result.telemetry?.metrics.totalTokens === undefined) throw new Error(`l0: ${tokens} tokens`);
          }),
        ),
    },
  });
  return { held: { bare, l0On: viaL0({}), l0OnTimeouts: viaL0({ timeout: TIMEOUTS }) }, complete };
}

/** In-process variants: a generator yields `heldAt` tokens, then waits on a gate before the rest. */
export function inProcessVariants({ heldAt, chunks }) {
  const gated = (gate) =>
    async function* source() {
      for (let i = 0; i < chunks; i++) {
        if (i === heldAt) await gate;
        yield `w${i} `;
      }
    };
  const withGate = (run) => (n) => {
    let open;
    const gate = new Promise((resolve) => (open = resolve));
    const source = gated(gate);
    return holdMany(
      n,
      (i, onHeld) => run(source, onHeld),
      () => open(),
    );
  };
  return {
    raw: withGate(async (source, onHeld) => {
      let tokens = 0;
      for await (const _token of source()) if (++tokens === heldAt) onHeld();
    }),
    l0On: withGate(async (source, onHeld) => {
      const result = await l0({ stream: () => source(), monitoring: MONITORING_ON });
      await readL0(result, heldAt, onHeld);
    }),
  };
}
