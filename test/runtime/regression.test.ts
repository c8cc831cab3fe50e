/**
 * Regressions of the original library's runtime bugs that no other test pins down at the level of
 * an `l0()` call. Each test is named after the bug it guards against.
 */
import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { l0 } from "../../src/l0.js";
import type { L0RetryEvent } from "../../src/types/events.js";
import { readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter, scripted } from "../helpers/scripted-source.js";
import { recordUnhandledRejections } from "../helpers/unhandled-rejections.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";

afterEach(() => {
  diag.disable();
});

function recordingDiag(): { errors: unknown[][]; warnings: unknown[][] } {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  const logger: DiagLogger = {
    error: (...args: unknown[]) => void errors.push(args),
    warn: (...args: unknown[]) => void warnings.push(args),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { errors, warnings };
}

describe("bugs of the original we must not repeat", () => {
  it("#8 per-error-type delays apply: calculateDelay sees the network subtype and its delay is used", async () => {
    let n = 0;
    const factory = vi.fn(() =>
      ++n === 1
        ? scripted({ tokens: [], error: nodeError("ECONNRESET") })
        : n === 2
          ? scripted({ tokens: [], error: nodeError("ECONNREFUSED") })
          : scripted({ tokens: ["ok"] }),
    );
    const delays: Record<string, number> = { econnreset: 7, econnrefused: 11 };
    const calculateDelay = vi.fn(({ reason }: { reason: string }) => delays[reason]);
    const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { baseDelay: 5000, calculateDelay } });
    const { events, text } = await readResult(result);
    expect(text).toBe("ok");
    const retries = events.filter((e): e is L0RetryEvent => e.type === "retry");
    expect(retries.map((e) => [e.reason, e.delayMs])).toEqual([
      ["econnreset", 7],
      ["econnrefused", 11],
    ]);
  });

  it("#10 ordinary prose is not drift and is not retried", async () => {
    const prose = ["Here is the summary: ", "to clarify, in other words, ", "let me explain why the cache is warm."];
    const factory = vi.fn(() => scripted({ tokens: prose }));
    const onDrift = vi.fn();
    const result = await l0({ stream: factory, adapter: chunkAdapter, detectDrift: driftDetector(), onDrift, retry: { baseDelay: 0 } });
    const { text, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(text).toBe(prose.join(""));
    expect(factory).toHaveBeenCalledTimes(1);
    expect(onDrift).not.toHaveBeenCalled();
    expect(result.state.driftDetected).toBe(false);
  });

  it("#15 onError gets the real error (code, stack, cause kept) and a throwing callback is reported, not swallowed silently", async () => {
    const log = recordingDiag();
    const original = Object.assign(new Error("Service Unavailable"), { status: 503 });
    const onError = vi.fn();
    const bug = new Error("callback bug");
    const result = await l0({
      stream: () => scripted({ tokens: [], error: original }),
      adapter: chunkAdapter,
      retry: { maxRetries: 0 },
      onEvent: () => {
        throw bug;
      },
      interceptors: [{ onError }],
    });
    const { error } = await readResult(result);
    const received = onError.mock.calls[0]?.[0] as L0Error;
    expect(received).toBe(error);
    expect(L0Error.isL0Error(received) && received.code).toBe("PROVIDER_ERROR");
    expect(received.cause).toBe(original);
    expect(typeof received.stack).toBe("string");
    expect(log.errors.some((args) => args.includes(bug))).toBe(true);
  });
});

describe("callbacks that return a rejected promise", () => {
  it("an async onDrift or onViolation that rejects is reported to diag, never an unhandled rejection", async () => {
    const log = recordingDiag();
    const unhandled = recordUnhandledRejections();
    try {
      const driftBug = new Error("onDrift bug");
      const violationBug = new Error("onViolation bug");
      const result = await l0({
        stream: () => scripted({ tokens: ["As an AI language model, ", "I cannot BAD"] }),
        adapter: chunkAdapter,
        detectDrift: driftDetector({ retryOnDrift: false }),
        guardrails: [
          {
            name: "no-bad",
            streaming: false,
            check: (c) => (c.content.includes("BAD") ? [{ rule: "no-bad", message: "bad", severity: "warning", recoverable: true }] : []),
          },
        ],
        // The callbacks are async on purpose: a rejected promise from a `void` callback is what is tested.
        // eslint-disable-next-line @typescript-eslint/no-misused-promises
        onDrift: async () => {
          throw driftBug;
        },
        // eslint-disable-next-line @typescript-eslint/no-misused-promises
        onViolation: async () => {
          throw violationBug;
        },
      });
      const { error } = await readResult(result);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(error).toBeUndefined();
      expect(result.state.driftDetected).toBe(true);
      expect(unhandled.reasons).toEqual([]);
      expect(log.errors.some((args) => args.includes(driftBug))).toBe(true);
      expect(log.errors.some((args) => args.includes(violationBug))).toBe(true);
    } finally {
      unhandled.stop();
    }
  });
});
