/**
 * OpenAI chat-completions params as GenAI facts: `messages` as input messages (system and
 * developer messages stay in the history, as the conventions' OpenAI examples record them), and
 * the sampling parameters.
 * @packageDocumentation
 */
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import { fileDataPart, filePart, inputAudioPart, urlPart } from "./media-parts.js";
import { contentPartsOf, messageListOf, stringPart } from "./message-lists.js";
import { arrayOf, definedEntries, fieldsOf, jsonOrString, nameOf, stringOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import type { L0RequestParameters } from "./description-types.js";
import { requestParametersOf } from "./request-parameters.js";

/** One content part of a chat message. */
function chatPart(part: Fields, type: string): GenAiPart | undefined {
  switch (type) {
    case "text":
      return stringPart("text", part.text);
    case "refusal":
      return stringPart("refusal", part.refusal);
    case "image_url": {
      const url = nameOf(fieldsOf(part.image_url)?.url);
      return url === undefined ? undefined : urlPart(url, "image");
    }
    case "input_audio":
      return inputAudioPart(part.input_audio);
    case "file": {
      const file = fieldsOf(part.file);
      const id = nameOf(file?.file_id);
      if (id !== undefined) return filePart(id, "document");
      const data = nameOf(file?.file_data);
      return data === undefined ? undefined : fileDataPart(data);
    }
    default:
      return { ...part, type };
  }
}

/** A chat message's `content`: a string, a list of parts, or null. */
function chatContentParts(content: unknown): GenAiPart[] {
  return contentPartsOf(content, chatPart);
}

/** A tool result's content as the response: the string, or the text of its parts joined. */
function toolResponseOf(content: unknown): unknown {
  if (typeof content === "string") return content;
  const parts = arrayOf(content);
  if (parts === undefined) return content;
  return parts.map((part) => stringOf(fieldsOf(part)?.text) ?? "").join("");
}

/** The assistant's tool calls (function and custom) and legacy `function_call` as `tool_call` parts. */
function toolCallParts(message: Fields): GenAiPart[] {
  const parts: GenAiPart[] = [];
  for (const value of arrayOf(message.tool_calls) ?? []) {
    const call = fieldsOf(value);
    if (call === undefined) continue;
    const id = stringOf(call.id);
    const fn = fieldsOf(call.function);
    const custom = fieldsOf(call.custom);
    const name = nameOf(fn?.name) ?? nameOf(custom?.name);
    if (name === undefined) continue;
    const args = fn !== undefined ? fn.arguments : custom?.input;
    parts.push(
      definedEntries({
        type: "tool_call" as const,
        id,
        name,
        arguments: typeof args === "string" && fn !== undefined ? jsonOrString(args) : args,
      }),
    );
  }
  const legacy = fieldsOf(message.function_call);
  const legacyName = nameOf(legacy?.name);
  if (legacy !== undefined && legacyName !== undefined) {
    const args = legacy.arguments;
    parts.push(
      definedEntries({ type: "tool_call" as const, name: legacyName, arguments: typeof args === "string" ? jsonOrString(args) : args }),
    );
  }
  return parts;
}

/** One chat message as a GenAI message; undefined when it has no role. */
function chatMessage(value: unknown): GenAiMessage | undefined {
  const message = fieldsOf(value);
  const role = nameOf(message?.role);
  if (message === undefined || role === undefined) return undefined;
  const name = stringOf(message.name);
  if (role === "tool" || role === "function") {
    const id = role === "tool" ? stringOf(message.tool_call_id) : undefined;
    const response: GenAiPart = definedEntries({
      type: "tool_call_response" as const,
      id,
      response: toolResponseOf(message.content) ?? null,
    });
    return definedEntries({ role: "tool", parts: [response], name });
  }
  const parts = chatContentParts(message.content);
  if (role === "assistant") {
    const refusal = stringOf(message.refusal);
    if (refusal !== undefined && !parts.some((part) => part.type === "refusal")) parts.push({ type: "refusal", content: refusal });
    parts.push(...toolCallParts(message));
    const audioId = stringOf(fieldsOf(message.audio)?.id);
    if (audioId !== undefined) parts.push({ type: "audio", id: audioId });
  }
  return definedEntries({ role, parts, name });
}

/** Chat `messages` as GenAI input messages, in order (entries without a role are left out). */
export function chatInputMessages(messages: unknown): GenAiMessage[] | undefined {
  return messageListOf(messages, chatMessage);
}

/** The chat params' sampling and length parameters (`max_completion_tokens` before the older `max_tokens`). */
export function chatParameters(params: Fields): L0RequestParameters {
  return requestParametersOf(params, {
    maxTokens: ["max_completion_tokens", "max_tokens"],
    temperature: "temperature",
    topP: "top_p",
    stopSequences: "stop",
    seed: "seed",
    frequencyPenalty: "frequency_penalty",
    presencePenalty: "presence_penalty",
    choiceCount: "n",
  });
}
