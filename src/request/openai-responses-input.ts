/**
 * OpenAI Responses API params as GenAI facts: `input` (a string or a list of items) as input
 * messages, one message per item; `instructions` as system instructions; the sampling parameters.
 * @packageDocumentation
 */
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import { fileDataPart, filePart, inputAudioPart, urlPart } from "./media-parts.js";
import { contentPartsOf, messageListOf, stringPart, userTextMessages } from "./message-lists.js";
import { arrayOf, definedEntries, fieldsOf, jsonOrString, nameOf, stringOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import type { L0RequestParameters } from "./description-types.js";
import { requestParametersOf } from "./request-parameters.js";

/** Item types of tools the client runs (their outputs come back as `<type>_output` items). */
const CLIENT_TOOL_CALLS = new Set(["computer_call", "local_shell_call", "shell_call", "apply_patch_call"]);
/** Item types of tools the provider runs itself. */
const SERVER_TOOL_CALLS = new Set([
  "web_search_call",
  "file_search_call",
  "code_interpreter_call",
  "image_generation_call",
  "mcp_call",
  "mcp_list_tools",
]);

/** One content part of a Responses message. */
function contentPart(part: Fields, type: string): GenAiPart | undefined {
  switch (type) {
    case "input_text":
    case "output_text":
      return stringPart("text", part.text);
    case "refusal":
      return stringPart("refusal", part.refusal);
    case "input_image": {
      const url = nameOf(part.image_url);
      const id = nameOf(part.file_id);
      return url !== undefined ? urlPart(url, "image") : id !== undefined ? filePart(id, "image") : undefined;
    }
    case "input_file": {
      const id = nameOf(part.file_id);
      const url = nameOf(part.file_url);
      const data = nameOf(part.file_data);
      if (id !== undefined) return filePart(id, "document");
      if (url !== undefined) return urlPart(url, "document");
      return data === undefined ? undefined : fileDataPart(data);
    }
    case "input_audio":
      return inputAudioPart(part.input_audio);
    default:
      return { ...part, type };
  }
}

/** A message's content: a string or a list of content parts. */
function contentParts(content: unknown): GenAiPart[] {
  return contentPartsOf(content, contentPart);
}

/** A tool output: a string stays one; a list of content parts becomes parts. */
function outputOf(output: unknown): unknown {
  return Array.isArray(output) ? contentParts(output) : (output ?? null);
}

/** The tool name of a `<name>_call` item type. */
function toolName(type: string): string {
  return type.replace(/_call$/, "");
}

/** One input item as a message; undefined for an item l0 cannot read. */
function itemMessage(value: unknown): GenAiMessage | undefined {
  const item = fieldsOf(value);
  if (item === undefined) return undefined;
  const role = nameOf(item.role);
  const type = nameOf(item.type) ?? "message";
  if (role !== undefined && type === "message") return { role, parts: contentParts(item.content) };
  const id = stringOf(item.call_id) ?? stringOf(item.id);
  if (type === "function_call" || type === "custom_tool_call") {
    const name = nameOf(item.name);
    if (name === undefined) return undefined;
    const args =
      type === "function_call" && typeof item.arguments === "string" ? jsonOrString(item.arguments) : (item.arguments ?? item.input);
    return { role: "assistant", parts: [definedEntries({ type: "tool_call" as const, id, name, arguments: args })] };
  }
  if (CLIENT_TOOL_CALLS.has(type)) {
    return {
      role: "assistant",
      parts: [definedEntries({ type: "tool_call" as const, id, name: toolName(type), arguments: item.action ?? item.operation })],
    };
  }
  if (type.endsWith("_call_output")) {
    return { role: "tool", parts: [definedEntries({ type: "tool_call_response" as const, id, response: outputOf(item.output) })] };
  }
  if (type === "reasoning") return reasoningMessage(item);
  if (SERVER_TOOL_CALLS.has(type)) {
    const { type: _type, id: _id, status: _status, ...details } = item;
    const name = type === "mcp_list_tools" ? "mcp_list_tools" : toolName(type);
    return {
      role: "assistant",
      parts: [
        definedEntries({ type: "server_tool_call" as const, id: stringOf(item.id), name, server_tool_call: { ...details, type: name } }),
      ],
    };
  }
  return { role: role ?? "user", parts: [{ ...item, type }] };
}

/** A reasoning item's summary and content texts as reasoning parts; undefined when it has no text (encrypted only). */
function reasoningMessage(item: Fields): GenAiMessage | undefined {
  const parts: GenAiPart[] = [];
  for (const list of [item.summary, item.content]) {
    for (const entry of arrayOf(list) ?? []) {
      const text = stringOf(fieldsOf(entry)?.text);
      if (text !== undefined) parts.push({ type: "reasoning", content: text });
    }
  }
  return parts.length > 0 ? { role: "assistant", parts } : undefined;
}

/** Responses `input` as GenAI input messages: a string is one user message; items in order. */
export function responsesInputMessages(input: unknown): GenAiMessage[] | undefined {
  if (typeof input === "string") return userTextMessages(input);
  return messageListOf(input, itemMessage);
}

/** Responses `instructions` as system instructions. */
export function responsesSystemInstructions(instructions: unknown): GenAiPart[] | undefined {
  return typeof instructions === "string" ? [{ type: "text", content: instructions }] : undefined;
}

/** The Responses params' sampling and length parameters (`max_output_tokens`). */
export function responsesParameters(params: Fields): L0RequestParameters {
  return requestParametersOf(params, { maxTokens: "max_output_tokens", temperature: "temperature", topP: "top_p" });
}
