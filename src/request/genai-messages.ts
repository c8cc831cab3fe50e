/**
 * The message structure of the GenAI semantic conventions (`gen_ai.input.messages`,
 * `gen_ai.system_instructions`): a message is a role and a list of typed parts. The types follow the
 * conventions' JSON schemas (`gen-ai-input-messages.json`, `gen-ai-system-instructions.json`);
 * every part may carry more properties, as the schemas allow.
 * @packageDocumentation
 */

/** The conventions' modalities; any other string is allowed. */
export type GenAiModality = "image" | "video" | "audio" | "document" | (string & {});

/** The conventions' roles; any other string (e.g. OpenAI's `developer`) is allowed. */
export type GenAiRole = "system" | "user" | "assistant" | "tool" | (string & {});

/** Text sent to the model. */
export interface GenAiTextPart {
  type: "text";
  /** The text. */
  content: string;
}

/** A tool call the model requested (in the history sent back to it). */
export interface GenAiToolCallPart {
  type: "tool_call";
  /** The call's id, when the provider gave one. */
  id?: string | null;
  /** The tool's name. */
  name: string;
  /** The call's arguments: an object when they were JSON, else as the provider had them. */
  arguments?: unknown;
}

/** The result of a tool call, sent to the model. */
export interface GenAiToolCallResponsePart {
  type: "tool_call_response";
  /** The id of the call this answers. */
  id?: string | null;
  /** The result. */
  response: unknown;
}

/** A tool call the provider executed itself (web search, code interpreter...). */
export interface GenAiServerToolCallPart {
  type: "server_tool_call";
  id?: string | null;
  /** The server tool's name. */
  name: string;
  /** The call's details; `type` names the tool kind. */
  server_tool_call: { type: string; [key: string]: unknown };
}

/** The outcome of a tool call the provider executed itself. */
export interface GenAiServerToolCallResponsePart {
  type: "server_tool_call_response";
  id?: string | null;
  /** The outcome's details; `type` names the tool kind. */
  server_tool_call_response: { type: string; [key: string]: unknown };
}

/** Binary data sent inline (base64). */
export interface GenAiBlobPart {
  type: "blob";
  /** The IANA media type, when known. */
  mime_type?: string | null;
  modality: GenAiModality;
  /** The data, base64-encoded. */
  content: string;
}

/** A file uploaded to the provider beforehand, referenced by id. */
export interface GenAiFilePart {
  type: "file";
  mime_type?: string | null;
  modality: GenAiModality;
  /** The provider's file id. */
  file_id: string;
}

/** Data referenced by URI. */
export interface GenAiUriPart {
  type: "uri";
  mime_type?: string | null;
  modality: GenAiModality;
  /** The URI (never a base64 `data:` URL: that is a blob). */
  uri: string;
}

/** Reasoning (thinking) content. */
export interface GenAiReasoningPart {
  type: "reasoning";
  content: string;
}

/** Any other part: a `type` and whatever properties it has. */
export interface GenAiGenericPart {
  type: string;
  [key: string]: unknown;
}

/** One part of a message or of the system instructions. */
export type GenAiPart =
  | GenAiTextPart
  | GenAiToolCallPart
  | GenAiToolCallResponsePart
  | GenAiServerToolCallPart
  | GenAiServerToolCallResponsePart
  | GenAiBlobPart
  | GenAiFilePart
  | GenAiUriPart
  | GenAiReasoningPart
  | GenAiGenericPart;

/** One input message: who sent it and its parts, in order. */
export interface GenAiMessage {
  role: GenAiRole;
  parts: GenAiPart[];
  /** The participant's name, when the request named one. */
  name?: string | null;
}
