/**
 * `l0.attempt.time_to_first_chunk` (attempt start → its first chunk) is never negative, also for a
 * retry or fallback started with no delay, whose first chunk arrives in the event-loop turn that
 * delivered the previous attempt's chunks.
 */
import { afterEach, describe, expect, it } from "vitest";
import { jsonRule } from "../../src/guardrails/json-rule.js";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { faults, mockStreamFactory } from "../../src/testing/index.js";
import type { L0Options } from "../../src/types/options.js";
import { keptText } from "../helpers/drain.js";
import { createHarness } from "./otel-harness.js";

let handle: L0InstrumentationHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
});

const NO_DELAY = { baseDelay: 0, maxDelay: 0 };

async function attemptTimes(options: Omit<L0Options, "monitoring">): Promise<number[]> {
  const h = createHarness();
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider, useGlobal: false });
  const result = await l0({ ...options, monitoring: { enabled: true, provider: "openai", model: "m" } });
  await keptText(result);
  const attempts = h.spans().filter((s) => s.name === "l0.attempt");
  return attempts.map((s) => s.attributes["l0.attempt.time_to_first_chunk"] as number);
}

describe("attempt time to first chunk", () => {
  it.each<[string, Omit<L0Options, "monitoring">]>([
    [
      "a guardrail retry",
      {
        stream: mockStreamFactory([['{"a": [1', ", 2}"], ['{"a": 1}']], { format: "openai" }),
        guardrails: [jsonRule()],
        retry: { attempts: 2, ...NO_DELAY },
      },
    ],
    ["a network retry", { stream: mockStreamFactory([["Hel", faults.econnreset()], ["Hello"]]), retry: NO_DELAY }],
    [
      "a fallback",
      {
        stream: mockStreamFactory([['{"a": [1', ", 2}"]], { format: "openai" }),
        fallbackStreams: [mockStreamFactory([['{"a": 1}']], { format: "openai" })],
        guardrails: [jsonRule()],
        retry: { attempts: 0, ...NO_DELAY },
      },
    ],
  ])("is >= 0 on every attempt of %s with no delay", async (_name, options) => {
    const times = await attemptTimes(options);
    expect(times.length).toBeGreaterThanOrEqual(2);
    for (const t of times) {
      expect(typeof t).toBe("number");
      expect(t).toBeGreaterThanOrEqual(0);
    }
  });
});
