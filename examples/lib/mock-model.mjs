// The stand-in model of the examples: l0/testing's scripted provider streams (OpenAI chunk
// format, real delays, real error objects), so every example runs with no network and no key.
// Replace `mockModel(...)` with your provider call, e.g. `({ signal }) => streamText({ model,
// prompt, abortSignal: signal })` or `({ signal }) => openai.chat.completions.create({ ..., stream: true }, { signal })`.
import { faults, mockStreamFactory, tokenizeWords } from "l0/testing";

/** The default answer of the stand-in model. */
export const ANSWER =
  "Streams fail in boring ways: a dropped connection, a rate limit, a stall. A reliability layer " +
  "retries them, times them out on time, and tells you what happened.";

/**
 * A stream factory for `l0({ stream })`: each attempt streams `answer` word by word, except that
 * attempt n first plays `failures[n - 1]` (an error thrown after a few words) when given. With
 * `answers`, attempt n answers `answers[n - 1]` instead (the last one repeats).
 * @param {{ answer?: string, answers?: string[], failures?: unknown[], chunkDelayMs?: number }} [options]
 */
export function mockModel({ answer = ANSWER, answers, failures = [], chunkDelayMs = 3 } = {}) {
  const words = tokenizeWords(answer);
  const scripts = [
    ...failures.map((failure) => [...words.slice(0, 3), failure]),
    ...(answers ?? [answer]).map((text) => tokenizeWords(text)),
  ];
  return mockStreamFactory(scripts, {
    format: "openai",
    chunkDelayMs,
    usage: { input: 24, output: words.length },
  });
}

export { faults };
