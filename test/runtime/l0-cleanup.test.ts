import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { l0 } from "../../src/l0.js";
import { readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter, scripted } from "../helpers/scripted-source.js";

function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, "abort").length;
}

describe("no listeners left on the caller's signal", () => {
  it("1,000 calls with one long-lived AbortController: completed, failed, broken off and never-read calls", async () => {
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      for (let i = 0; i < 1000; i++) {
        const kind = i % 4;
        const result = await l0({
          stream: () => (kind === 1 ? scripted({ tokens: ["a"], error: new Error("boom") }) : scripted({ tokens: ["a", "b"] })),
          adapter: chunkAdapter,
          signal: controller.signal,
          retry: { maxRetries: 0 },
        });
        if (kind === 0 || kind === 1) await readResult(result);
        else if (kind === 2) {
          for await (const event of result.stream) if (event.type === "token") break;
        }
        // kind 3: the result is dropped without reading result.stream.
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(abortListeners(controller.signal)).toBe(0);
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("a result that is never read still honours an abort of the caller's signal before its first pull", async () => {
    const controller = new AbortController();
    const factory = vi.fn(() => scripted({ tokens: ["x"] }));
    const result = await l0({ stream: factory, adapter: chunkAdapter, signal: controller.signal });
    controller.abort(new Error("left"));
    const { events, error } = await readResult(result);
    expect(factory).not.toHaveBeenCalled();
    expect(events.map((e) => e.type)).toEqual(["error"]);
    expect(error).toMatchObject({ code: "STREAM_ABORTED", cause: new Error("left") });
    expect(result.state.aborted).toBe(true);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it("the listener is removed after an abort through the caller's signal mid-stream", async () => {
    const controller = new AbortController();
    const result = await l0({ stream: () => scripted({ tokens: ["x"], hang: true }), adapter: chunkAdapter, signal: controller.signal });
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const event of result.stream) {
        seen.push(event.type);
        controller.abort();
      }
    } catch (thrown) {
      error = thrown;
    }
    expect(seen).toEqual(["token", "error"]);
    expect(error).toMatchObject({ code: "STREAM_ABORTED" });
    expect(abortListeners(controller.signal)).toBe(0);
  });
});

describe("no timers left behind once the call ended", () => {
  const timeouts = { timeout: { initialToken: 5000, interToken: 5000 } };
  /** A call whose first attempt dies of a connection reset, then waits 5 s before retrying. */
  const callInLongBackoff = () =>
    l0({
      stream: () => scripted({ tokens: [], error: nodeError("ECONNRESET") }),
      adapter: chunkAdapter,
      ...timeouts,
      retry: { backoff: "fixed", baseDelay: 5000, maxDelay: 5000 },
    });

  it("success, failure, timeout, abort in backoff, abort mid-stream, break mid-stream, return() in backoff", async () => {
    // Every timer created during a run must have fired or been cleared once the call ended.
    const created: ReturnType<typeof setTimeout>[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const tracking = ((...args: Parameters<typeof setTimeout>) => {
      const timer = realSetTimeout(...args);
      created.push(timer);
      return timer;
    }) as typeof setTimeout;
    const live = (): number => created.filter((t) => !(t as unknown as { _destroyed: boolean })._destroyed).length;
    const runs: (() => Promise<unknown>)[] = [
      async () => readResult(await l0({ stream: () => scripted({ tokens: ["a"] }), adapter: chunkAdapter, ...timeouts })),
      async () =>
        readResult(
          await l0({
            stream: () => scripted({ tokens: ["a"], error: nodeError("ECONNRESET") }),
            adapter: chunkAdapter,
            ...timeouts,
            retry: { maxRetries: 0 },
          }),
        ),
      async () =>
        readResult(
          await l0({
            stream: () => scripted({ tokens: ["a"], hang: true }),
            adapter: chunkAdapter,
            timeout: { initialToken: 5000, interToken: 10 },
            retry: { maxRetries: 0 },
          }),
        ),
      async () => {
        const result = await callInLongBackoff();
        const drained = readResult(result);
        await new Promise((resolve) => setTimeout(resolve, 10));
        result.abort();
        return drained;
      },
      async () => {
        const result = await l0({ stream: () => scripted({ tokens: ["a"], hang: true }), adapter: chunkAdapter, ...timeouts });
        setTimeout(() => result.abort(), 10);
        return readResult(result);
      },
      async () => {
        const result = await l0({ stream: () => scripted({ tokens: ["a", "b"], hang: true }), adapter: chunkAdapter, ...timeouts });
        for await (const event of result.stream) if (event.type === "token") break;
      },
      async () => {
        const result = await callInLongBackoff();
        const iterator = result.stream[Symbol.asyncIterator]();
        await iterator.next();
        const pending = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 10));
        await iterator.return?.();
        return pending;
      },
    ];
    globalThis.setTimeout = tracking;
    try {
      for (const [index, run] of runs.entries()) {
        created.length = 0;
        const started = Date.now();
        await run();
        // Ended promptly: nothing waited out a 5 s timer.
        expect({ index, ms: Math.min(Date.now() - started, 1000) }).not.toEqual({ index, ms: 1000 });
        await new Promise((resolve) => setImmediate(resolve));
        expect({ index, created: created.length > 0, live: live() }).toEqual({ index, created: true, live: 0 });
      }
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });
});
