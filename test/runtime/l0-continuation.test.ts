import { describe, expect, it } from "vitest";
import { l0 } from "../../src/l0.js";
import type { GuardrailRule } from "../../src/types/guardrails.js";
import type { StreamContext } from "../../src/types/options.js";
import { readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter, scripted } from "../helpers/scripted-source.js";

const dropped = (tokens: string[]) => scripted({ tokens, error: nodeError("ECONNRESET") });

async function continued(second: string[]): Promise<{ text: string; content: string }> {
  let n = 0;
  const result = await l0({
    stream: () => (n++ === 0 ? dropped(["The quick", " brown"]) : scripted({ tokens: second })),
    adapter: chunkAdapter,
    continueFromLastKnownGoodToken: true,
    retry: { baseDelay: 0 },
  });
  const { text, error } = await readResult(result);
  expect(error).toBeUndefined();
  return { text, content: result.state.content };
}

describe("continuation: overlap between the checkpoint and the next attempt", () => {
  it("repeats less than the checkpoint (its tail)", async () => {
    expect(await continued(["quick", " bro", "wn fox"])).toEqual({ text: "The quick brown fox", content: "The quick brown fox" });
  });

  it("repeats exactly the checkpoint, then goes on", async () => {
    expect(await continued(["The quick brown", " fox"])).toEqual({ text: "The quick brown fox", content: "The quick brown fox" });
  });

  it("repeats exactly the checkpoint and ends: nothing is duplicated and the call succeeds", async () => {
    expect(await continued(["The quick ", "brown"])).toEqual({ text: "The quick brown", content: "The quick brown" });
  });

  it("repeats more than the checkpoint (restarts from the beginning, split across tokens)", async () => {
    expect(await continued(["The ", "quick bro", "wn fox jumps"])).toEqual({
      text: "The quick brown fox jumps",
      content: "The quick brown fox jumps",
    });
  });

  it("repeats nothing", async () => {
    expect(await continued([" fox"])).toEqual({ text: "The quick brown fox", content: "The quick brown fox" });
  });
});

describe("continuation with fallbacks and repeated failures", () => {
  it("a fallback continues from the checkpoint, and a second drop extends the checkpoint", async () => {
    const contexts: StreamContext[] = [];
    const result = await l0({
      stream: (context) => {
        contexts.push(context);
        return contexts.length === 1 ? dropped(["one", " two"]) : dropped([" two three"]);
      },
      fallbackStreams: [
        (context) => {
          contexts.push(context);
          return scripted({ tokens: ["three", " four"] });
        },
      ],
      adapter: chunkAdapter,
      continueFromLastKnownGoodToken: true,
      retry: { baseDelay: 0, maxRetries: 1 },
    });
    const { text, events, error } = await readResult(result);
    expect(error).toBeUndefined();
    expect(contexts.map((c) => c.continuation?.checkpoint)).toEqual([undefined, "one two", "one two three"]);
    expect(events.find((e) => e.type === "fallback")).toMatchObject({ discardsOutput: false, continuedFromLength: 13 });
    expect(text).toBe("one two three four");
    expect(result.state.content).toBe("one two three four");
  });

  it("a content failure (guardrail) discards the output even with continuation on", async () => {
    const rule: GuardrailRule = {
      name: "no-bad",
      streaming: false,
      check: (c) => (c.content.includes("BAD") ? [{ rule: "no-bad", message: "bad", severity: "error", recoverable: true }] : []),
    };
    const contexts: StreamContext[] = [];
    const result = await l0({
      stream: (context) => {
        contexts.push(context);
        return contexts.length === 1 ? scripted({ tokens: ["a BAD answer"] }) : scripted({ tokens: ["good"] });
      },
      adapter: chunkAdapter,
      guardrails: [rule],
      continueFromLastKnownGoodToken: true,
      retry: { baseDelay: 0 },
    });
    const { text, events } = await readResult(result);
    expect(contexts[1]?.continuation).toBeUndefined();
    expect(events.find((e) => e.type === "retry")).toMatchObject({ discardsOutput: true });
    expect(text).toBe("good");
    expect(result.state).toMatchObject({ content: "good", violations: [], completed: true });
  });
});
