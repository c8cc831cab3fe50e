/**
 * Representative `l0()` calls for the tests that compare documents, spans, metrics and
 * `result.telemetry`: one rich call (a network retry, a guardrail retry, then drift on the output
 * that is kept), a fallback, an abort and a timeout.
 */
import { jsonRule } from "../../src/guardrails/json-rule.js";
import { patternRule } from "../../src/guardrails/pattern-rule.js";
import { l0 } from "../../src/l0.js";
import { describeRequest } from "../../src/request/request-description.js";
import { faults, mockStreamFactory, step } from "../../src/testing/index.js";
import type { L0Result } from "../../src/types/result.js";
import { drainError } from "../helpers/drain.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";

/** Splits text into word-sized token chunks. */
export function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Invalid JSON: the json rule fails it (an `error` severity, recoverable: a model retry). */
export const BROKEN_JSON = '{"items": [1, 2, 3}';
/** Prose with meta commentary: drift type `meta_commentary`. */
export const DRIFTING =
  "The service reads from the cache first and falls back to the database when the key is missing, then writes the value back. As an AI language model, I cannot verify your configuration, but this is the usual pattern.";

/** Output with a placeholder left in it: the `placeholder` pattern rule fails it. */
export const PLACEHOLDER_OUTPUT = "Dear [INSERT NAME], thanks.";
/** The same output with the placeholder filled in. */
export const CLEAN_OUTPUT = "Dear Ada, thanks.";

/**
 * Attempt 1 drops the connection after one token (network retry), attempt 2 streams broken JSON
 * (guardrail violation, model retry), attempt 3 streams prose with drift, which is kept
 * (`retryOnDrift: false`). Provider usage is reported by attempts 2 and 3.
 */
export async function richCall(metadata: Record<string, unknown> = { tenant: "acme" }): Promise<L0Result> {
  const factory = mockStreamFactory([["Hel", faults.econnreset()], words(BROKEN_JSON), words(DRIFTING)], {
    format: "openai",
    usage: { input: 11, output: 13 },
    chunkDelayMs: 1,
  });
  const result = await l0({
    stream: factory,
    guardrails: [jsonRule()],
    detectDrift: driftDetector({ retryOnDrift: false }),
    retry: { attempts: 3, baseDelay: 2, maxDelay: 2 },
    monitoring: { enabled: true, provider: "openai", model: "gpt-4o", metadata },
  });
  const error = await drainError(result.stream);
  if (error !== undefined) throw error;
  return result;
}

/**
 * With content captured: attempt 1 leaves a placeholder in its output (a pattern violation that
 * quotes it, model retry), attempt 2 is clean.
 */
export async function capturedViolationCall(): Promise<L0Result> {
  const result = await l0({
    stream: mockStreamFactory([words(PLACEHOLDER_OUTPUT), words(CLEAN_OUTPUT)], { format: "openai" }),
    guardrails: [patternRule({ categories: ["placeholder"] })],
    retry: { attempts: 2, baseDelay: 0, maxDelay: 0 },
    monitoring: { enabled: true, captureContent: true },
  });
  const error = await drainError(result.stream);
  if (error !== undefined) throw error;
  return result;
}

/** A primary stream that fails without retries, then a fallback that succeeds (content captured). */
export async function fallbackCall(): Promise<L0Result> {
  const result = await l0({
    stream: mockStreamFactory([[faults.econnreset()]]),
    fallbackStreams: [mockStreamFactory([["fine"]], { format: "openai" })],
    retry: { maxRetries: 0 },
    monitoring: { enabled: true, model: "gpt-4o", captureContent: true },
  });
  await drainError(result.stream);
  return result;
}

/** Aborted after the second token. */
export async function abortedCall(): Promise<L0Result> {
  const result = await l0({ stream: mockStreamFactory([["one", "two", step.stall()]]), monitoring: { enabled: true } });
  try {
    for await (const event of result.stream) if (event.type === "token" && event.value === "two") result.abort();
  } catch {
    // the abort ends the stream with an error
  }
  return result;
}

/** No first token within 20 ms, no retries: fails with `initial_token_timeout`. */
export async function timedOutCall(): Promise<L0Result> {
  const result = await l0({
    stream: mockStreamFactory([[step.stall()]]),
    timeout: { initialToken: 20 },
    retry: { maxRetries: 0 },
    monitoring: { enabled: true, captureContent: true },
  });
  await drainError(result.stream);
  return result;
}

/**
 * Fails: its only attempt streams broken JSON (a guardrail violation, no retries left) after the
 * provider reported usage, so the failed call still has billed tokens.
 */
export async function failedWithUsageCall(): Promise<L0Result> {
  const result = await l0({
    stream: mockStreamFactory([words(BROKEN_JSON)], { format: "openai", usage: { input: 7, output: 5 } }),
    guardrails: [jsonRule()],
    retry: { maxRetries: 0 },
    monitoring: { enabled: true, provider: "openai", model: "gpt-4o" },
  });
  await drainError(result.stream);
  return result;
}

/**
 * A described request (`describeRequest`: provider, model, server, every parameter, input messages
 * and system instructions) with content captured; its kept output drifts (meta commentary).
 */
export async function describedCall(): Promise<L0Result> {
  const stream = describeRequest(
    mockStreamFactory([words(DRIFTING)], { format: "openai", usage: { input: 20, output: 30 }, chunkDelayMs: 1 }),
    {
      provider: "openai",
      model: "gpt-4o-mini",
      serverAddress: "llm.internal.example",
      serverPort: 8443,
      parameters: {
        maxTokens: 256,
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        stopSequences: ["\n\n"],
        seed: 7,
        frequencyPenalty: 0.1,
        presencePenalty: 0.3,
        choiceCount: 2,
      },
      inputMessages: [{ role: "user", parts: [{ type: "text", content: "How does the cache work?" }] }],
      systemInstructions: [{ type: "text", content: "Answer briefly." }],
    },
  );
  const result = await l0({
    stream,
    detectDrift: driftDetector({ retryOnDrift: false }),
    monitoring: { enabled: true, captureContent: true },
  });
  const error = await drainError(result.stream);
  if (error !== undefined) throw error;
  return result;
}
