// The scale-out fault script: what each l0() call of a worker meets, attempt by attempt, and what
// must follow from it (the expected retries, network errors and violations, and the outcome).
//
// Every attempt is one request to the worker's local OpenAI-compatible server: `fault` is sent as
// its `x-mock-fault` header, `answer` names the text the server streams back (see ANSWERS).
// Delays are tiny (chunks 1 ms apart, retry-after 10 ms) so a run of hundreds of calls is quick.
import { tokenizeWords } from "l0/testing";
import { seededRandom } from "../lib/seeded-random.mjs";

/** Answers the local server can stream, by name. */
export const ANSWERS = Object.freeze({
  clean: "A reliable stream retries network errors without spending the model's attempts and reports every retry it makes.",
  // Trips the final-only rule `scaleout-forbidden-word` (severity error): a model retry.
  forbidden: "The answer contains the FORBIDDEN marker, so the guardrail rejects it once the stream has ended.",
  // Trips the final-only rule `scaleout-long-answer` (severity warning): recorded, not retried.
  long:
    "This answer is long on purpose: it runs past the soft length limit of the warning rule, which records a " +
    "violation of severity warning and lets the answer through without a retry.",
  // Trips the final-only rule `scaleout-halt` (severity fatal): the call fails at once.
  halt: "HALT: this answer makes the fatal rule stop the call without any retry.",
  // Drifts into repetition (the drift detector's `repetition`): a model retry. Shorter than the
  // warning rule's limit, so only drift judges it.
  drift: "Observability matters because it is key. It is key. It is key. It is key. It is key. It is key. It is key. It is key. It is key.",
});

/** Words of the prompt every call sends (the server reports them as input tokens). */
export const PROMPT = "Explain reliable streaming briefly.";

/** Provider-reported output tokens of an answer: the server streams one chunk per word. */
export function outputTokens(answer) {
  return tokenizeWords(ANSWERS[answer]).length;
}

/** Provider-reported input tokens of every request (the server counts the prompt's words). */
export const INPUT_TOKENS = PROMPT.split(/\s+/).filter((w) => w !== "").length;

/** Retry policy of every call: network retries are free up to maxRetries; 2 model retries. */
export const RETRY = Object.freeze({ attempts: 2, maxRetries: 3, backoff: "fixed", baseDelay: 2, maxDelay: 20 });

const ok = (answer = "clean") => ({ fault: undefined, answer });
const fail = (fault, errorType, answer = "clean") => ({ fault, errorType, answer });

/**
 * The scenarios. `attempts` lists every attempt the call makes; each failing attempt names the
 * `errorType` l0 must classify it as. `outcome` is how the call ends; `weight` its share of calls.
 */
export const SCENARIOS = Object.freeze([
  { name: "clean", weight: 6, attempts: [ok()], outcome: "success" },
  { name: "warning violation", weight: 1, attempts: [ok("long")], outcome: "success", violations: ["scaleout-long-answer"] },
  { name: "mid-stream drop", weight: 2, attempts: [fail("drop:3", "connection_dropped"), ok()], outcome: "success" },
  {
    name: "two drops",
    weight: 1,
    attempts: [fail("drop:2", "connection_dropped"), fail("drop:5", "connection_dropped"), ok()],
    outcome: "success",
  },
  { name: "429 retry-after", weight: 2, attempts: [fail("429:0.01", "rate_limit"), ok()], outcome: "success" },
  { name: "500", weight: 1, attempts: [fail("500", "server_error"), ok()], outcome: "success" },
  {
    name: "guardrail retry",
    weight: 2,
    attempts: [fail(undefined, "guardrail_violation", "forbidden"), ok()],
    outcome: "success",
    violations: ["scaleout-forbidden-word"],
  },
  { name: "drift retry", weight: 1, attempts: [fail(undefined, "drift", "drift"), ok()], outcome: "success", drift: true },
  { name: "fatal 401", weight: 1, attempts: [fail("401", "auth_error")], outcome: "failed" },
  {
    name: "fatal guardrail",
    weight: 1,
    attempts: [fail(undefined, "guardrail_violation", "halt")],
    outcome: "failed",
    violations: ["scaleout-halt"],
  },
  {
    name: "retries exhausted",
    weight: 1,
    attempts: [fail("500", "server_error"), fail("503", "server_error"), fail("429:0.01", "rate_limit"), fail("502", "server_error")],
    outcome: "failed",
  },
]);

/** Category of the error types the script produces (`network` ones count as network errors). */
export const NETWORK_TYPES = new Set(["connection_dropped", "rate_limit", "server_error"]);

/** The scenario warm-up calls use: a clean call (it creates every series of its identity). */
export const WARM_UP = SCENARIOS[0];

/**
 * The scenario list of one worker: `count` calls drawn by weight, every scenario at least once.
 * @param {number} count
 * @param {number} seed
 */
export function pickScenarios(count, seed) {
  const next = seededRandom(seed);
  const total = SCENARIOS.reduce((s, x) => s + x.weight, 0);
  const out = [...SCENARIOS];
  while (out.length < count) {
    let r = next() * total;
    const scenario = SCENARIOS.find((s) => (r -= s.weight) < 0) ?? SCENARIOS[0];
    out.push(scenario);
  }
  // Shuffle so the every-scenario prefix does not run first.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.slice(0, Math.max(count, SCENARIOS.length));
}
