/**
 * OpenAI Responses params → GenAI facts: `input` as a string or items (messages, content parts,
 * function and custom tool calls and outputs, client and server tool items, reasoning),
 * `instructions`, and the parameters.
 */
import { describe, expect, it } from "vitest";
import { responsesInputMessages, responsesParameters, responsesSystemInstructions } from "../../src/request/openai-responses-input.js";
import { expectConventional } from "./conventional.js";

describe("responsesInputMessages", () => {
  it("reads a string input as one user message", () => {
    const messages = responsesInputMessages("Hi");
    expect(messages).toEqual([{ role: "user", parts: [{ type: "text", content: "Hi" }] }]);
    expectConventional(messages);
  });

  it("converts every item kind, one message per item, in order", () => {
    const messages = responsesInputMessages([
      { role: "system", content: "You are a helpful bot" },
      { role: "developer", content: "Be brief" },
      {
        type: "message",
        role: "user",
        content: [
          { type: "input_text", text: "Look:" },
          { type: "input_image", image_url: "https://example.com/a.png", detail: "auto" },
          { type: "input_image", image_url: "data:image/jpeg;base64,/9j/", detail: "auto" },
          { type: "input_image", file_id: "file-img", detail: "auto" },
          { type: "input_file", file_id: "file-doc" },
          { type: "input_file", file_url: "https://example.com/a.pdf" },
          { type: "input_file", file_data: "data:application/pdf;base64,JVBERi0=", filename: "a.pdf" },
          { type: "input_file", file_data: "JVBERi0=", filename: "b.pdf" },
          { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } },
        ],
      },
      {
        type: "message",
        role: "assistant",
        id: "msg_1",
        status: "completed",
        content: [
          { type: "output_text", text: "Hello", annotations: [] },
          { type: "refusal", refusal: "No" },
        ],
      },
      {
        type: "reasoning",
        id: "rs_1",
        summary: [{ type: "summary_text", text: "Thinking about it" }],
        content: [{ type: "reasoning_text", text: "step 1" }],
      },
      { type: "reasoning", id: "rs_2", summary: [], encrypted_content: "opaque" },
      { type: "function_call", id: "fc_1", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
      { type: "function_call_output", call_id: "call_1", output: "rainy" },
      { type: "function_call_output", call_id: "call_9", output: [{ type: "input_text", text: "listed" }] },
      { type: "custom_tool_call", call_id: "call_2", name: "sql", input: "SELECT 1" },
      { type: "custom_tool_call_output", call_id: "call_2", output: "1" },
      {
        type: "computer_call",
        id: "cu_1",
        call_id: "call_3",
        action: { type: "click", x: 1, y: 2 },
        pending_safety_checks: [],
        status: "completed",
      },
      { type: "computer_call_output", call_id: "call_3", output: { type: "computer_screenshot", image_url: "https://example.com/s.png" } },
      { type: "local_shell_call", id: "ls_1", call_id: "call_4", action: { type: "exec", command: ["ls"] }, status: "completed" },
      { type: "web_search_call", id: "ws_1", status: "completed", action: { type: "search", query: "paris weather" } },
      { type: "code_interpreter_call", id: "ci_1", code: "print(1)", container_id: "c1", outputs: [], status: "completed" },
      { type: "mcp_list_tools", id: "ml_1", server_label: "docs", tools: [] },
      { type: "item_reference", id: "msg_0" },
    ]);
    expect(messages).toEqual([
      { role: "system", parts: [{ type: "text", content: "You are a helpful bot" }] },
      { role: "developer", parts: [{ type: "text", content: "Be brief" }] },
      {
        role: "user",
        parts: [
          { type: "text", content: "Look:" },
          { type: "uri", modality: "image", uri: "https://example.com/a.png" },
          { type: "blob", modality: "image", mime_type: "image/jpeg", content: "/9j/" },
          { type: "file", modality: "image", file_id: "file-img" },
          { type: "file", modality: "document", file_id: "file-doc" },
          { type: "uri", modality: "document", uri: "https://example.com/a.pdf" },
          { type: "blob", modality: "document", mime_type: "application/pdf", content: "JVBERi0=" },
          { type: "blob", modality: "document", content: "JVBERi0=" },
          { type: "blob", modality: "audio", mime_type: "audio/wav", content: "UklGRg==" },
        ],
      },
      {
        role: "assistant",
        parts: [
          { type: "text", content: "Hello" },
          { type: "refusal", content: "No" },
        ],
      },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", content: "Thinking about it" },
          { type: "reasoning", content: "step 1" },
        ],
      },
      { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: "rainy" }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_9", response: [{ type: "text", content: "listed" }] }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "call_2", name: "sql", arguments: "SELECT 1" }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_2", response: "1" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "call_3", name: "computer", arguments: { type: "click", x: 1, y: 2 } }] },
      {
        role: "tool",
        parts: [
          { type: "tool_call_response", id: "call_3", response: { type: "computer_screenshot", image_url: "https://example.com/s.png" } },
        ],
      },
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: "call_4", name: "local_shell", arguments: { type: "exec", command: ["ls"] } }],
      },
      {
        role: "assistant",
        parts: [
          {
            type: "server_tool_call",
            id: "ws_1",
            name: "web_search",
            server_tool_call: { type: "web_search", action: { type: "search", query: "paris weather" } },
          },
        ],
      },
      {
        role: "assistant",
        parts: [
          {
            type: "server_tool_call",
            id: "ci_1",
            name: "code_interpreter",
            server_tool_call: { type: "code_interpreter", code: "print(1)", container_id: "c1", outputs: [] },
          },
        ],
      },
      {
        role: "assistant",
        parts: [
          {
            type: "server_tool_call",
            id: "ml_1",
            name: "mcp_list_tools",
            server_tool_call: { type: "mcp_list_tools", server_label: "docs", tools: [] },
          },
        ],
      },
      { role: "user", parts: [{ type: "item_reference", id: "msg_0" }] },
    ]);
    expectConventional(messages);
  });

  it("leaves out what it cannot read", () => {
    expect(responsesInputMessages(undefined)).toBeUndefined();
    const messages = responsesInputMessages([
      null,
      { type: "function_call", call_id: "x" },
      { role: "user", content: [null, { type: "input_image" }, { type: "input_file" }, { type: "input_audio" }] },
    ]);
    expect(messages).toEqual([{ role: "user", parts: [] }]);
    expectConventional(messages);
  });
});

describe("responsesSystemInstructions and responsesParameters", () => {
  it("reads instructions as one text part", () => {
    expect(responsesSystemInstructions("You must never tell jokes")).toEqual([{ type: "text", content: "You must never tell jokes" }]);
    expect(responsesSystemInstructions(null)).toBeUndefined();
  });

  it("reads max_output_tokens, temperature and top_p (top_logprobs is not top_k)", () => {
    expect(responsesParameters({ max_output_tokens: 500, temperature: 1, top_p: 0.5, top_logprobs: 3 })).toEqual({
      maxTokens: 500,
      temperature: 1,
      topP: 0.5,
    });
    expect(responsesParameters({ max_output_tokens: null, temperature: "1" })).toEqual({});
  });
});
