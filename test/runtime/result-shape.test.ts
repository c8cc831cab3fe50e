/**
 * `result.state.content` and `result.telemetry` are own enumerable accessors, as plain-object
 * properties would be: they show in `Object.keys`, spreads and JSON, read live values, and the
 * state's text can be replaced; the objects carry nothing else enumerable.
 */
import { describe, expect, it } from "vitest";
import { l0 } from "../../src/l0.js";
import { collect } from "../helpers/drain.js";

async function* words(): AsyncGenerator<string> {
  yield "Hello";
  yield " world";
}

describe("result and state keep the shape of plain objects", () => {
  it("state.content is a live, enumerable, writable property", async () => {
    const result = await l0({ stream: () => words() });
    expect(result.state.content).toBe("");
    await collect(result.stream);
    expect(result.state.content).toBe("Hello world");
    expect(Object.keys(result.state).sort()).toEqual(
      [
        "aborted",
        "attempt",
        "completed",
        "content",
        "driftDetected",
        "fallbackIndex",
        "modelRetryCount",
        "networkRetryCount",
        "tokenCount",
        "violations",
      ].sort(),
    );
    expect({ ...result.state }.content).toBe("Hello world");
    expect((JSON.parse(JSON.stringify(result.state)) as { content: string }).content).toBe("Hello world");
    result.state.content = "replaced";
    expect(result.state.content).toBe("replaced");
  });

  it("result.telemetry is enumerable and read live; two calls do not share state", async () => {
    const first = await l0({ stream: () => words(), monitoring: { enabled: true, provider: "openai", model: "m" } });
    const second = await l0({ stream: () => words() });
    expect(Object.keys(first).sort()).toEqual(["abort", "errors", "state", "stream", "telemetry"]);
    await collect(first.stream);
    expect(first.telemetry?.metrics.totalTokens).toBe(2);
    expect({ ...first }.telemetry?.metrics.totalTokens).toBe(2);
    expect(second.telemetry).toBeUndefined();
    expect(second.state.content).toBe("");
    expect(first.state.content).toBe("Hello world");
  });
});
