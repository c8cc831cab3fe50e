/**
 * Anthropic Messages params → GenAI facts: string and block content (text, image and document
 * sources, tool_use, tool_result, thinking, redacted thinking, server tools and their results),
 * `system`, and the parameters.
 */
import { describe, expect, it } from "vitest";
import { anthropicInputMessages, anthropicParameters, anthropicSystemInstructions } from "../../src/request/anthropic-messages-input.js";
import { expectConventional, textParts } from "./conventional.js";

describe("anthropicInputMessages", () => {
  it("converts every content block kind, in order", () => {
    const messages = anthropicInputMessages([
      { role: "user", content: "Hi" },
      {
        role: "user",
        content: [
          { type: "text", text: "Look:", cache_control: { type: "ephemeral" } },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          { type: "image", source: { type: "url", url: "https://example.com/a.png" } },
          { type: "image", source: { type: "file", file_id: "file_img" } },
          { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } },
          { type: "document", source: { type: "text", media_type: "text/plain", data: "plain doc" } },
          {
            type: "document",
            source: {
              type: "content",
              content: [
                { type: "text", text: "chunk 1" },
                { type: "text", text: "chunk 2" },
              ],
            },
          },
          { type: "document", source: { type: "url", url: "https://example.com/a.pdf" } },
          { type: "search_result", source: "https://example.com", title: "T", content: [{ type: "text", text: "r" }] },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "Let me check.", signature: "sig" },
          { type: "redacted_thinking", data: "opaque" },
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "paris" } },
          {
            type: "web_search_tool_result",
            tool_use_id: "srvtoolu_1",
            content: [{ type: "web_search_result", url: "https://example.com", title: "T" }],
          },
          { type: "mcp_tool_use", id: "mcptoolu_1", name: "search_docs", server_name: "docs", input: { q: "x" } },
          { type: "mcp_tool_result", tool_use_id: "mcptoolu_1", content: "found", is_error: false },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "rainy" },
          {
            type: "tool_result",
            tool_use_id: "toolu_2",
            content: [
              { type: "text", text: "a" },
              { type: "image", source: { type: "url", url: "https://example.com/b.png" } },
            ],
            is_error: true,
          },
          { type: "tool_result", tool_use_id: "toolu_3" },
        ],
      },
    ]);
    expect(messages).toEqual([
      { role: "user", parts: [{ type: "text", content: "Hi" }] },
      {
        role: "user",
        parts: [
          { type: "text", content: "Look:" },
          { type: "blob", modality: "image", mime_type: "image/png", content: "iVBORw0KGgo=" },
          { type: "uri", modality: "image", uri: "https://example.com/a.png" },
          { type: "file", modality: "image", file_id: "file_img" },
          { type: "blob", modality: "document", mime_type: "application/pdf", content: "JVBERi0=" },
          { type: "text", content: "plain doc" },
          { type: "text", content: "chunk 1" },
          { type: "text", content: "chunk 2" },
          { type: "uri", modality: "document", uri: "https://example.com/a.pdf" },
          { type: "search_result", source: "https://example.com", title: "T", content: [{ type: "text", text: "r" }] },
        ],
      },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", content: "Let me check." },
          { type: "redacted_thinking" },
          { type: "text", content: "Checking." },
          { type: "tool_call", id: "toolu_1", name: "get_weather", arguments: { city: "Paris" } },
          {
            type: "server_tool_call",
            id: "srvtoolu_1",
            name: "web_search",
            server_tool_call: { type: "web_search", input: { query: "paris" } },
          },
          {
            type: "server_tool_call_response",
            id: "srvtoolu_1",
            server_tool_call_response: {
              type: "web_search",
              content: [{ type: "web_search_result", url: "https://example.com", title: "T" }],
            },
          },
          {
            type: "server_tool_call",
            id: "mcptoolu_1",
            name: "search_docs",
            server_tool_call: { type: "mcp", server_name: "docs", input: { q: "x" } },
          },
          { type: "server_tool_call_response", id: "mcptoolu_1", server_tool_call_response: { type: "mcp", content: "found" } },
        ],
      },
      {
        role: "user",
        parts: [
          { type: "tool_call_response", id: "toolu_1", response: "rainy" },
          {
            type: "tool_call_response",
            id: "toolu_2",
            response: [
              { type: "text", content: "a" },
              { type: "uri", modality: "image", uri: "https://example.com/b.png" },
            ],
          },
          { type: "tool_call_response", id: "toolu_3", response: "" },
        ],
      },
    ]);
    expectConventional(messages);
  });

  it("leaves out what it cannot read", () => {
    expect(anthropicInputMessages({})).toBeUndefined();
    const messages = anthropicInputMessages([
      { content: "no role" },
      {
        role: "user",
        content: [
          null,
          { type: "text" },
          { type: "image" },
          { type: "image", source: { type: "base64" } },
          { type: "tool_use", id: "x" },
          { type: "thinking" },
        ],
      },
    ]);
    expect(messages).toEqual([{ role: "user", parts: [] }]);
    expectConventional(messages);
  });
});

describe("anthropicSystemInstructions and anthropicParameters", () => {
  it("reads system as a string or text blocks", () => {
    expect(anthropicSystemInstructions("Be brief")).toEqual(textParts("Be brief"));
    const system = anthropicSystemInstructions([
      { type: "text", text: "You are a translator." },
      { type: "text", text: "Translate to French.", cache_control: { type: "ephemeral" } },
    ]);
    expect(system).toEqual(textParts("You are a translator.", "Translate to French."));
    expectConventional(undefined, system);
    expect(anthropicSystemInstructions(undefined)).toBeUndefined();
  });

  it("reads max_tokens, temperature, top_p, top_k and stop_sequences", () => {
    expect(anthropicParameters({ max_tokens: 1024, temperature: 0.7, top_p: 0.9, top_k: 40, stop_sequences: ["\n\nHuman:"] })).toEqual({
      maxTokens: 1024,
      temperature: 0.7,
      topP: 0.9,
      topK: 40,
      stopSequences: ["\n\nHuman:"],
    });
    expect(anthropicParameters({ max_tokens: "1024", top_k: -1 })).toEqual({});
  });
});
