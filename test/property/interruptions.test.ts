/**
 * Property: over random fault schedules and a random interruption (the caller aborts, the consumer
 * breaks, the consumer calls return() while a next() is pending, or onEvent aborts) after a random
 * number of events, the call and each attempt end exactly once, nothing is reported after the call
 * ended, the consumer always gets an end promptly, every abandoned attempt's signal is aborted, and
 * nothing rejects unhandled.
 */
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createL0 } from "../../src/runtime/create-l0.js";
import type { L0Chunk } from "../../src/types/events.js";
import type { StreamContext } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";
import { nodeError } from "../helpers/node-error.js";
import { attemptOutcomes, recordingObserver } from "../helpers/recording-observer.js";
import { handWrittenSource, PULL_PATHS } from "../helpers/scripted-source.js";
import { recordUnhandledRejections } from "../helpers/unhandled-rejections.js";

let observer = recordingObserver();
const l0 = createL0(() => observer);
beforeEach(() => {
  observer = recordingObserver();
});

type Fault = "none" | "error" | "stall";
type Interruption = "abort" | "break" | "return-pending" | "abort-in-onEvent" | "none";

const planArb = fc.record({
  attempts: fc.array(fc.record({ tokens: fc.integer({ min: 0, max: 3 }), fault: fc.constantFrom<Fault>("none", "error", "stall") }), {
    minLength: 1,
    maxLength: 4,
  }),
  interruption: fc.constantFrom<Interruption>("abort", "break", "return-pending", "abort-in-onEvent", "none"),
  afterEvents: fc.integer({ min: 0, max: 4 }),
  fallback: fc.boolean(),
  backoffMs: fc.constantFrom(0, 0, 5, 600),
});

/** Attempt `attempt`'s provider iterator: `tokens` tokens, then `fault` (a stall never settles and ignores every signal). */
function source(tokens: number, fault: Fault, attempt: number): AsyncIterableIterator<L0Chunk> {
  const words = Array.from({ length: tokens }, (_, i) => `a${attempt}t${i} `);
  return handWrittenSource(words, fault === "error" ? { kind: "error", error: () => nodeError("ECONNRESET") } : { kind: fault });
}

const unhandled = recordUnhandledRejections();
afterAll(() => unhandled.stop());

const ENDS = new Set(["callStarted", "attemptStarted", "attemptEnded", "callEnded"]);

describe.each(PULL_PATHS)("property: random interruptions through %s", (_label, adapter) => {
  it("ends the call and each attempt exactly once, promptly, with abandoned attempts' signals aborted", async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        observer = recordingObserver();
        const contexts: StreamContext[] = [];
        const factory = (context: StreamContext) => {
          contexts.push(context);
          const step = plan.attempts[contexts.length - 1] ?? { tokens: 1, fault: "none" as Fault };
          return source(step.tokens, step.fault, contexts.length);
        };
        let result: L0Result | undefined;
        let seen = 0;
        let interruptedAt: number | undefined;
        const interrupt = (): void => void (interruptedAt ??= Date.now());
        // eslint-disable-next-line prefer-const -- read by a callback that may run before l0() resolves, where a const is in its TDZ
        result = await l0({
          stream: factory,
          ...(plan.fallback && { fallbackStreams: [factory] }),
          ...(adapter !== undefined && { adapter }),
          monitoring: { enabled: true },
          timeout: { initialToken: 30, interToken: 20 },
          retry: { maxRetries: 1, backoff: "fixed", baseDelay: plan.backoffMs, maxDelay: plan.backoffMs },
          onEvent: (e) => {
            if (plan.interruption === "abort-in-onEvent" && "ts" in e === false && seen === plan.afterEvents) {
              interrupt();
              result?.abort();
            }
          },
        });
        const iterator = result.stream[Symbol.asyncIterator]();
        try {
          for (;;) {
            if (seen === plan.afterEvents && plan.interruption === "abort" && interruptedAt === undefined) {
              setTimeout(() => {
                interrupt();
                result?.abort();
              }, 1);
            }
            if (seen === plan.afterEvents && plan.interruption === "return-pending") {
              // The handler is attached at once, as an awaiting consumer's would be: the pending pull
              // may settle with the call's final error while return() is on its way.
              const pending = iterator.next().catch(() => ({ done: true }));
              await new Promise((resolve) => setTimeout(resolve, 1));
              interrupt();
              await iterator.return?.();
              const last = await pending;
              expect(last.done === true || "value" in last).toBe(true);
              break;
            }
            const next = await iterator.next();
            if (next.done === true) break;
            seen++;
            if (seen > plan.afterEvents && plan.interruption === "break") {
              interrupt();
              await iterator.return?.();
              break;
            }
          }
        } catch {
          // The final error after the `error` event.
        }
        // The consumer's loop ended (a hang fails the test by its timeout). Once interrupted, the consumer gets its end promptly (no backoff or stall waited out).
        if (interruptedAt !== undefined) expect(Date.now() - interruptedAt).toBeLessThan(400);
        await new Promise((resolve) => setTimeout(resolve, 2));

        const names = observer.calls.map((c) => c[0]).filter((n) => ENDS.has(n));
        expect(names.filter((n) => n === "callStarted").length).toBeLessThanOrEqual(1);
        if (names.length > 0) {
          expect(names.filter((n) => n === "callEnded")).toHaveLength(1);
          expect(names.at(-1)).toBe("callEnded");
          attemptOutcomes(observer.calls);
        }
        // Every attempt but a successful last one was abandoned: its signal is aborted.
        const succeeded = result.state.completed;
        contexts.forEach((context, index) => {
          if (!(succeeded && index === contexts.length - 1)) expect(context.signal.aborted).toBe(true);
        });
        expect(result.state.completed && result.state.aborted).toBe(false);
        expect(unhandled.reasons).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
