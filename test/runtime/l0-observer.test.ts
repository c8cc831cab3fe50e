import { AuthenticationError } from "openai";
import { beforeEach, describe, expect, it } from "vitest";
import { createL0 } from "../../src/runtime/create-l0.js";
import type { L0Options } from "../../src/types/options.js";
import { readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { recordingObserver, type ObserverCall } from "../helpers/recording-observer.js";
import { chunkAdapter, scripted } from "../helpers/scripted-source.js";
import { sleep } from "../helpers/sleep.js";

let observer = recordingObserver();
const factoryCalls: unknown[][] = [];

const l0 = createL0((...args) => {
  factoryCalls.push(args);
  return observer;
});

beforeEach(() => {
  observer = recordingObserver();
  factoryCalls.length = 0;
});

const monitored = (options: Omit<L0Options, "monitoring">): L0Options => ({
  ...options,
  adapter: chunkAdapter,
  monitoring: { enabled: true },
});

function ended(calls: ObserverCall[], name: string): unknown[] {
  return calls.filter((c) => c[0] === name).map((c) => c[1]);
}

describe("CallObserver calls", () => {
  it("monitoring off: the observer factory is not even called", async () => {
    await readResult(await l0({ stream: () => scripted({ tokens: ["x"] }), adapter: chunkAdapter }));
    expect(factoryCalls).toHaveLength(0);
  });

  it("retry then fallback then success: every method at the right moment, attempts ended once each", async () => {
    let primaryCalls = 0;
    const result = await l0(
      monitored({
        stream: () => {
          primaryCalls++;
          if (primaryCalls === 1) return scripted({ tokens: ["a"], error: nodeError("ECONNRESET") });
          throw new AuthenticationError(401, { message: "bad key" }, undefined, new Headers());
        },
        fallbackStreams: [
          () => scripted({ tokens: ["b", "c"], finish: { type: "finish", usage: { outputTokens: 2 }, finishReason: "stop", model: "m" } }),
        ],
        retry: { baseDelay: 0 },
      }),
    );
    expect(factoryCalls[0]?.[0]).toEqual({ enabled: true });
    expect(factoryCalls[0]?.[1]).toMatch(/^l0_\d+_/);
    await readResult(result);
    expect(observer.names()).toEqual([
      "callStarted",
      "attemptStarted",
      "networkError",
      "retryScheduled",
      "attemptEnded",
      "attemptStarted",
      "attemptEnded",
      "fallbackStarted",
      "attemptStarted",
      "attemptEnded",
      "callEnded",
    ]);
    expect(ended(observer.calls, "attemptStarted")).toEqual([
      { attempt: 1, fallbackIndex: 0 },
      { attempt: 2, fallbackIndex: 0, reason: "econnreset", retryKind: "network" },
      { attempt: 3, fallbackIndex: 1, reason: "auth_error" },
    ]);
    const ends = ended(observer.calls, "attemptEnded") as Array<Record<string, unknown>>;
    expect(ends.map((e) => e["outcome"])).toEqual(["retry", "fallback", "success"]);
    expect(ends[2]).toMatchObject({ usage: { outputTokens: 2 }, finishReason: "stop", responseModel: "m", adapter: "test-chunks" });
    // Each attempt says how many tokens it delivered and whether its output stayed with the consumer.
    expect(ends.map((e) => [e["tokens"], e["outputKept"]])).toEqual([
      [expect.any(Number), false],
      [expect.any(Number), false],
      [2, true],
    ]);
    expect(observer.calls.find((c) => c[0] === "networkError")?.slice(1, 2)).toEqual(["econnreset"]);
    expect(observer.calls.find((c) => c[0] === "networkError")?.[3]).toBe(true);
    expect(observer.calls.find((c) => c[0] === "fallbackStarted")).toEqual(["fallbackStarted", 0, 1, "auth_error"]);
    expect(observer.calls.filter((c) => c[0] === "chunkReceived")).toHaveLength(3);
    expect(observer.calls.filter((c) => c[0] === "tokenDelivered")).toHaveLength(3);
    expect(observer.calls.at(-1)).toEqual(["callEnded", "success"]);
  });

  it("the factory call and each attempt's first iterator.next() run inside runInAttempt (later pulls continue the request's context)", async () => {
    const insideAtFactory: boolean[] = [];
    const insideAtNext: boolean[] = [];
    const source = {
      i: 0,
      [Symbol.asyncIterator]() {
        return this;
      },
      next() {
        insideAtNext.push(observer.inAttempt);
        return Promise.resolve(
          this.i++ < 2
            ? { done: false as const, value: { type: "token" as const, value: "t" } }
            : { done: true as const, value: undefined },
        );
      },
    };
    await readResult(
      await l0(
        monitored({
          stream: () => {
            insideAtFactory.push(observer.inAttempt);
            return source;
          },
        }),
      ),
    );
    expect(insideAtFactory).toEqual([true]);
    expect(insideAtNext).toEqual([true, false, false]);
    expect(observer.calls.filter((c) => c[0] === "runInAttempt")).toHaveLength(3); // factory, adapter, first pull
  });

  it("callEnded exactly once on failure, abort and consumer break", async () => {
    await readResult(
      await l0(monitored({ stream: () => scripted({ tokens: [], error: Object.assign(new Error("x"), { status: 400 }) }) })),
    );
    expect(observer.calls.filter((c) => c[0] === "callEnded")).toEqual([
      ["callEnded", "failed", "client_error", expect.objectContaining({ code: "PROVIDER_ERROR" })],
    ]);
    expect((ended(observer.calls, "attemptEnded")[0] as Record<string, unknown>)["outcome"]).toBe("failed");

    observer = recordingObserver();
    const aborted = await l0(monitored({ stream: () => scripted({ tokens: ["a"], hang: true }) }));
    setTimeout(() => aborted.abort(), 20);
    await readResult(aborted);
    expect(observer.calls.filter((c) => c[0] === "callEnded").map((c) => c[1])).toEqual(["aborted"]);
    expect((ended(observer.calls, "attemptEnded")[0] as Record<string, unknown>)["outcome"]).toBe("aborted");

    observer = recordingObserver();
    const broken = await l0(monitored({ stream: () => scripted({ tokens: ["a", "b", "c"] }) }));
    for await (const event of broken.stream) if (event.type === "token") break;
    await sleep(5);
    expect(observer.calls.filter((c) => c[0] === "callEnded").map((c) => c[1])).toEqual(["cancelled"]);
    expect(ended(observer.calls, "attemptEnded")).toEqual([{ outcome: "cancelled", adapter: "test-chunks", tokens: 1, outputKept: true }]);
  });

  it("timeouts, guardrail violations and drift reach the observer", async () => {
    let n = 0;
    await readResult(
      await l0(
        monitored({
          stream: () => (n++ === 0 ? scripted({ tokens: ["a"], hang: true }) : scripted({ tokens: ["BAD ok"] })),
          timeout: { interToken: 30 },
          guardrails: [
            {
              name: "warn-bad",
              streaming: false,
              check: (c) =>
                c.content.includes("BAD") ? [{ rule: "warn-bad", message: "bad", severity: "warning", recoverable: true }] : [],
            },
          ],
          retry: { baseDelay: 0 },
        }),
      ),
    );
    const timeout = observer.calls.find((c) => c[0] === "timeout");
    expect(timeout?.[1]).toBe("inter");
    expect(timeout?.[2]).toBeGreaterThanOrEqual(29);
    expect(observer.calls.find((c) => c[0] === "networkError")?.[1]).toBe("inter_token_timeout");
    expect(observer.calls.find((c) => c[0] === "guardrailViolation")?.[1]).toMatchObject({ rule: "warn-bad", severity: "warning" });
  });

  it("result.telemetry reads the observer", async () => {
    const telemetry = {
      sessionId: "s",
      startTime: 1,
      metrics: { totalTokens: 0, totalRetries: 0, networkRetries: 0, modelRetries: 0 },
      network: { errorCount: 0, errorsByType: {} },
    };
    observer.telemetry = () => telemetry;
    const result = await l0(monitored({ stream: () => scripted({ tokens: ["x"] }) }));
    expect(result.telemetry).toBe(telemetry);
  });
});
