/**
 * The shapes every provider's request messages share, read once: content that is a string or a
 * list of parts, a list of messages, a message with a role and content, a string as a text part.
 * @packageDocumentation
 */
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import { arrayOf, fieldsOf, nameOf, stringOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";

/** Reads one provider part (or block), an object of the named `type`, as a part, several parts, or none. */
export type PartReader = (part: Fields, type: string) => GenAiPart | GenAiPart[] | undefined;

/**
 * Message content: a string is one text part; a list gives the parts `read` makes of its items
 * that are objects with a `type` name (any other item gives none), in order.
 */
export function contentPartsOf(content: unknown, read: PartReader): GenAiPart[] {
  if (typeof content === "string") return [{ type: "text", content }];
  return (arrayOf(content) ?? []).flatMap((value) => {
    const part = fieldsOf(value);
    const type = nameOf(part?.type);
    return part === undefined || type === undefined ? [] : (read(part, type) ?? []);
  });
}

/** A list of messages, each read by `read` (undefined ones left out); undefined when `list` is not a list. */
export function messageListOf(list: unknown, read: (value: unknown) => GenAiMessage | undefined): GenAiMessage[] | undefined {
  const items = arrayOf(list);
  if (items === undefined) return undefined;
  const out: GenAiMessage[] = [];
  for (const value of items) {
    const message = read(value);
    if (message !== undefined) out.push(message);
  }
  return out;
}

/** A `{ role, content }` message with its content read by `partsOf`; undefined when it has no role. */
export function roleMessageOf(value: unknown, partsOf: (content: unknown) => GenAiPart[]): GenAiMessage | undefined {
  const message = fieldsOf(value);
  const role = nameOf(message?.role);
  return message === undefined || role === undefined ? undefined : { role, parts: partsOf(message.content) };
}

/** A prompt string as the one user message. */
export function userTextMessages(text: string): GenAiMessage[] {
  return [{ role: "user", parts: [{ type: "text", content: text }] }];
}

/** A string field as a `text`, `refusal` or `reasoning` part; undefined when it is not a string. */
export function stringPart(type: "text" | "refusal" | "reasoning", value: unknown): GenAiPart | undefined {
  const content = stringOf(value);
  return content === undefined ? undefined : { type, content };
}
