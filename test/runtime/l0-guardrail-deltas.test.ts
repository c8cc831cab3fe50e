import { describe, expect, it } from "vitest";
import { l0 } from "../../src/l0.js";
import type { GuardrailContext, GuardrailRule } from "../../src/types/guardrails.js";
import { readResult } from "../helpers/drain.js";
import { chunkAdapter, resetOnceThen, scripted } from "../helpers/scripted-source.js";

type Seen = Pick<GuardrailContext, "content" | "delta" | "completed">;

function recordingRule(streaming: boolean): { rule: GuardrailRule; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    rule: { name: `rec-${streaming}`, streaming, check: ({ content, delta, completed }) => (seen.push({ content, delta, completed }), []) },
  };
}

/** Every check's delta is exactly the content added since the previous check of the attempt. */
function expectContiguous(seen: readonly Seen[]): void {
  let previous = 0;
  for (const check of seen) {
    expect(check.delta).toBe(check.content.slice(previous));
    previous = check.content.length;
  }
}

describe("guardrail check deltas", () => {
  it("each streaming check and the final check get the text since the previous check", async () => {
    const { rule, seen } = recordingRule(true);
    const tokens = Array.from({ length: 23 }, (_, i) => `t${i} `);
    await readResult(
      await l0({ stream: () => scripted({ tokens }), adapter: chunkAdapter, guardrails: [rule], checkIntervals: { guardrails: 4 } }),
    );
    expect(seen.map((s) => s.completed)).toEqual([false, false, false, false, false, true]);
    expectContiguous(seen);
    expect(seen[0]?.delta).toBe("t0 t1 t2 t3 ");
    expect(seen.at(-1)).toEqual({ content: tokens.join(""), delta: "t20 t21 t22 ", completed: true });
  });

  it("a non-streaming rule's final delta starts where the last streaming check point was", async () => {
    const { rule, seen } = recordingRule(false);
    const tokens = Array.from({ length: 7 }, (_, i) => `${i}`);
    await readResult(
      await l0({ stream: () => scripted({ tokens }), adapter: chunkAdapter, guardrails: [rule], checkIntervals: { guardrails: 3 } }),
    );
    expect(seen).toEqual([{ content: "0123456", delta: "6", completed: true }]);
  });

  it("after a continued retry, the first check's delta also holds the checkpoint the attempt starts from", async () => {
    const { rule, seen } = recordingRule(true);
    const result = await l0({
      stream: resetOnceThen(["ab", "cd"], () => scripted({ tokens: ["ef", "gh", "ij"] })),
      adapter: chunkAdapter,
      guardrails: [rule],
      checkIntervals: { guardrails: 2 },
      continueFromLastKnownGoodToken: true,
      retry: { baseDelay: 0 },
    });
    await readResult(result);
    expect(result.state.content).toBe("abcdefghij");
    const second = seen.slice(1); // seen[0]: the first attempt's check of "abcd"
    expect(seen[0]).toEqual({ content: "abcd", delta: "abcd", completed: false });
    expect(second).toEqual([
      { content: "abcdefgh", delta: "abcdefgh", completed: false },
      { content: "abcdefghij", delta: "ij", completed: true },
    ]);
  });
});
