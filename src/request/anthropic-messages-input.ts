/**
 * Anthropic Messages params as GenAI facts: `messages` (string or content blocks) as input
 * messages, `system` as system instructions, and the sampling parameters.
 * @packageDocumentation
 */
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import { blobPart, filePart, urlPart } from "./media-parts.js";
import { contentPartsOf, messageListOf, roleMessageOf, stringPart } from "./message-lists.js";
import { definedEntries, fieldsOf, nameOf, stringOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import type { L0RequestParameters } from "./description-types.js";
import { requestParametersOf } from "./request-parameters.js";

/** An image or document `source` (base64, url, file; a document's text or content too). */
function sourceParts(source: Fields | undefined, modality: "image" | "document"): GenAiPart | GenAiPart[] {
  const mimeType = stringOf(source?.media_type);
  switch (source?.type) {
    case "base64": {
      const data = stringOf(source.data);
      return data === undefined ? [] : [blobPart(data, modality, mimeType)];
    }
    case "url": {
      const url = nameOf(source.url);
      return url === undefined ? [] : [urlPart(url, modality, mimeType)];
    }
    case "file": {
      const id = nameOf(source.file_id);
      return id === undefined ? [] : [filePart(id, modality, mimeType)];
    }
    case "text":
      return stringPart("text", source.data) ?? [];
    case "content":
      return contentParts(source.content);
    default:
      return [];
  }
}

/** A tool result's `content`: the string, or its blocks as parts. */
function toolResultOf(content: unknown): unknown {
  if (content === undefined || content === null) return "";
  return typeof content === "string" ? content : contentParts(content);
}

/** One content block as parts (a document with `content` source gives several). */
function blockParts(block: Fields, type: string): GenAiPart | GenAiPart[] {
  switch (type) {
    case "text":
      return stringPart("text", block.text) ?? [];
    case "image":
    case "document":
      return sourceParts(fieldsOf(block.source), type);
    case "tool_use": {
      const name = nameOf(block.name);
      return name === undefined
        ? []
        : [definedEntries({ type: "tool_call" as const, id: stringOf(block.id), name, arguments: block.input })];
    }
    case "tool_result":
      return [
        definedEntries({ type: "tool_call_response" as const, id: stringOf(block.tool_use_id), response: toolResultOf(block.content) }),
      ];
    case "thinking":
      return stringPart("reasoning", block.thinking) ?? [];
    case "redacted_thinking":
      return [{ type: "redacted_thinking" }];
    case "server_tool_use":
    case "mcp_tool_use": {
      const name = nameOf(block.name);
      if (name === undefined) return [];
      const call = definedEntries({
        type: type === "mcp_tool_use" ? "mcp" : name,
        server_name: stringOf(block.server_name),
        input: block.input,
      });
      return [definedEntries({ type: "server_tool_call" as const, id: stringOf(block.id), name, server_tool_call: call })];
    }
    default:
      if (type.endsWith("_tool_result")) {
        const response = { type: type.replace(/_tool_result$/, "") || type, content: block.content };
        return [
          definedEntries({
            type: "server_tool_call_response" as const,
            id: stringOf(block.tool_use_id),
            server_tool_call_response: response,
          }),
        ];
      }
      return [{ ...block, type }];
  }
}

/** Message content (a string or blocks) as parts. */
function contentParts(content: unknown): GenAiPart[] {
  return contentPartsOf(content, blockParts);
}

/** One Anthropic message; undefined when it has no role. */
function message(value: unknown): GenAiMessage | undefined {
  return roleMessageOf(value, contentParts);
}

/** Anthropic `messages` as GenAI input messages, in order (entries without a role are left out). */
export function anthropicInputMessages(messages: unknown): GenAiMessage[] | undefined {
  return messageListOf(messages, message);
}

/** Anthropic `system` (a string or text blocks) as system instructions. */
export function anthropicSystemInstructions(system: unknown): GenAiPart[] | undefined {
  if (system === undefined || system === null) return undefined;
  return contentParts(system);
}

/** The Messages params' sampling and length parameters. */
export function anthropicParameters(params: Fields): L0RequestParameters {
  return requestParametersOf(params, {
    maxTokens: "max_tokens",
    temperature: "temperature",
    topP: "top_p",
    topK: "top_k",
    stopSequences: "stop_sequences",
  });
}
