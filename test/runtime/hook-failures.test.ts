/**
 * Every failure of a user hook and of a malformed provider iterator ends as the typed outcome the
 * README's "When your code throws" table documents.
 */
import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { l0 } from "../../src/l0.js";
import { faults, mockStreamFactory } from "../../src/testing/index.js";
import { readResult } from "../helpers/drain.js";
import type { L0Options } from "../../src/types/options.js";

const boom = (): never => {
  throw new Error("hook boom");
};

const logged: string[] = [];
const logger: DiagLogger = {
  error: (message) => void logged.push(`error ${message}`),
  warn: (message) => void logged.push(`warn ${message}`),
  info: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};
beforeEach(() => {
  logged.length = 0;
  diag.setLogger(logger, DiagLogLevel.WARN);
});
afterEach(() => diag.disable());

/** Runs a call to its end: the kept text, the error its stream ended with, or the rejection of `l0()`. */
async function outcome(options: Partial<L0Options>): Promise<{ text: string; error?: unknown; rejected?: unknown }> {
  let result;
  try {
    result = await l0({ stream: mockStreamFactory([["a", "b"]]), ...options });
  } catch (rejected) {
    return { text: "", rejected };
  }
  const { text, error } = await readResult(result);
  return error === undefined ? { text } : { text, error };
}

const dropThenText = () => mockStreamFactory([[faults.econnreset()], ["a", "b"]]);
const noDelay = { baseDelay: 0, maxDelay: 0 };

describe("a user hook that throws", () => {
  it("before(): l0() rejects with INTERCEPTOR_FAILED, the hook's error as cause", async () => {
    const { rejected } = await outcome({ interceptors: [{ before: boom }] });
    expect(rejected).toBeInstanceOf(L0Error);
    expect((rejected as L0Error).code).toBe("INTERCEPTOR_FAILED");
    expect(((rejected as L0Error).cause as Error).message).toBe("hook boom");
  });

  it.each([
    ["after()", { interceptors: [{ after: boom }] }, "after() failed"],
    ["onEvent", { onEvent: boom }, "onEvent threw"],
  ])("%s: the call completes, the failure goes to diag", async (_name, options, message) => {
    expect(await outcome(options as Partial<L0Options>)).toEqual({ text: "ab" });
    expect(logged.some((line) => line.startsWith("error") && line.includes(message))).toBe(true);
  });

  it("calculateDelay: the default delay is used and the retry happens", async () => {
    expect(await outcome({ stream: dropThenText(), retry: { attempts: 2, ...noDelay, calculateDelay: boom } })).toEqual({ text: "ab" });
    expect(logged.some((line) => line.includes("calculateDelay threw"))).toBe(true);
  });

  it("shouldRetry: a veto, so the attempt's error ends the call", async () => {
    const { error, rejected } = await outcome({ stream: dropThenText(), retry: { attempts: 2, ...noDelay, shouldRetry: boom } });
    const failure = (error ?? rejected) as L0Error;
    expect(failure).toBeInstanceOf(L0Error);
    expect(failure.code).toBe("NETWORK_ERROR");
    expect(logged.some((line) => line.startsWith("warn") && line.includes("shouldRetry threw"))).toBe(true);
  });

  it("onError(): the call's own error still reaches the caller", async () => {
    const { error, rejected } = await outcome({
      stream: dropThenText(),
      retry: { attempts: 0, maxRetries: 0 },
      interceptors: [{ onError: boom }],
    });
    expect(((error ?? rejected) as L0Error).code).toBe("NETWORK_ERROR");
    expect(logged.some((line) => line.startsWith("error") && line.includes("onError() failed"))).toBe(true);
  });
});

describe("a malformed provider iterator", () => {
  const iterator = (next: () => unknown) => () => ({ [Symbol.asyncIterator]: () => ({ next }) });

  it.each([
    ["resolves to null", async () => null, "null"],
    ["resolves to a number", async () => 42, "a number"],
    ["returns a string synchronously", () => "secret text", "a string"],
  ])("whose next() %s fails the call with INVALID_STREAM (programming_error), never quoting the value", async (_name, next, shown) => {
    const { error, rejected } = await outcome({ stream: iterator(next), retry: { attempts: 0 } });
    const failure = (error ?? rejected) as L0Error;
    expect(failure).toBeInstanceOf(L0Error);
    expect(failure.code).toBe("INVALID_STREAM");
    expect(failure.details.errorType).toBe("programming_error");
    expect(failure.message).toContain(`next() gave ${shown}, not an iterator result`);
    expect(failure.message).not.toContain("secret");
  });
});
