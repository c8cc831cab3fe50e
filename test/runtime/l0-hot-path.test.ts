import { describe, expect, it } from "vitest";
import { l0 } from "../../src/l0.js";
import { readResult } from "../helpers/drain.js";

describe("hot path", () => {
  it("reads a synchronous source whose many chunks deliver nothing without deep recursion", async () => {
    // An array read by the built-in adapter reports chunks synchronously; 200k finish chunks in a
    // row map to no event, so each asks for the next pull while the previous one is on the stack.
    const items: unknown[] = Array.from({ length: 200_000 }, () => ({ type: "finish" }));
    items.push("a", { type: "finish", finishReason: "stop" }, "b");
    const result = await l0({ stream: () => items });
    const { events } = await readResult(result);
    expect(events.map((e) => e.type)).toEqual(["token", "token", "complete"]);
    expect(result.state.content).toBe("ab");
    expect(result.state.finishReason).toBe("stop");
  });
});
