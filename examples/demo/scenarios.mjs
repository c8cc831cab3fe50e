// The demo's fault script: one l0() call per scenario against the local OpenAI-compatible server.
// `faults` are played by the server on consecutive requests of the scenario (one per attempt);
// `answers` are what the model says on attempt 1, 2, ... (the last one repeats).
import { createRecommendedGuardrails, driftDetector } from "l0";
import { serverFaults } from "l0/testing";

const ANSWER =
  "Retries that hide themselves are worse than failures. A reliable stream layer retries network " +
  "errors without spending the model's attempts, times out a stalled stream on time, checks the " +
  "output as it arrives, and tells you what happened through spans and metrics.";

/**
 * @param {{ short: boolean, local: boolean }} mode  `local`: the local server plays the faults (a
 *   real provider gets the same prompts, without the demo's tight inter-token timeout)
 * @returns {Array<{ name: string, what: string, prompt: string, faults: import("l0/testing").MockServerFault[], answers: string[], options: object }>}
 */
export function scenarios({ short, local }) {
  const interToken = short ? 250 : 600;
  return [
    {
      name: "clean",
      what: "a normal streamed answer",
      prompt: "In one paragraph: what makes an LLM stream reliable?",
      faults: [],
      answers: [ANSWER],
      options: {},
    },
    {
      name: "mid-stream drop",
      what: "the connection drops after 4 chunks; l0 retries (network retry, no attempt spent)",
      prompt: "Explain a network retry in one paragraph.",
      faults: [serverFaults.drop(4)],
      answers: [ANSWER],
      options: {},
    },
    {
      name: "429 retry-after",
      what: "HTTP 429 with retry-after: 1; l0 waits as told, then retries",
      prompt: "Explain rate limits in one paragraph.",
      faults: [serverFaults.rateLimit(1)],
      answers: [ANSWER],
      options: {},
    },
    {
      name: "stall",
      what: `the stream stalls after 3 chunks; the ${interToken} ms inter-token timeout fires on time`,
      prompt: "Explain inter-token timeouts in one paragraph.",
      faults: [serverFaults.stall(3, 5000)],
      answers: [ANSWER],
      options: local ? { timeout: { interToken } } : {},
    },
    {
      name: "guardrail",
      what: "the first answer trips a guardrail (meta commentary); l0 retries (model retry)",
      prompt: "What is the capital of France?",
      faults: [],
      answers: [
        "As an AI language model, I cannot be sure, but the capital of France is Paris.",
        "The capital of France is Paris, on the Seine, with about two million inhabitants.",
      ],
      options: { guardrails: createRecommendedGuardrails() },
    },
    {
      name: "drift",
      what: "the first answer drifts into repetition; l0 detects it and retries",
      prompt: "Summarise why observability matters.",
      faults: [],
      answers: [
        "Observability matters because it is key. It is key. It is key. It is key. It is key. It is key. It is key.",
        "Observability turns surprises into questions you can answer from spans, metrics and logs.",
      ],
      options: { detectDrift: driftDetector() },
    },
  ];
}
