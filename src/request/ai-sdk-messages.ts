/**
 * Vercel AI SDK call options (`streamText`, `streamObject`) as GenAI facts: `prompt` / `messages`
 * as input messages, `system` as system instructions, the call settings as parameters. Reads the
 * AI SDK 5/6 shapes (`input` / `output` of tool parts, `maxOutputTokens`) and the 4.x ones (`args`,
 * `result`, `maxTokens`).
 * @packageDocumentation
 */
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import { blobPart, dataPart, filePart, modalityOf, urlPart } from "./media-parts.js";
import { contentPartsOf, messageListOf, roleMessageOf, stringPart, userTextMessages } from "./message-lists.js";
import { arrayOf, definedEntries, fieldsOf, nameOf, stringOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import type { L0RequestParameters } from "./description-types.js";
import { requestParametersOf, sameNamedFields } from "./request-parameters.js";

/** One item of a tool result's `content` output as a part. */
function outputContentPart(value: unknown): GenAiPart | undefined {
  const item = fieldsOf(value);
  const type = nameOf(item?.type);
  if (item === undefined || type === undefined) return undefined;
  const mimeType = stringOf(item.mediaType);
  const data = stringOf(item.data);
  const url = stringOf(item.url);
  const fileId = stringOf(item.fileId);
  if (type === "text" && typeof item.text === "string") return { type: "text", content: item.text };
  if ((type === "media" || type === "file-data" || type === "image-data") && data !== undefined) {
    return blobPart(data, type === "image-data" ? "image" : modalityOf(mimeType), mimeType);
  }
  if ((type === "file-url" || type === "image-url") && url !== undefined)
    return urlPart(url, type === "image-url" ? "image" : undefined, mimeType);
  if ((type === "file-id" || type === "image-file-id") && fileId !== undefined)
    return filePart(fileId, type === "image-file-id" ? "image" : modalityOf(mimeType), mimeType);
  return { ...item, type };
}

/** A tool result's output: the value of a text/json/error output, content outputs as parts, else as given. */
function toolOutputOf(part: Fields): unknown {
  if (!("output" in part)) return part.result ?? null;
  const output = fieldsOf(part.output);
  if (output === undefined) return part.output ?? null;
  if (output.type === "content") return (arrayOf(output.value) ?? []).flatMap((item) => outputContentPart(item) ?? []);
  return "value" in output ? output.value : output;
}

/** One content part of an AI SDK message. */
function messagePart(part: Fields, type: string): GenAiPart | undefined {
  const mimeType = stringOf(part.mediaType) ?? stringOf(part.mimeType);
  switch (type) {
    case "text":
    case "reasoning":
      return stringPart(type, part.text);
    case "image":
      return dataPart(part.image, "image", mimeType);
    case "file":
      return dataPart(part.data, undefined, mimeType);
    case "tool-call": {
      const name = nameOf(part.toolName);
      if (name === undefined) return undefined;
      const id = stringOf(part.toolCallId);
      const input = "input" in part ? part.input : part.args;
      if (part.providerExecuted === true)
        return definedEntries({ type: "server_tool_call" as const, id, name, server_tool_call: { type: name, input } });
      return definedEntries({ type: "tool_call" as const, id, name, arguments: input });
    }
    case "tool-result":
      return definedEntries({ type: "tool_call_response" as const, id: stringOf(part.toolCallId), response: toolOutputOf(part) });
    default:
      return { ...part, type };
  }
}

/** A message's content: a string, or parts. */
function contentParts(content: unknown): GenAiPart[] {
  return contentPartsOf(content, messagePart);
}

/** One AI SDK message; undefined when it has no role. */
function modelMessage(value: unknown): GenAiMessage | undefined {
  return roleMessageOf(value, contentParts);
}

/** `prompt` (a string or messages) or `messages` as input messages, in order (entries without a role are left out). */
export function aiSdkInputMessages(options: Fields): GenAiMessage[] | undefined {
  if (typeof options.prompt === "string") return userTextMessages(options.prompt);
  return messageListOf(arrayOf(options.prompt) ?? options.messages, modelMessage);
}

/** `system` (a string, a system message, or a list of them) as system instructions. */
export function aiSdkSystemInstructions(system: unknown): GenAiPart[] | undefined {
  if (system === undefined || system === null) return undefined;
  const items = Array.isArray(system) ? system : [system];
  const parts: GenAiPart[] = [];
  for (const item of items) {
    const content = typeof item === "string" ? item : fieldsOf(item)?.content;
    parts.push(...contentParts(content));
  }
  return parts;
}

/** The call settings as parameters: they carry l0's parameter names, but for `maxOutputTokens` (4.x `maxTokens`). */
export function aiSdkParameters(options: Fields): L0RequestParameters {
  return requestParametersOf(options, {
    maxTokens: ["maxOutputTokens", "maxTokens"],
    ...sameNamedFields("temperature", "topP", "topK", "stopSequences", "seed", "frequencyPenalty", "presencePenalty"),
  });
}
