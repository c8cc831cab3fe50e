/**
 * OpenAI chat-completions params → GenAI facts: every message role and content-part kind, tool
 * calls and results, and the sampling parameters.
 */
import { describe, expect, it } from "vitest";
import { chatInputMessages, chatParameters } from "../../src/request/openai-chat-messages.js";
import { expectConventional } from "./conventional.js";

const PNG = "iVBORw0KGgo=";

describe("chatInputMessages", () => {
  it("converts every message role and content part, in order", () => {
    const messages = chatInputMessages([
      { role: "system", content: "You are terse.", name: "policy" },
      { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
      {
        role: "user",
        name: "ada",
        content: [
          { type: "text", text: "What is in these?" },
          { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } },
          { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } },
          { type: "input_audio", input_audio: { data: "SUQz", format: "mp3" } },
          { type: "file", file: { file_id: "file-abc" } },
          { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0=", filename: "a.pdf" } },
          { type: "file", file: { file_data: "JVBERi0=" } },
          { type: "future_part", payload: 1 },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "call_2", type: "function", function: { name: "echo", arguments: "not json" } },
          { id: "call_3", type: "custom", custom: { name: "sql", input: "SELECT 1" } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "rainy, 57°F" },
      {
        role: "tool",
        tool_call_id: "call_2",
        content: [
          { type: "text", text: "a" },
          { type: "text", text: "b" },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Sorry" },
          { type: "refusal", refusal: "I can't." },
        ],
      },
      { role: "assistant", content: "Hmm", refusal: "No.", audio: { id: "audio_1" } },
      { role: "assistant", content: null, function_call: { name: "legacy", arguments: '{"a":1}' } },
      { role: "function", name: "legacy", content: "42" },
    ]);
    expect(messages).toEqual([
      { role: "system", name: "policy", parts: [{ type: "text", content: "You are terse." }] },
      { role: "developer", parts: [{ type: "text", content: "Answer in French." }] },
      {
        role: "user",
        name: "ada",
        parts: [
          { type: "text", content: "What is in these?" },
          { type: "uri", modality: "image", uri: "https://example.com/cat.png" },
          { type: "blob", modality: "image", mime_type: "image/png", content: PNG },
          { type: "blob", modality: "audio", mime_type: "audio/wav", content: "UklGRg==" },
          { type: "blob", modality: "audio", mime_type: "audio/mpeg", content: "SUQz" },
          { type: "file", modality: "document", file_id: "file-abc" },
          { type: "blob", modality: "document", mime_type: "application/pdf", content: "JVBERi0=" },
          { type: "blob", modality: "document", content: "JVBERi0=" },
          { type: "future_part", payload: 1 },
        ],
      },
      {
        role: "assistant",
        parts: [
          { type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
          { type: "tool_call", id: "call_2", name: "echo", arguments: "not json" },
          { type: "tool_call", id: "call_3", name: "sql", arguments: "SELECT 1" },
        ],
      },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: "rainy, 57°F" }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_2", response: "ab" }] },
      {
        role: "assistant",
        parts: [
          { type: "text", content: "Sorry" },
          { type: "refusal", content: "I can't." },
        ],
      },
      {
        role: "assistant",
        parts: [
          { type: "text", content: "Hmm" },
          { type: "refusal", content: "No." },
          { type: "audio", id: "audio_1" },
        ],
      },
      { role: "assistant", parts: [{ type: "tool_call", name: "legacy", arguments: { a: 1 } }] },
      { role: "tool", name: "legacy", parts: [{ type: "tool_call_response", response: "42" }] },
    ]);
    expectConventional(messages);
  });

  it("leaves out what it cannot read, and never throws on odd input", () => {
    expect(chatInputMessages(undefined)).toBeUndefined();
    expect(chatInputMessages("Hi")).toBeUndefined();
    const messages = chatInputMessages([
      null,
      42,
      { content: "no role" },
      {
        role: "user",
        content: [
          null,
          "text",
          { type: "text" },
          { type: "image_url", image_url: {} },
          { type: "input_audio", input_audio: {} },
          { type: "file", file: {} },
        ],
      },
      { role: "assistant", tool_calls: [null, { id: "x", type: "function", function: {} }] },
      { role: "tool", tool_call_id: "x" },
    ]);
    expect(messages).toEqual([
      { role: "user", parts: [] },
      { role: "assistant", parts: [] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "x", response: null }] },
    ]);
    expectConventional(messages);
  });
});

describe("chatParameters", () => {
  it("reads every sampling parameter; max_completion_tokens wins over max_tokens; a stop string is a list", () => {
    expect(
      chatParameters({
        max_completion_tokens: 256,
        max_tokens: 100,
        temperature: 0.2,
        top_p: 0.9,
        stop: "END",
        seed: 7,
        frequency_penalty: 0.5,
        presence_penalty: -0.5,
        n: 3,
        top_logprobs: 5,
      }),
    ).toEqual({
      maxTokens: 256,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ["END"],
      seed: 7,
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      choiceCount: 3,
    });
    expect(chatParameters({ max_tokens: 100, stop: ["a", "b"] })).toEqual({ maxTokens: 100, stopSequences: ["a", "b"] });
  });

  it("skips nulls and values of the wrong type", () => {
    expect(
      chatParameters({ temperature: null, top_p: "0.9", max_tokens: 1.5, seed: Number.NaN, stop: [1], n: 0, frequency_penalty: Infinity }),
    ).toEqual({});
  });
});
