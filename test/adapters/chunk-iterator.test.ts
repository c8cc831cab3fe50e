import { describe, expect, it } from "vitest";
import { ChunkIterator, type ChunkSource, type ChunkTranslator } from "../../src/adapters/chunk-iterator.js";
import type { L0Chunk } from "../../src/types/events.js";
import { sleep } from "../helpers/sleep.js";

/** Strings become tokens; "+" splits an item into two tokens. */
const translator: ChunkTranslator = {
  push(raw, out) {
    for (const part of String(raw).split("+")) out.push({ type: "token", value: part });
  },
  end() {},
};

function arraySource(items: unknown[]): () => ChunkSource {
  return () => {
    let i = 0;
    return { next: () => (i < items.length ? { done: false, value: items[i++] } : { done: true, value: undefined }), close() {} };
  };
}

/** A source whose next() never settles; records whether it was closed. */
function stalledSource(): { open: () => ChunkSource; closed: () => boolean } {
  let closed = false;
  return {
    open: () => ({ next: () => new Promise<never>(() => {}), close: () => void (closed = true) }),
    closed: () => closed,
  };
}

interface Report {
  chunks: (L0Chunk | undefined)[];
  errors: unknown[];
}

function pullOnce(iterator: ChunkIterator, report: Report): void {
  iterator.pullInto(
    (chunk) => report.chunks.push(chunk),
    (error) => report.errors.push(error),
  );
}

describe("ChunkIterator abort", () => {
  it("a signal aborted before the first pull rejects it with the reason and never opens the source", async () => {
    const controller = new AbortController();
    const reason = new Error("early");
    controller.abort(reason);
    let opened = false;
    const iterator = new ChunkIterator(
      () => {
        opened = true;
        return arraySource(["a"])();
      },
      translator,
      controller.signal,
    );
    await expect(iterator.next()).rejects.toBe(reason);
    const report: Report = { chunks: [], errors: [] };
    pullOnce(iterator, report);
    expect(report.errors).toEqual([reason]);
    expect(opened).toBe(false);
  });

  it("an abort after the source was exhausted still rejects the next pull with the reason", async () => {
    const controller = new AbortController();
    const iterator = new ChunkIterator(arraySource(["a"]), translator, controller.signal);
    expect(await iterator.next()).toEqual({ done: false, value: { type: "token", value: "a" } });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    const reason = new Error("late");
    controller.abort(reason);
    await expect(iterator.next()).rejects.toBe(reason);
  });
});

describe("ChunkIterator.pullInto", () => {
  it("reports queued and synchronously available chunks at once, in order, then the end", () => {
    const iterator = new ChunkIterator(arraySource(["a+b", "c"]), translator);
    const report: Report = { chunks: [], errors: [] };
    for (let i = 0; i < 4; i++) pullOnce(iterator, report);
    expect(report.errors).toEqual([]);
    expect(report.chunks.map((c) => (c === undefined ? "end" : (c as { value: string }).value))).toEqual(["a", "b", "c", "end"]);
  });

  it("reports an asynchronous chunk later, exactly once", async () => {
    async function* gen(): AsyncGenerator<string> {
      yield "x";
    }
    const iterator = new ChunkIterator(() => {
      const it = gen();
      return { next: () => it.next(), close: () => void it.return(undefined) };
    }, translator);
    const report: Report = { chunks: [], errors: [] };
    pullOnce(iterator, report);
    expect(report.chunks).toEqual([]);
    await sleep();
    expect(report.chunks).toEqual([{ type: "token", value: "x" }]);
  });

  it("return() settles a pending pull at once with the end and closes the source", () => {
    const source = stalledSource();
    const iterator = new ChunkIterator(source.open, translator);
    const report: Report = { chunks: [], errors: [] };
    pullOnce(iterator, report);
    void iterator.return();
    expect(report.chunks).toEqual([undefined]);
    expect(report.errors).toEqual([]);
    expect(source.closed()).toBe(true);
  });

  it("an abort settles a pending pull at once with the abort reason and closes the source", () => {
    const source = stalledSource();
    const controller = new AbortController();
    const iterator = new ChunkIterator(source.open, translator, controller.signal);
    const report: Report = { chunks: [], errors: [] };
    pullOnce(iterator, report);
    const reason = new Error("stop");
    controller.abort(reason);
    expect(report.errors).toEqual([reason]);
    expect(report.chunks).toEqual([]);
    expect(source.closed()).toBe(true);
  });

  it("refuses a second pull while one is pending (by next() or pullInto)", async () => {
    const iterator = new ChunkIterator(stalledSource().open, translator);
    const report: Report = { chunks: [], errors: [] };
    const pending = iterator.next();
    pullOnce(iterator, report);
    expect(String(report.errors[0])).toMatch(/Concurrent/);
    void iterator.return();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  it("reports a throwing source to onError", () => {
    const boom = new Error("boom");
    const iterator = new ChunkIterator(
      () => ({
        next: () => {
          throw boom;
        },
        close() {},
      }),
      translator,
    );
    const report: Report = { chunks: [], errors: [] };
    pullOnce(iterator, report);
    expect(report.errors).toEqual([boom]);
  });
});
