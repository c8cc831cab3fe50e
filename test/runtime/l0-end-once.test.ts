/**
 * Every path ends the call exactly once and every attempt exactly once, with nothing reported
 * after the call ended, every abandoned attempt's factory signal aborted, and the consumer always
 * getting an end (no hang).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createL0 } from "../../src/runtime/create-l0.js";
import type { L0Event } from "../../src/types/events.js";
import type { GuardrailRule } from "../../src/types/guardrails.js";
import type { L0Options, StreamContext } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";
import { readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { attemptOutcomes, recordingObserver } from "../helpers/recording-observer.js";
import { chunkAdapter, scripted } from "../helpers/scripted-source.js";
import { sleep } from "../helpers/sleep.js";
import { recordUnhandledRejections } from "../helpers/unhandled-rejections.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";

let observer = recordingObserver();

const l0 = createL0(() => observer);

beforeEach(() => {
  observer = recordingObserver();
});

const OBSERVED = new Set([
  "callStarted",
  "attemptStarted",
  "attemptEnded",
  "callEnded",
  "networkError",
  "retryScheduled",
  "fallbackStarted",
  "timeout",
]);

/** Checks the observer's record: pairs, once-only ends, nothing after callEnded. Returns the call outcome. */
function checkRecord(): { outcome: unknown; attempts: number; outcomes: unknown[] } {
  const calls = observer.calls.filter((c) => OBSERVED.has(c[0]));
  const names = calls.map((c) => c[0]);
  expect(names.filter((n) => n === "callStarted")).toHaveLength(1);
  expect(names.filter((n) => n === "callEnded")).toHaveLength(1);
  expect(names.at(-1)).toBe("callEnded");
  const outcomes = attemptOutcomes(calls);
  const ended = calls.find((c) => c[0] === "callEnded") as unknown[];
  return { outcome: ended[1], attempts: names.filter((n) => n === "attemptStarted").length, outcomes };
}

const base = (options: Partial<L0Options>): L0Options =>
  ({ adapter: chunkAdapter, monitoring: { enabled: true }, retry: { baseDelay: 0 }, ...options }) as L0Options;

function recordingFactory(make: (context: StreamContext, n: number) => unknown) {
  const contexts: StreamContext[] = [];
  const factory = vi.fn((context: StreamContext) => {
    contexts.push(context);
    return make(context, contexts.length);
  });
  return { factory, contexts };
}

async function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the call did not end")), ms);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads `result.stream`, calling `onEvent` with each event (it may abort or return "break"). */
async function readWith(result: L0Result, onEvent: (event: L0Event) => "break" | void): Promise<{ types: string[]; error: unknown }> {
  const types: string[] = [];
  let error: unknown;
  try {
    for await (const event of result.stream) {
      types.push(event.type);
      if (onEvent(event) === "break") break;
    }
  } catch (thrown) {
    error = thrown;
  }
  return { types, error };
}

const failing = (tokens: string[] = []) => scripted({ tokens, error: nodeError("ECONNRESET") });

describe("every path ends the call and each attempt exactly once", () => {
  it("success after a retry and a fallback", async () => {
    const { factory } = recordingFactory(() => failing(["a"]));
    const result = await l0(
      base({ stream: factory, fallbackStreams: [() => scripted({ tokens: ["ok"] })], retry: { baseDelay: 0, maxRetries: 1 } }),
    );
    const { error, text } = await within(readResult(result));
    expect(error).toBeUndefined();
    expect(text).toBe("ok");
    expect(checkRecord()).toEqual({ outcome: "success", attempts: 3, outcomes: ["retry", "fallback", "success"] });
  });

  it("failure", async () => {
    const result = await l0(base({ stream: () => failing(), retry: { maxRetries: 0 } }));
    const { error } = await within(readResult(result));
    expect(error).toMatchObject({ code: "NETWORK_ERROR" });
    expect(checkRecord()).toEqual({ outcome: "failed", attempts: 1, outcomes: ["failed"] });
  });

  it("abort before the first pull: no attempt, no factory call", async () => {
    const { factory } = recordingFactory(() => scripted({ tokens: ["x"] }));
    const result = await l0(base({ stream: factory }));
    result.abort();
    const { error } = await within(readResult(result));
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(factory).not.toHaveBeenCalled();
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 0, outcomes: [] });
    expect(result.state.aborted).toBe(true);
  });

  it("abort during the backoff wait", async () => {
    const { factory, contexts } = recordingFactory(() => failing(["a"]));
    const result = await l0(base({ stream: factory, retry: { backoff: "fixed", baseDelay: 5000, maxDelay: 5000 } }));
    const { error } = await within(readWith(result, (e) => void (e.type === "retry" && setTimeout(() => result.abort(), 5))));
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(factory).toHaveBeenCalledTimes(1);
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["retry"] });
  });

  it("abort while the factory hangs, and an abort thrown from inside the factory", async () => {
    const { factory, contexts } = recordingFactory(() => new Promise(() => {}));
    const result = await l0(base({ stream: factory }));
    setTimeout(() => result.abort(), 10);
    expect((await within(readResult(result))).error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });

    observer = recordingObserver();
    let inner: L0Result | undefined;
    const sync = recordingFactory(() => {
      inner?.abort();
      return scripted({ tokens: ["x"] });
    });
    inner = await l0(base({ stream: sync.factory }));
    expect((await within(readResult(inner))).error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(sync.contexts[0]?.signal.aborted).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });
  });

  it("abort while an async shouldRetry hangs, found deterministically: shouldRetry has been called when the abort lands", async () => {
    let asked!: () => void;
    const called = new Promise<void>((resolve) => (asked = resolve));
    const result = await l0(
      base({
        stream: () => failing(),
        retry: {
          shouldRetry: () => {
            asked();
            return new Promise<boolean>(() => {});
          },
        },
      }),
    );
    const drained = readResult(result);
    await called;
    result.abort();
    expect((await within(drained)).error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });
  });

  it("abort from inside shouldRetry (before it returns) and from inside onEvent on a token", async () => {
    let result: L0Result | undefined;
    // eslint-disable-next-line prefer-const -- read by a callback that may run before l0() resolves, where a const is in its TDZ
    result = await l0(
      base({
        stream: () => failing(),
        retry: {
          shouldRetry: () => {
            result?.abort();
            return true;
          },
        },
      }),
    );
    expect((await within(readResult(result))).error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });

    observer = recordingObserver();
    const { factory, contexts } = recordingFactory(() => scripted({ tokens: ["a", "b", "c"] }));
    let aborting: L0Result | undefined;
    // eslint-disable-next-line prefer-const -- read by a callback that may run before l0() resolves, where a const is in its TDZ
    aborting = await l0(base({ stream: factory, onEvent: (e) => void (e.type === "token" && aborting?.abort()) }));
    const { error } = await within(readResult(aborting));
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });
  });

  it("consumer break mid-attempt and on the retry event (before the backoff wait)", async () => {
    const { factory, contexts } = recordingFactory(() => scripted({ tokens: ["a", "b"], hang: true }));
    const result = await l0(base({ stream: factory }));
    await within(readWith(result, (e) => (e.type === "token" ? "break" : undefined)));
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "cancelled", attempts: 1, outcomes: ["cancelled"] });

    observer = recordingObserver();
    const retried = recordingFactory(() => failing(["a"]));
    const second = await l0(base({ stream: retried.factory, retry: { backoff: "fixed", baseDelay: 5000, maxDelay: 5000 } }));
    const started = Date.now();
    await within(readWith(second, (e) => (e.type === "retry" ? "break" : undefined)));
    expect(Date.now() - started).toBeLessThan(1000);
    await sleep(5);
    expect(retried.factory).toHaveBeenCalledTimes(1);
    expect(checkRecord()).toEqual({ outcome: "cancelled", attempts: 1, outcomes: ["retry"] });
  });

  it("timeout", async () => {
    const { contexts, factory } = recordingFactory(() => scripted({ tokens: [], hang: true }));
    const result = await l0(base({ stream: factory, timeout: { initialToken: 20 }, retry: { maxRetries: 0 } }));
    expect((await within(readResult(result))).error).toMatchObject({ code: "INITIAL_TOKEN_TIMEOUT" });
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "failed", attempts: 1, outcomes: ["failed"] });
  });

  it("fatal guardrail violation", async () => {
    const rule: GuardrailRule = {
      name: "no-secret",
      streaming: true,
      check: (c) => (c.content.includes("SECRET") ? [{ rule: "no-secret", message: "secret", severity: "fatal", recoverable: false }] : []),
    };
    const { contexts, factory } = recordingFactory(() => scripted({ tokens: ["a ", "SECRET", " b"] }));
    const result = await l0(
      base({
        stream: factory,
        guardrails: [rule],
        checkIntervals: { guardrails: 1 },
        fallbackStreams: [() => scripted({ tokens: ["x"] })],
      }),
    );
    expect((await within(readResult(result))).error).toMatchObject({ code: "FATAL_GUARDRAIL_VIOLATION" });
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "failed", attempts: 1, outcomes: ["failed"] });
  });

  it("user callbacks that throw never break the call (onEvent, onViolation, onDrift, calculateDelay, shouldRetry, interceptors)", async () => {
    const boom = (): never => {
      throw new Error("callback bug");
    };
    const rule: GuardrailRule = {
      name: "no-bad",
      streaming: false,
      check: (c) => (c.content.includes("BAD") ? [{ rule: "no-bad", message: "bad", severity: "error", recoverable: true }] : []),
    };
    let n = 0;
    const result = await l0(
      base({
        stream: () =>
          ++n === 1 ? failing(["a"]) : n === 2 ? scripted({ tokens: ["As an AI", " model, BAD"] }) : scripted({ tokens: ["fine"] }),
        guardrails: [rule],
        detectDrift: driftDetector({ retryOnDrift: false }),
        onEvent: boom,
        onViolation: boom,
        onDrift: boom,
        retry: { baseDelay: 0, calculateDelay: boom, shouldRetry: (): boolean => true },
        interceptors: [{ name: "bad", after: boom, onError: boom }],
      }),
    );
    const { error, text } = await within(readResult(result));
    expect(error).toBeUndefined();
    expect(text).toBe("fine");
    expect(result.state.completed).toBe(true);
    expect(checkRecord()).toEqual({ outcome: "success", attempts: 3, outcomes: ["retry", "retry", "success"] });

    observer = recordingObserver();
    const vetoing = await l0(
      base({ stream: () => failing(), onEvent: boom, retry: { shouldRetry: boom }, interceptors: [{ onError: boom }] }),
    );
    expect((await within(readResult(vetoing))).error).toMatchObject({ code: "NETWORK_ERROR" });
    expect(checkRecord()).toEqual({ outcome: "failed", attempts: 1, outcomes: ["failed"] });
  });

  it("a before interceptor that throws rejects l0() with INTERCEPTOR_FAILED (its error as cause) and starts nothing", async () => {
    const factory = vi.fn(() => scripted({ tokens: ["x"] }));
    const denied = new Error("denied");
    await expect(l0(base({ stream: factory, interceptors: [{ before: () => Promise.reject(denied) }] }))).rejects.toMatchObject({
      name: "L0Error",
      code: "INTERCEPTOR_FAILED",
      message: "An interceptor's before() failed: denied",
      cause: denied,
    });
    await expect(
      l0(
        base({
          stream: factory,
          interceptors: [
            {
              before: () => {
                throw "no";
              },
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: "INTERCEPTOR_FAILED", cause: "no" });
    expect(factory).not.toHaveBeenCalled();
    expect(observer.calls).toEqual([]);
  });
});

describe("a malformed provider iterator", () => {
  for (const value of [null, undefined, 42, "chunk"]) {
    it(`next() resolving to ${String(value)} fails the attempt with INVALID_STREAM (client_error), not an unhandled rejection`, async () => {
      const iterator = { [Symbol.asyncIterator]: () => iterator, next: () => Promise.resolve(value) };
      const adapter = { name: "raw", wrap: (input: unknown) => input as AsyncIterable<never> };
      const result = await l0(base({ stream: () => iterator, adapter, retry: { attempts: 0 } }));
      const { error } = await within(readResult(result));
      expect(error).toMatchObject({ code: "INVALID_STREAM", details: { errorType: "client_error" } });
      expect(checkRecord()).toEqual({ outcome: "failed", attempts: 1, outcomes: ["failed"] });
    });
  }
});

describe("return() while a next() is pending (manual iteration, stream pipelines)", () => {
  const cases: [string, Partial<L0Options>, number][] = [
    ["a pull the provider never answers", { stream: () => scripted({ tokens: [], hang: true }) }, 0],
    ["a factory that never settles", { stream: () => new Promise(() => {}) }, 0],
    [
      "an async shouldRetry that never settles",
      { stream: () => failing(), retry: { shouldRetry: () => new Promise<boolean>(() => {}) } },
      0,
    ],
    ["the backoff wait", { stream: () => failing(), retry: { backoff: "fixed", baseDelay: 5000, maxDelay: 5000 } }, 1],
  ];
  for (const [label, options, skip] of cases) {
    it(`settles the pending next() as done and starts nothing more: ${label}`, async () => {
      const factory = vi.fn(options.stream);
      const result = await l0(base({ ...options, stream: factory }));
      const iterator = result.stream[Symbol.asyncIterator]();
      for (let i = 0; i < skip; i++) await iterator.next();
      const pending = iterator.next();
      await sleep(10);
      const started = Date.now();
      await iterator.return?.();
      expect(await within(pending, 1000)).toEqual({ done: true, value: undefined });
      expect(Date.now() - started).toBeLessThan(500);
      await sleep(10);
      expect(factory).toHaveBeenCalledTimes(1);
      expect(await iterator.next()).toEqual({ done: true, value: undefined });
      expect(checkRecord().outcome).toBe("cancelled");
      expect(result.state.aborted).toBe(false);
    });
  }
});

describe("an abort from the attempt start's callback", () => {
  for (const [label, adapterOption] of [
    ["custom adapter", { adapter: chunkAdapter }],
    ["built-in adapter", { adapter: undefined }],
  ] as const) {
    it(`(onEvent ATTEMPT_START) ends the call as aborted without calling the factory: ${label}`, async () => {
      let result: L0Result | undefined;
      const factory = vi.fn(() => scripted({ tokens: ["a", "b"] }));
      const options = base({ stream: factory, onEvent: (e) => void (e.type === "ATTEMPT_START" && result?.abort()) });
      if (adapterOption.adapter === undefined) delete options.adapter;
      result = await l0(options);
      const { events, error } = await within(readResult(result));
      expect(error).toMatchObject({ code: "STREAM_ABORTED" });
      expect(events.map((e) => e.type)).toEqual(["error"]);
      expect(factory).not.toHaveBeenCalled();
      expect(result.state).toMatchObject({ aborted: true, completed: false });
      expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });
    });
  }
});

describe("an abort once the output was accepted", () => {
  it("(onEvent on complete) changes nothing: success, not aborted", async () => {
    let result: L0Result | undefined;
    // eslint-disable-next-line prefer-const -- read by a callback that may run before l0() resolves, where a const is in its TDZ
    result = await l0(base({ stream: () => scripted({ tokens: ["a"] }), onEvent: (e) => void (e.type === "complete" && result?.abort()) }));
    const { events, error } = await within(readResult(result));
    expect(error).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(["token", "complete"]);
    expect(result.state).toMatchObject({ aborted: false, completed: true });
    expect(checkRecord().outcome).toBe("success");
  });
});

describe("an abort from a callback run while a chunk is handled", () => {
  const flagged: GuardrailRule = {
    name: "no-bad",
    streaming: true,
    check: (c) => (c.content.includes("BAD") ? [{ rule: "no-bad", message: "bad", severity: "error", recoverable: true }] : []),
  };
  const cases = [
    [
      "onViolation (streaming guardrail)",
      (abort: () => void): Partial<L0Options> => ({ guardrails: [flagged], checkIntervals: { guardrails: 1 }, onViolation: abort }),
    ],
    ["onDrift", (abort: () => void): Partial<L0Options> => ({ detectDrift: driftDetector(), onDrift: abort })],
    ["onEvent on a token", (abort: () => void): Partial<L0Options> => ({ onEvent: (e) => void (e.type === "token" && abort()) })],
  ] as const;
  for (const [label, configure] of cases) {
    for (const [adapterLabel, builtIn] of [
      ["custom adapter", false],
      ["built-in adapter", true],
    ] as const) {
      it(`${label}, ${adapterLabel}: the error event, then the thrown error; no unhandled rejection`, async () => {
        const unhandled = recordUnhandledRejections();
        try {
          let result: L0Result | undefined;
          const options = base({
            stream: () => scripted({ tokens: ["As an AI language model, ", "BAD", " text"] }),
            ...configure(() => result?.abort()),
          });
          if (builtIn) delete options.adapter;
          result = await l0(options);
          const { events, error } = await within(readResult(result));
          await sleep(10);
          expect(events.at(-1)?.type).toBe("error");
          expect(error).toMatchObject({ code: "STREAM_ABORTED" });
          expect(unhandled.reasons).toEqual([]);
          expect(result.state).toMatchObject({ aborted: true, completed: false });
          expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });
        } finally {
          unhandled.stop();
        }
      });
    }
  }
});

describe("an abort from a callback of the final checks", () => {
  it("(onViolation on a warning found at the end) ends the call as aborted, not completed", async () => {
    const warn: GuardrailRule = {
      name: "style",
      streaming: false,
      check: (c) => (c.completed ? [{ rule: "style", message: "meh", severity: "warning", recoverable: true }] : []),
    };
    let result: L0Result | undefined;
    // eslint-disable-next-line prefer-const -- read by a callback that may run before l0() resolves, where a const is in its TDZ
    result = await l0(base({ stream: () => scripted({ tokens: ["fine"] }), guardrails: [warn], onViolation: () => result?.abort() }));
    const { events, error } = await within(readResult(result));
    expect(events.map((e) => e.type)).toEqual(["token", "error"]);
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(result.state).toMatchObject({ aborted: true, completed: false });
    expect(checkRecord()).toEqual({ outcome: "aborted", attempts: 1, outcomes: ["aborted"] });
  });
});
