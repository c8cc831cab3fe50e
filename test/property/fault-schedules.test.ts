/**
 * Property: over random fault schedules (per attempt: some tokens, then maybe a network error, a
 * stall beyond the timeouts, or a clean end; with and without continuation), the text the consumer
 * reconstructs (reset on `retry`/`fallback` events that discard output) is exactly the output of the
 * successful attempt, the call ends within its timeouts, nothing rejects unhandled, and every
 * provider iterator is closed or exhausted.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { l0 } from "../../src/l0.js";
import type { L0Chunk } from "../../src/types/events.js";
import type { StreamContext } from "../../src/types/options.js";
import { nodeError } from "../helpers/node-error.js";
import { handWrittenSource, PULL_PATHS, type SourceRecord } from "../helpers/scripted-source.js";
import { recordUnhandledRejections } from "../helpers/unhandled-rejections.js";

const INITIAL_MS = 30;
const INTER_MS = 20;

type Fault = { kind: "none" } | { kind: "error"; code: string } | { kind: "stall" };
interface AttemptPlan {
  tokens: number;
  fault: Fault;
  /** With continuation: repeat the checkpoint's last word before the new text. */
  overlap: boolean;
}

const attemptArb: fc.Arbitrary<AttemptPlan> = fc.record({
  tokens: fc.integer({ min: 0, max: 4 }),
  fault: fc.oneof(
    fc.constant<Fault>({ kind: "none" }),
    fc.constantFrom("ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "UND_ERR_SOCKET").map((code): Fault => ({ kind: "error", code })),
    fc.constant<Fault>({ kind: "stall" }),
  ),
  overlap: fc.boolean(),
});

const scheduleArb = fc.record({
  attempts: fc.array(attemptArb, { minLength: 1, maxLength: 4 }),
  continuation: fc.boolean(),
  maxRetries: fc.integer({ min: 0, max: 6 }),
});

/** A provider iterator following `plan`; a stall never settles and ignores every signal. */
function source(items: string[], fault: Fault, record: SourceRecord): AsyncIterableIterator<L0Chunk> {
  return handWrittenSource(items, fault.kind === "error" ? { kind: "error", error: () => nodeError(fault.code) } : fault, record);
}

const unhandled = recordUnhandledRejections();
afterAll(() => unhandled.stop());

// The runtime pulls built-in adapters directly and races any other adapter: check both.
describe.each(PULL_PATHS)("property: random fault schedules through %s", (_label, adapter) => {
  it("the consumer sees exactly the successful attempt's text, on time, with every source closed", async () => {
    await fc.assert(
      fc.asyncProperty(scheduleArb, async (schedule) => {
        const records: SourceRecord[] = [];
        const expectedText: string[] = [];
        let consumerText = "";
        let stalls = 0;
        const factory = (context: StreamContext) => {
          const index = context.attempt - 1;
          const plan: AttemptPlan = schedule.attempts[index] ?? { tokens: 2, fault: { kind: "none" }, overlap: false };
          const checkpoint = context.continuation?.checkpoint ?? "";
          // No loss, no duplication: the checkpoint is exactly what the consumer holds now.
          expect(checkpoint).toBe(consumerText);
          if (!schedule.continuation) expect(context.continuation).toBeUndefined();
          const fresh = Array.from({ length: plan.tokens }, (_, i) => `a${context.attempt}t${i} `);
          const repeated = plan.overlap ? checkpoint.match(/\S+ $/)?.[0] : undefined;
          expectedText[index] = checkpoint + fresh.join("");
          if (plan.fault.kind === "stall") stalls++;
          const record: SourceRecord = { returned: false, exhausted: false };
          records.push(record);
          return source(repeated === undefined ? fresh : [repeated, ...fresh], plan.fault, record);
        };

        const started = Date.now();
        const result = await l0({
          stream: factory,
          ...(adapter !== undefined && { adapter }),
          continueFromLastKnownGoodToken: schedule.continuation,
          timeout: { initialToken: INITIAL_MS, interToken: INTER_MS },
          retry: { attempts: 10, maxRetries: schedule.maxRetries, baseDelay: 0, maxDelay: 0 },
        });
        let thrown: unknown;
        let lastType = "";
        try {
          for await (const event of result.stream) {
            lastType = event.type;
            if (event.type === "token") consumerText += event.value;
            if ((event.type === "retry" || event.type === "fallback") && event.discardsOutput) consumerText = "";
          }
        } catch (error) {
          thrown = error;
        }
        const elapsed = Date.now() - started;

        expect(elapsed).toBeLessThan(stalls * INITIAL_MS * 3 + 300);
        if (thrown === undefined) {
          expect(lastType).toBe("complete");
          expect(consumerText).toBe(expectedText[result.state.attempt - 1]);
          expect(result.state.content).toBe(consumerText);
        } else {
          expect(lastType).toBe("error");
          expect(thrown).toBeInstanceOf(L0Error);
          expect(["NETWORK_ERROR", "INITIAL_TOKEN_TIMEOUT", "INTER_TOKEN_TIMEOUT", "ZERO_OUTPUT"]).toContain((thrown as L0Error).code);
          expect(result.state.networkRetryCount + result.state.modelRetryCount).toBe(schedule.maxRetries);
        }
        for (const record of records) expect(record.returned || record.exhausted).toBe(true);
        expect(unhandled.reasons).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
