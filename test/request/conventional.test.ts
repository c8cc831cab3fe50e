/** The conventions check used by the conversion tests fails on what the conventions reject. */
import { describe, expect, it } from "vitest";
import type { GenAiMessage } from "../../src/request/genai-messages.js";
import { expectConventional } from "./conventional.js";

describe("expectConventional", () => {
  it("accepts the conventions' own example", () => {
    expectConventional(
      [
        { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
        { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { location: "Paris" } }] },
        { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: "rainy, 57°F" }] },
      ],
      [{ type: "text", content: "You are a language translator." }],
    );
  });

  it.each([
    ["a text part without content", [{ role: "user", parts: [{ type: "text" }] }]],
    ["a tool call without a name", [{ role: "assistant", parts: [{ type: "tool_call", id: "x" }] }]],
    ["a blob without modality", [{ role: "user", parts: [{ type: "blob", content: "AA==" }] }]],
    ["a message without parts", [{ role: "user" }]],
    ["a message with a finish reason", [{ role: "assistant", parts: [], finish_reason: "stop" }]],
  ])("rejects %s", (_name, messages) => {
    expect(() => expectConventional(messages as unknown as GenAiMessage[])).toThrow();
  });
});
