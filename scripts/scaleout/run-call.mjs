// One scale-out call: plays a scenario of the fault script through l0 and the real `openai` SDK
// against the worker's local server, and writes down the truth of the call from two sides that do
// not go through l0's telemetry: the script (what each attempt was made to meet) and the consumer
// (the events it received, the guardrail and drift callbacks, its own clock). Where the two differ
// the call records a `problem`, and the run fails: the script's expectations are checked, not
// assumed.
import { performance } from "node:perf_hooks";
import { l0, driftDetector } from "l0";
import { GUARDRAIL_RULES, RULE_SEVERITY } from "./guardrail-rules.mjs";
import { INPUT_TOKENS, NETWORK_TYPES, PROMPT, RETRY, outputTokens } from "./scenarios.mjs";

const seconds = (ms) => ms / 1000;

/** True when the attempt's stream is read to its end, so the provider's usage chunk reaches l0. */
const readsUsage = (step) => step.fault === undefined && step.answer !== "drift";

/** What the script says the call must produce. */
function expected(scenario) {
  const { attempts } = scenario;
  const failed = scenario.outcome === "failed";
  const retries = [];
  const networkErrors = [];
  for (const [i, step] of attempts.entries()) {
    if (step.errorType === undefined) continue;
    if (NETWORK_TYPES.has(step.errorType)) networkErrors.push(step.errorType);
    const last = i === attempts.length - 1;
    if (!(last && failed)) retries.push({ kind: NETWORK_TYPES.has(step.errorType) ? "network" : "model", reason: step.errorType });
  }
  let input = 0;
  let output = 0;
  let reported = false;
  for (const step of attempts) {
    if (!readsUsage(step)) continue;
    reported = true;
    input += INPUT_TOKENS;
    output += outputTokens(step.answer);
  }
  return {
    attempts: attempts.length,
    // Attempts that get a 200 stream with content: each has a first chunk.
    firstChunks: attempts.filter((s) => s.fault === undefined || s.fault.startsWith("drop:")).length,
    retries,
    networkErrors,
    violations: (scenario.violations ?? []).map((rule) => ({ rule, severity: RULE_SEVERITY[rule] })),
    usage: reported ? { input, output } : undefined,
    errorType: failed ? attempts.at(-1).errorType : undefined,
  };
}

const key = (list) => JSON.stringify(list);

/**
 * @param {{ client: import("openai").default, model: string, scenario: object, phase: "warm-up" | "run" }} options
 */
export async function runCall({ client, model, scenario, phase }) {
  const expect = expected(scenario);
  const violations = [];
  const driftTypes = new Set();
  const attemptStarts = [];
  const result = await l0({
    stream: ({ signal, attempt }) => {
      const step = scenario.attempts[attempt - 1] ?? scenario.attempts.at(-1);
      attemptStarts.push(performance.now());
      return client.chat.completions.create(
        {
          model,
          stream: true,
          ...(readsUsage(step) && { stream_options: { include_usage: true } }),
          messages: [{ role: "user", content: PROMPT }],
          // Read by the local server's answer function (not part of the prompt, so not counted).
          scaleout_answer: step.answer,
        },
        { signal, ...(step.fault !== undefined && { headers: { "x-mock-fault": step.fault } }) },
      );
    },
    retry: RETRY,
    guardrails: [...GUARDRAIL_RULES],
    detectDrift: driftDetector(),
    monitoring: { enabled: true, provider: "openai", model },
    onViolation: (v) => violations.push({ rule: v.rule, severity: v.severity }),
    onDrift: (detections) => {
      for (const d of detections) driftTypes.add(d.type);
    },
  });

  const retries = [];
  // Per attempt, as the consumer saw it: token events, the first one's time, whether a retry threw
  // its output away (`discardsOutput`).
  const attemptTokens = [0];
  const attemptFirstToken = [];
  const attemptDiscarded = [false];
  let errorType;
  let usage;
  let firstToken;
  let end;
  const start = performance.now();
  try {
    for await (const event of result.stream) {
      const now = performance.now();
      if (event.type === "token") {
        firstToken ??= now;
        const a = attemptTokens.length - 1;
        if (attemptTokens[a]++ === 0) attemptFirstToken[a] = now;
      } else if (event.type === "retry" || event.type === "fallback") {
        if (event.type === "retry") retries.push({ kind: event.kind, reason: event.reason });
        // Discarding drops the attempt and every attempt it continued from.
        if (event.discardsOutput) attemptDiscarded.fill(true);
        attemptTokens.push(0);
        attemptDiscarded.push(false);
      } else if (event.type === "complete") {
        usage = event.usage;
        end = now;
      } else if (event.type === "error") {
        errorType = event.errorType;
        end = now;
      }
    }
  } catch {
    // The error event came first and carries the classification.
  }
  end ??= performance.now();

  // Output tokens of each attempt (semconv.md, Numbers): the provider's reported output tokens when
  // its stream was read to the usage chunk (the script knows them), else the token events delivered.
  const attemptOutput = attemptTokens.map((counted, i) => {
    const step = scenario.attempts[i] ?? scenario.attempts.at(-1);
    return readsUsage(step) ? outputTokens(step.answer) : counted;
  });
  const sumWhere = (keep) => attemptOutput.reduce((s, n, i) => s + (attemptDiscarded[i] === keep ? 0 : n), 0);
  const keptTokens = sumWhere(true);
  const discardedTokens = sumWhere(false);
  // One chunk per token event (the server streams a word per chunk); GenAI time_per_output_chunk
  // records one value per chunk after an attempt's first, discarded attempts included.
  const chunks = attemptTokens.reduce((s, n) => s + n, 0);
  const chunkGaps = attemptTokens.reduce((s, n) => s + Math.max(0, n - 1), 0);

  const outcome = errorType === undefined ? "success" : "failed";
  const networkErrors = retries.filter((r) => r.kind === "network").map((r) => r.reason);
  if (errorType !== undefined && NETWORK_TYPES.has(errorType)) networkErrors.push(errorType);
  const telemetry = result.telemetry;
  const metrics = telemetry?.metrics;
  const problems = [];
  const check = (ok, message) => ok || problems.push(message);
  check(outcome === scenario.outcome, `outcome ${outcome}, the script expects ${scenario.outcome}`);
  check(errorType === expect.errorType, `error type ${errorType}, the script expects ${expect.errorType}`);
  check(key(retries) === key(expect.retries), `retries ${key(retries)}, the script expects ${key(expect.retries)}`);
  check(key(networkErrors) === key(expect.networkErrors), `network errors ${key(networkErrors)}, expected ${key(expect.networkErrors)}`);
  check(key(violations) === key(expect.violations), `violations ${key(violations)}, the script expects ${key(expect.violations)}`);
  check(attemptStarts.length === expect.attempts, `${attemptStarts.length} attempts, the script expects ${expect.attempts}`);
  check(
    attemptTokens.length === expect.attempts,
    `${attemptTokens.length} attempts seen by the consumer, the script expects ${expect.attempts}`,
  );
  const ttfc = attemptFirstToken.filter((t) => t !== undefined).length;
  check(ttfc === expect.firstChunks, `${ttfc} attempts with a first token, the script expects ${expect.firstChunks}`);
  check(driftTypes.size > 0 === (scenario.drift === true), `drift ${[...driftTypes]}, the script expects ${scenario.drift === true}`);
  if (usage !== undefined && expect.usage !== undefined) {
    // The consumer sees the usage of the successful attempt only; the script knows every attempt's.
    const last = scenario.attempts.at(-1);
    check(usage.outputTokens === outputTokens(last.answer), `usage ${key(usage)} of the last attempt differs from the script`);
  }
  check(telemetry !== undefined, "no result.telemetry (every call is sampled)");
  // l0's own numbers of the call against the script's and the consumer's.
  if (metrics !== undefined) {
    check(metrics.totalTokens === keptTokens, `result.telemetry totalTokens ${metrics.totalTokens}, the truth is ${keptTokens} kept`);
    check(metrics.discardedTokens === discardedTokens, `discardedTokens ${metrics.discardedTokens}, the truth is ${discardedTokens}`);
    check(metrics.totalChunks === chunks, `totalChunks ${metrics.totalChunks}, the consumer received ${chunks} token events`);
    check(
      metrics.billedInputTokens === expect.usage?.input,
      `billedInputTokens ${metrics.billedInputTokens}, the script says ${expect.usage?.input}`,
    );
    check(
      metrics.billedOutputTokens === expect.usage?.output,
      `billedOutputTokens ${metrics.billedOutputTokens}, the script says ${expect.usage?.output}`,
    );
  }

  return {
    phase,
    scenario: scenario.name,
    model,
    sessionId: telemetry?.sessionId,
    outcome,
    errorType,
    attempts: attemptStarts.length,
    tokens: keptTokens,
    discardedTokens,
    chunkGaps,
    retries,
    networkErrors,
    violations,
    driftTypes: [...driftTypes].sort(),
    usage: expect.usage,
    // Consumer clock: first pull to the first token and to the end event. Each chunk carries one
    // token, so the first token is also the call's first chunk (GenAI time_to_first_chunk).
    consumer: {
      durationS: seconds(end - start),
      ttftS: firstToken === undefined ? undefined : seconds(firstToken - start),
    },
    // l0's own per-call numbers (result.telemetry), the values its histograms and counters record.
    l0: {
      durationS: telemetry?.duration === undefined ? undefined : seconds(telemetry.duration),
      ttftS: metrics?.timeToFirstToken === undefined ? undefined : seconds(metrics.timeToFirstToken),
      generationS: metrics?.generationTime === undefined ? undefined : seconds(metrics.generationTime),
    },
    problems,
  };
}
