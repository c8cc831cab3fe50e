import { describe, expect, it } from "vitest";
import { streamText } from "ai";
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { detectAdapter } from "../../src/adapters/resolve-adapter.js";
import { TextStreamFailedError, isTextStreamResult, textStreamAdapter } from "../../src/adapters/text-stream-adapter.js";
import { faults } from "../../src/testing/faults.js";
import { createMockStream, step } from "../../src/testing/mock-stream.js";
import type { MockStep, MockStream } from "../../src/testing/mock-stream.js";
import { collect, textOf } from "../helpers/drain.js";
import { usageOf } from "../helpers/chunk-shapes.js";
import { mockModel, modelUsage } from "../helpers/ai-sdk-model.js";
import { FAST_RETRY, completeOf, finalText, retryReasons, runL0 } from "./l0-run.js";

const USAGE = usageOf(5, 2);

/** A `{ textStream }` wrapper whose usage and finish reason resolve when the text stream ends, as the AI SDK's do. */
function wrapper(
  script: readonly MockStep[],
  signal?: AbortSignal,
): { textStream: MockStream; totalUsage: Promise<unknown>; finishReason: Promise<string> } {
  const textStream = createMockStream(script, signal === undefined ? {} : { signal });
  return { textStream, totalUsage: Promise.resolve(USAGE), finishReason: Promise.resolve("stop") };
}

/** A factory of wrappers playing `scripts[n]` on call n (the last repeats), recording them. */
function wrapperFactory(scripts: readonly (readonly MockStep[])[]) {
  const made: Array<ReturnType<typeof wrapper>> = [];
  const factory = ({ signal }: { signal?: AbortSignal }) => {
    const w = wrapper(scripts[Math.min(made.length, scripts.length - 1)] as MockStep[], signal);
    made.push(w);
    return w;
  };
  return { factory, made };
}

const usage = modelUsage(5, 2);

describe("textStreamAdapter", () => {
  it("is detected for { textStream } without fullStream; an object with both stays with vercel-ai", () => {
    expect(detectAdapter({ textStream: createMockStream([]) })).toBe(textStreamAdapter);
    expect(isTextStreamResult({ textStream: [], fullStream: [] })).toBe(false);
    expect(detectAdapter({ textStream: [], fullStream: [] })?.name).toBe("vercel-ai");
  });

  it("reads text deltas, then usage and finish reason from the result's promises", async () => {
    const chunks = await collect(textStreamAdapter.wrap(wrapper(["Hi", " there"])));
    expect(chunks).toEqual([
      { type: "token", value: "Hi" },
      { type: "token", value: " there" },
      { type: "finish", finishReason: "stop", usage: USAGE },
    ]);
    // A bare textStream (a ReadableStream of strings, no promises): text only.
    const bare = await collect(textStreamAdapter.wrap({ textStream: new ReadableStream({ start: (c) => (c.enqueue("x"), c.close()) }) }));
    expect(bare).toEqual([{ type: "token", value: "x" }]);
  });

  it("the real AI SDK's textStream: usage arrives; a stream that failed (finishReason error) becomes an error chunk", async () => {
    const ok = streamText({
      model: mockModel([
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Hello" },
        { type: "text-end", id: "t" },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
      ]),
      prompt: "hi",
    });
    const chunks = await collect(
      textStreamAdapter.wrap({ textStream: ok.textStream, totalUsage: ok.totalUsage, finishReason: ok.finishReason }),
    );
    expect(chunks).toEqual([
      { type: "token", value: "Hello" },
      { type: "finish", finishReason: "stop", usage: usageOf(5, 2) },
    ]);
    const failed = streamText({
      model: mockModel([
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Hel" },
        { type: "error", error: new Error("boom") },
      ]),
      prompt: "hi",
      onError: () => {},
    });
    const failedChunks = await collect(
      textStreamAdapter.wrap({ textStream: failed.textStream, totalUsage: failed.totalUsage, finishReason: failed.finishReason }),
    );
    expect(textOf(failedChunks)).toBe("Hel");
    expect(failedChunks.at(-1)).toMatchObject({ type: "error", error: expect.any(TextStreamFailedError) });
  });
});

describe("{ textStream } results through l0(), with faults", () => {
  it("a connection drop mid-stream is retried; the retry's text and usage are delivered", async () => {
    const { factory, made } = wrapperFactory([
      ["Par", faults.econnreset()],
      ["Full", " text"],
    ]);
    const { result, events } = await runL0({ stream: factory, retry: FAST_RETRY, monitoring: { enabled: true } });
    expect(retryReasons(events)).toEqual(["econnreset"]);
    expect(finalText(events)).toBe("Full text");
    expect(completeOf(events)).toMatchObject({ usage: USAGE, finishReason: "stop" });
    expect(made).toHaveLength(2);
    expect(result.telemetry?.network.errorsByType).toEqual({ econnreset: 1 });
  });

  it("a 429 thrown by the text stream is a rate_limit retry after its retry-after", async () => {
    const { factory } = wrapperFactory([[faults.rateLimit(0.02)], ["ok"]]);
    const { events } = await runL0({ stream: factory, retry: FAST_RETRY });
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "rate_limit", delayMs: 20 });
    expect(finalText(events)).toBe("ok");
  });

  it("a 5xx is a server_error retry; a failed AI SDK stream (finishReason error) is retried too", async () => {
    const { factory } = wrapperFactory([["a", faults.serverError(502)], ["b"]]);
    expect(retryReasons((await runL0({ stream: factory, retry: FAST_RETRY })).events)).toEqual(["server_error"]);
    let calls = 0;
    const aiFactory = ({ signal }: { signal?: AbortSignal }) => {
      calls++;
      const parts: LanguageModelV3StreamPart[] =
        calls === 1
          ? [
              { type: "stream-start", warnings: [] },
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "Hal" },
              { type: "error", error: new Error("mid-stream failure") },
            ]
          : [
              { type: "stream-start", warnings: [] },
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "Whole" },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
            ];
      const r = streamText({
        model: mockModel(parts),
        prompt: "q",
        onError: () => {},
        ...(signal !== undefined && { abortSignal: signal }),
      });
      return { textStream: r.textStream, totalUsage: r.totalUsage, finishReason: r.finishReason };
    };
    const { events } = await runL0({ stream: aiFactory, retry: FAST_RETRY });
    expect(events.filter((e) => e.type === "retry")).toHaveLength(1);
    expect(finalText(events)).toBe("Whole");
    expect(completeOf(events)?.usage).toEqual(usageOf(5, 2));
  });

  it("abort mid-stream ends the call as aborted and closes the text stream; no retry", async () => {
    const { factory, made } = wrapperFactory([["first", step.stall()]]);
    const { events, thrown } = await runL0({ stream: factory, retry: FAST_RETRY }, (event, r) => {
      if (event.type === "token") r.abort();
    });
    expect(events.some((e) => e.type === "retry")).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: "error", errorType: "aborted" });
    expect(thrown).toMatchObject({ code: "STREAM_ABORTED" });
    expect(made[0]?.textStream.closed || made[0]?.textStream.aborted).toBe(true);
  });
});
