/**
 * OpenAI chat-completions params as GenAI facts: `messages` as input messages (system and
 * developer messages stay in the history, as the conventions' OpenAI examples record them), and
 * the sampling parameters.
 * @packageDocumentation
 */
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import { blobPart, filePart, urlPart } from "./media-parts.js";
import { arrayOf, definedEntries, fieldsOf, integerOf, jsonOrString, nameOf, numberOf, stopSequencesOf, stringOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import type { L0RequestParameters } from "./description-types.js";

/** Media types of the chat API's `input_audio.format` values. */
const AUDIO_TYPES: Readonly<Record<string, string>> = { wav: "audio/wav", mp3: "audio/mpeg" };

/** One content part of a chat message. */
function chatPart(value: unknown): GenAiPart | undefined {
  const part = fieldsOf(value);
  const type = nameOf(part?.type);
  if (part === undefined || type === undefined) return undefined;
  switch (type) {
    case "text": {
      const text = stringOf(part.text);
      return text === undefined ? undefined : { type: "text", content: text };
    }
    case "refusal": {
      const refusal = stringOf(part.refusal);
      return refusal === undefined ? undefined : { type: "refusal", content: refusal };
    }
    case "image_url": {
      const url = nameOf(fieldsOf(part.image_url)?.url);
      return url === undefined ? undefined : urlPart(url, "image");
    }
    case "input_audio": {
      const audio = fieldsOf(part.input_audio);
      const data = stringOf(audio?.data);
      const format = stringOf(audio?.format);
      return data === undefined ? undefined : blobPart(data, "audio", format === undefined ? undefined : (AUDIO_TYPES[format] ?? `audio/${format}`));
    }
    case "file": {
      const file = fieldsOf(part.file);
      const id = nameOf(file?.file_id);
      if (id !== undefined) return filePart(id, "document");
      const data = nameOf(file?.file_data);
      if (data === undefined) return undefined;
      return data.startsWith("data:") ? urlPart(data, "document") : blobPart(data, "document");
    }
    default:
      return { ...part, type };
  }
}

/** A chat message's `content`: a string, a list of parts, or null. */
export function chatContentParts(content: unknown): GenAiPart[] {
  if (typeof content === "string") return [{ type: "text", content }];
  const parts: GenAiPart[] = [];
  for (const item of arrayOf(content) ?? []) {
    const part = chatPart(item);
    if (part !== undefined) parts.push(part);
  }
  return parts;
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
    parts.push(definedEntries({ type: "tool_call" as const, id, name, arguments: typeof args === "string" && fn !== undefined ? jsonOrString(args) : args }));
  }
  const legacy = fieldsOf(message.function_call);
  const legacyName = nameOf(legacy?.name);
  if (legacy !== undefined && legacyName !== undefined) {
    const args = legacy.arguments;
    parts.push(definedEntries({ type: "tool_call" as const, name: legacyName, arguments: typeof args === "string" ? jsonOrString(args) : args }));
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
    const response: GenAiPart = definedEntries({ type: "tool_call_response" as const, id, response: toolResponseOf(message.content) ?? null });
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
  const list = arrayOf(messages);
  if (list === undefined) return undefined;
  const out: GenAiMessage[] = [];
  for (const value of list) {
    const message = chatMessage(value);
    if (message !== undefined) out.push(message);
  }
  return out;
}

/** The chat params' sampling and length parameters (`max_completion_tokens` before the older `max_tokens`). */
export function chatParameters(params: Fields): L0RequestParameters {
  return definedEntries({
    maxTokens: integerOf(params.max_completion_tokens, 0) ?? integerOf(params.max_tokens, 0),
    temperature: numberOf(params.temperature),
    topP: numberOf(params.top_p),
    stopSequences: stopSequencesOf(params.stop),
    seed: integerOf(params.seed),
    frequencyPenalty: numberOf(params.frequency_penalty),
    presencePenalty: numberOf(params.presence_penalty),
    choiceCount: integerOf(params.n, 1),
  });
}
