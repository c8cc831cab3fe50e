/**
 * AI SDK call options → GenAI facts: `prompt` (string or messages), `messages` (every role and part
 * kind of AI SDK 5/6, and the 4.x `args` / `result` / `maxTokens`), `system` in its three forms,
 * and the call settings.
 */
import { describe, expect, it } from "vitest";
import { aiSdkInputMessages, aiSdkParameters, aiSdkSystemInstructions } from "../../src/request/ai-sdk-messages.js";
import { expectConventional, textParts } from "./conventional.js";

describe("aiSdkInputMessages", () => {
  it("reads a string prompt as one user message", () => {
    const messages = aiSdkInputMessages({ prompt: "Hi" });
    expect(messages).toEqual([{ role: "user", parts: [{ type: "text", content: "Hi" }] }]);
    expectConventional(messages);
  });

  it("converts every message role and part kind, from messages or a message prompt", () => {
    const history = [
      { role: "system", content: "You are terse." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image", image: new URL("https://example.com/a.png") },
          { type: "image", image: "https://example.com/b.png", mediaType: "image/png" },
          { type: "image", image: new Uint8Array([104, 105]), mediaType: "image/png" },
          { type: "image", image: "aGk=" },
          { type: "file", data: new Uint8Array([1, 2, 3]).buffer, mediaType: "application/pdf", filename: "a.pdf" },
          { type: "file", data: "data:audio/wav;base64,UklGRg==", mediaType: "audio/wav" },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "Thinking." },
          { type: "text", text: "Let me look." },
          { type: "tool-call", toolCallId: "call_1", toolName: "weather", input: { city: "Paris" } },
          { type: "tool-call", toolCallId: "call_2", toolName: "web_search", input: { q: "x" }, providerExecuted: true },
          { type: "tool-result", toolCallId: "call_2", toolName: "web_search", output: { type: "json", value: { hits: 1 } } },
        ],
      },
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "call_1", toolName: "weather", output: { type: "text", value: "rainy" } },
          { type: "tool-result", toolCallId: "call_3", toolName: "fail", output: { type: "error-text", value: "boom" } },
          { type: "tool-result", toolCallId: "call_4", toolName: "deny", output: { type: "execution-denied", reason: "no" } },
          {
            type: "tool-result",
            toolCallId: "call_5",
            toolName: "shot",
            output: {
              type: "content",
              value: [
                { type: "text", text: "see" },
                { type: "media", data: "iVBO", mediaType: "image/png" },
                { type: "image-url", url: "https://example.com/c.png" },
                { type: "file-id", fileId: "file_1", mediaType: "application/pdf" },
                { type: "custom" },
              ],
            },
          },
          { type: "tool-approval-response", approvalId: "a1", approved: true },
        ],
      },
      { role: "assistant", content: "Done." },
    ];
    const expected = [
      { role: "system", parts: [{ type: "text", content: "You are terse." }] },
      {
        role: "user",
        parts: [
          { type: "text", content: "What is this?" },
          { type: "uri", modality: "image", uri: "https://example.com/a.png" },
          { type: "uri", modality: "image", mime_type: "image/png", uri: "https://example.com/b.png" },
          { type: "blob", modality: "image", mime_type: "image/png", content: "aGk=" },
          { type: "blob", modality: "image", content: "aGk=" },
          { type: "blob", modality: "document", mime_type: "application/pdf", content: "AQID" },
          { type: "blob", modality: "audio", mime_type: "audio/wav", content: "UklGRg==" },
        ],
      },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", content: "Thinking." },
          { type: "text", content: "Let me look." },
          { type: "tool_call", id: "call_1", name: "weather", arguments: { city: "Paris" } },
          { type: "server_tool_call", id: "call_2", name: "web_search", server_tool_call: { type: "web_search", input: { q: "x" } } },
          { type: "tool_call_response", id: "call_2", response: { hits: 1 } },
        ],
      },
      {
        role: "tool",
        parts: [
          { type: "tool_call_response", id: "call_1", response: "rainy" },
          { type: "tool_call_response", id: "call_3", response: "boom" },
          { type: "tool_call_response", id: "call_4", response: { type: "execution-denied", reason: "no" } },
          {
            type: "tool_call_response",
            id: "call_5",
            response: [
              { type: "text", content: "see" },
              { type: "blob", modality: "image", mime_type: "image/png", content: "iVBO" },
              { type: "uri", modality: "image", uri: "https://example.com/c.png" },
              { type: "file", modality: "document", mime_type: "application/pdf", file_id: "file_1" },
              { type: "custom" },
            ],
          },
          { type: "tool-approval-response", approvalId: "a1", approved: true },
        ],
      },
      { role: "assistant", parts: [{ type: "text", content: "Done." }] },
    ];
    const fromMessages = aiSdkInputMessages({ messages: history });
    expect(fromMessages).toEqual(expected);
    expect(aiSdkInputMessages({ prompt: history })).toEqual(expected);
    expectConventional(fromMessages);
  });

  it("reads the 4.x tool parts (args, result)", () => {
    const messages = aiSdkInputMessages({
      messages: [
        { role: "assistant", content: [{ type: "tool-call", toolCallId: "c", toolName: "t", args: { a: 1 } }] },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "c", toolName: "t", result: { ok: true } }] },
      ],
    });
    expect(messages).toEqual([
      { role: "assistant", parts: [{ type: "tool_call", id: "c", name: "t", arguments: { a: 1 } }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "c", response: { ok: true } }] },
    ]);
  });

  it("leaves out what it cannot read", () => {
    expect(aiSdkInputMessages({})).toBeUndefined();
    const messages = aiSdkInputMessages({
      messages: [
        null,
        { content: "no role" },
        { role: "user", content: [null, { type: "text" }, { type: "image", image: 42 }, { type: "tool-call" }] },
      ],
    });
    expect(messages).toEqual([{ role: "user", parts: [] }]);
    expectConventional(messages);
  });
});

describe("aiSdkSystemInstructions and aiSdkParameters", () => {
  it("reads system as a string, a system message, or a list of system messages", () => {
    expect(aiSdkSystemInstructions("Be brief")).toEqual(textParts("Be brief"));
    expect(aiSdkSystemInstructions({ role: "system", content: "Be brief" })).toEqual(textParts("Be brief"));
    const system = aiSdkSystemInstructions([
      { role: "system", content: "A" },
      { role: "system", content: "B" },
    ]);
    expect(system).toEqual(textParts("A", "B"));
    expectConventional(undefined, system);
    expect(aiSdkSystemInstructions(undefined)).toBeUndefined();
  });

  it("reads every call setting (maxOutputTokens, or 4.x maxTokens)", () => {
    // The sampling settings keep their AI SDK names; maxRetries is not a request parameter.
    const sampling = { temperature: 0, topP: 1, topK: 20, stopSequences: ["###"], seed: 42, frequencyPenalty: 0.1, presencePenalty: 0.2 };
    expect(aiSdkParameters({ maxOutputTokens: 300, ...sampling, maxRetries: 0 })).toEqual({ maxTokens: 300, ...sampling });
    expect(aiSdkParameters({ maxTokens: 50 })).toEqual({ maxTokens: 50 });
  });
});
