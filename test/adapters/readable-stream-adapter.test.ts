import { describe, expect, it } from "vitest";
import { readableStreamAdapter } from "../../src/adapters/readable-stream-adapter.js";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { collect, textOf } from "../helpers/drain.js";

function streamOf<T>(items: T[], onCancel?: (reason: unknown) => void): ReadableStream<T> {
  let i = 0;
  return new ReadableStream<T>({
    pull(controller) {
      if (i < items.length) controller.enqueue(items[i++]);
      else controller.close();
    },
    cancel(reason) {
      onCancel?.(reason);
    },
  });
}

describe("readableStreamAdapter", () => {
  it("is detected for ReadableStreams", () => {
    expect(detectAdapter(streamOf(["a"]))?.name).toBe("readable-stream");
  });

  it("reads strings and chunk objects", async () => {
    const chunks = await collect(
      readableStreamAdapter.wrap(streamOf<unknown>(["a", { text: "b" }, { type: "finish", finishReason: "stop" }])),
    );
    expect(chunks).toEqual([
      { type: "token", value: "a" },
      { type: "token", value: "b" },
      { type: "finish", finishReason: "stop" },
    ]);
  });

  it("decodes UTF-8 bytes split inside multi-byte characters", async () => {
    const text = "naïve ☕ 日本語 👩‍💻";
    const bytes = new TextEncoder().encode(text);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i++) pieces.push(bytes.subarray(i, i + 1));
    expect(textOf(await collect(readableStreamAdapter.wrap(streamOf(pieces))))).toBe(text);
  });

  it("cancels the stream when returned early", async () => {
    let cancelled = false;
    const stream = streamOf(["a", "b", "c"], () => {
      cancelled = true;
    });
    for await (const chunk of readableStreamAdapter.wrap(stream)) {
      expect(chunk).toEqual({ type: "token", value: "a" });
      break;
    }
    expect(cancelled).toBe(true);
  });

  it("return() settles a read pending on a stream that never enqueues", async () => {
    let cancelled = false;
    const stream = new ReadableStream<string>({
      cancel() {
        cancelled = true;
      },
    });
    const iterator = readableStreamAdapter.wrap(stream)[Symbol.asyncIterator]();
    const pending = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await iterator.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(cancelled).toBe(true);
  });

  it("rethrows a stream error", async () => {
    let pulls = 0;
    const stream = new ReadableStream<string>(
      {
        pull(controller) {
          if (pulls++ === 0) controller.enqueue("a");
          else controller.error(Object.assign(new Error("terminated"), { code: "UND_ERR_SOCKET" }));
        },
      },
      { highWaterMark: 0 },
    );
    const iterator = readableStreamAdapter.wrap(stream)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { type: "token", value: "a" } });
    await expect(iterator.next()).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
  });
});
