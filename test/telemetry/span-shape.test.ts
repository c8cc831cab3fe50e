/**
 * Children inside parents: over 200 calls with faults (drops, timeouts, guardrail retries, fatal
 * errors, aborts, consumer breaks), every attempt span and every span event lies within its
 * operation span, while `Date.now()` slews against `performance.now()` (the wall clock jumps back
 * and forth by up to 50 ms on every read).
 */
import type { HrTime } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createL0 } from "../../src/runtime/create-l0.js";
import { createCallObserver } from "../../src/telemetry/create-call-observer.js";
import type { L0Chunk } from "../../src/types/events.js";
import type { GuardrailRule } from "../../src/types/guardrails.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter } from "../helpers/scripted-source.js";
import { createHarness } from "./otel-harness.js";

const h = createHarness();
const l0 = createL0((monitoring, sessionId, features) => createCallObserver(monitoring, sessionId, features, h.pipeline));

type Fault = "none" | "drop" | "stall" | "fatal" | "banned";
const planArb = fc.record({
  attempts: fc.array(
    fc.record({ tokens: fc.integer({ min: 0, max: 5 }), fault: fc.constantFrom<Fault>("none", "drop", "stall", "fatal", "banned") }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  stop: fc.constantFrom("none", "abort", "break"),
  stopAfter: fc.integer({ min: 0, max: 6 }),
});

function source(tokens: number, fault: Fault): AsyncIterableIterator<L0Chunk> {
  let i = 0;
  const iterator: AsyncIterableIterator<L0Chunk> = {
    [Symbol.asyncIterator]: () => iterator,
    next: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (i < tokens) return { done: false, value: { type: "token", value: `t${i++} ` } };
      if (i++ === tokens) {
        if (fault === "drop") throw nodeError("ECONNRESET");
        if (fault === "fatal") throw Object.assign(new Error("denied"), { status: 401 });
        if (fault === "stall") return new Promise<never>(() => {});
        if (fault === "banned") return { done: false, value: { type: "token", value: "BANNED" } };
      }
      return { done: true, value: undefined };
    },
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
  return iterator;
}

const banned: GuardrailRule = {
  name: "no-banned",
  streaming: true,
  check: (context) =>
    context.content.includes("BANNED") ? [{ rule: "no-banned", message: "banned word", severity: "error", recoverable: true }] : [],
};

/** a ≤ b for HrTime. */
function notAfter(a: HrTime, b: HrTime): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}

let realNow: () => number;
beforeAll(() => {
  realNow = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + Math.round((Math.random() - 0.5) * 100));
});
afterAll(() => vi.restoreAllMocks());

describe("span shape over 200 calls with faults while the wall clock slews", () => {
  it("every attempt span and every event lies within its operation span", async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        const result = await l0({
          stream: (context) => {
            const step = plan.attempts[context.attempt - 1] ?? { tokens: 2, fault: "none" as const };
            return source(step.tokens, step.fault);
          },
          adapter: chunkAdapter,
          guardrails: [banned],
          timeout: { initialToken: 20, interToken: 5 },
          retry: { attempts: 3, maxRetries: 3, baseDelay: 0, maxDelay: 0 },
          monitoring: { enabled: true },
        });
        let events = 0;
        try {
          for await (const _event of result.stream) {
            if (++events > plan.stopAfter && plan.stop === "break") break;
            if (events > plan.stopAfter && plan.stop === "abort") result.abort();
          }
        } catch {
          // failed or aborted calls are part of the schedule
        }
      }),
      { numRuns: 200 },
    );
    const spans = h.spans();
    const operations = spans.filter((s) => s.attributes["l0.attempt.number"] === undefined);
    expect(operations).toHaveLength(200);
    const byId = new Map<string, ReadableSpan>(operations.map((s) => [s.spanContext().spanId, s]));
    const outside: string[] = [];
    const within = (span: ReadableSpan, parent: ReadableSpan, what: string) => {
      if (!notAfter(parent.startTime, span.startTime) || !notAfter(span.endTime, parent.endTime)) outside.push(what);
    };
    let attempts = 0;
    for (const span of spans) {
      for (const event of span.events) {
        if (!notAfter(span.startTime, event.time) || !notAfter(event.time, span.endTime)) outside.push(`${event.name} on ${span.name}`);
      }
      if (span.attributes["l0.attempt.number"] === undefined) continue;
      attempts++;
      const parent = byId.get(span.parentSpanContext?.spanId ?? "");
      expect(parent, "attempt span without its operation span").toBeDefined();
      within(span, parent as ReadableSpan, `attempt ${String(span.attributes["l0.attempt.number"])}`);
    }
    expect(attempts).toBeGreaterThan(200);
    expect(outside).toEqual([]);
  });
});
