/**
 * Checks a request description and copies it: one pass that either returns the copy or the first
 * problem (field path, message). `describeRequest` throws the problem; `requestOf` ignores a
 * description that has one. Messages and parts may carry extra properties (the conventions' schemas
 * allow them); the description itself and its `parameters` may not (a misspelt key is a mistake).
 * @packageDocumentation
 */
import { closestKey } from "../options/known-keys.js";
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";
import type { L0RequestDescription, L0RequestParameters } from "./description-types.js";

/** What is wrong with a description: the field, a sentence, and the value when it is not content. */
export interface DescriptionProblem {
  field: string;
  message: string;
  /** The offending value; absent for message content (never echoed). */
  value?: unknown;
}

/** The keys of {@link L0RequestDescription}. */
const DESCRIPTION_KEYS = ["provider", "model", "serverAddress", "serverPort", "parameters", "inputMessages", "systemInstructions"] as const;

/** The keys of {@link L0RequestParameters}. */
const PARAMETER_KEYS = [
  "maxTokens",
  "temperature",
  "topP",
  "topK",
  "stopSequences",
  "seed",
  "frequencyPenalty",
  "presencePenalty",
  "choiceCount",
] as const;

/** Thrown inside the reader to stop at the first problem; never escapes this module. */
class Stop extends Error {
  constructor(readonly problem: DescriptionProblem) {
    super(problem.message);
  }
}

function shown(value: unknown): string {
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Stops with "expected X, got Y"; content fields show only the kind of value. */
function fail(field: string, value: unknown, expected: string, content = false): never {
  const got = content ? kindOf(value) : shown(value);
  const message = `Invalid option "${field}": expected ${expected}, got ${got}`;
  throw new Stop(content ? { field, message } : { field, message, value });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const field = path === "" ? key : `${path}.${key}`;
    const suggestion = closestKey(key, known);
    const hint =
      suggestion === undefined
        ? `known options: ${known.join(", ")}`
        : `did you mean "${path === "" ? suggestion : `${path}.${suggestion}`}"?`;
    throw new Stop({ field, message: `Unknown option "${field}": ${hint}`, value: value[key] });
  }
}

function nonEmptyString(value: unknown, field: string, content = false): string {
  if (typeof value !== "string" || value === "") fail(field, value, "a non-empty string", content);
  return value;
}

function optionalString(part: Record<string, unknown>, key: string, field: string): void {
  const value = part[key];
  if (value !== undefined && value !== null && typeof value !== "string") fail(`${field}.${key}`, value, "a string or null", true);
}

function finite(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(field, value, "a finite number");
  return value;
}

function integer(value: unknown, field: string, min: number, expected: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) fail(field, value, expected);
  return value;
}

function readParameters(value: unknown): L0RequestParameters {
  if (!isRecord(value)) fail("parameters", value, "an object");
  checkKeys(value, PARAMETER_KEYS, "parameters");
  const out: L0RequestParameters = {};
  const at = (key: string): string => `parameters.${key}`;
  if (value.maxTokens !== undefined) out.maxTokens = integer(value.maxTokens, at("maxTokens"), 0, "a non-negative integer");
  if (value.temperature !== undefined) out.temperature = finite(value.temperature, at("temperature"));
  if (value.topP !== undefined) out.topP = finite(value.topP, at("topP"));
  if (value.topK !== undefined) out.topK = integer(value.topK, at("topK"), 0, "a non-negative integer");
  if (value.stopSequences !== undefined) {
    const stops = value.stopSequences;
    if (!Array.isArray(stops)) fail(at("stopSequences"), stops, "an array of strings", true);
    out.stopSequences = stops.map((stop: unknown, i) => {
      if (typeof stop !== "string") fail(`${at("stopSequences")}[${i}]`, stop, "a string", true);
      return stop;
    });
  }
  if (value.seed !== undefined) out.seed = integer(value.seed, at("seed"), Number.MIN_SAFE_INTEGER, "an integer");
  if (value.frequencyPenalty !== undefined) out.frequencyPenalty = finite(value.frequencyPenalty, at("frequencyPenalty"));
  if (value.presencePenalty !== undefined) out.presencePenalty = finite(value.presencePenalty, at("presencePenalty"));
  if (value.choiceCount !== undefined) out.choiceCount = integer(value.choiceCount, at("choiceCount"), 1, "a positive integer");
  return out;
}

function requireObject(part: Record<string, unknown>, key: string, field: string): void {
  const inner = part[key];
  if (!isRecord(inner)) fail(`${field}.${key}`, inner, "an object with a string `type`", true);
  nonEmptyString(inner.type, `${field}.${key}.type`, true);
}

/** Checks one part against the required fields of its type; returns a shallow copy. */
function readPart(value: unknown, field: string): GenAiPart {
  if (!isRecord(value)) fail(field, value, "a part object with a `type`", true);
  const type = nonEmptyString(value.type, `${field}.type`, true);
  const text = (key: string): void => {
    if (typeof value[key] !== "string") fail(`${field}.${key}`, value[key], "a string", true);
  };
  switch (type) {
    case "text":
    case "reasoning":
      text("content");
      break;
    case "tool_call":
      nonEmptyString(value.name, `${field}.name`, true);
      optionalString(value, "id", field);
      break;
    case "tool_call_response":
      if (!("response" in value)) fail(`${field}.response`, undefined, "the tool's response", true);
      optionalString(value, "id", field);
      break;
    case "server_tool_call":
      nonEmptyString(value.name, `${field}.name`, true);
      optionalString(value, "id", field);
      requireObject(value, "server_tool_call", field);
      break;
    case "server_tool_call_response":
      optionalString(value, "id", field);
      requireObject(value, "server_tool_call_response", field);
      break;
    case "blob":
    case "file":
    case "uri":
      nonEmptyString(value.modality, `${field}.modality`, true);
      optionalString(value, "mime_type", field);
      text(type === "blob" ? "content" : type === "file" ? "file_id" : "uri");
      break;
    default:
      break;
  }
  return { ...value } as GenAiPart;
}

function readParts(value: unknown, field: string): GenAiPart[] {
  if (!Array.isArray(value)) fail(field, value, "an array of parts", true);
  return value.map((part: unknown, i) => readPart(part, `${field}[${i}]`));
}

function readMessage(value: unknown, field: string): GenAiMessage {
  if (!isRecord(value)) fail(field, value, "a message object ({ role, parts })", true);
  const role = nonEmptyString(value.role, `${field}.role`, true);
  const message: GenAiMessage = { role, parts: readParts(value.parts, `${field}.parts`) };
  if (value.name !== undefined) {
    if (value.name !== null && typeof value.name !== "string") fail(`${field}.name`, value.name, "a string or null", true);
    message.name = value.name;
  }
  return message;
}

function readAll(value: unknown): L0RequestDescription {
  if (!isRecord(value)) fail("description", value, "an object");
  checkKeys(value, DESCRIPTION_KEYS, "");
  const out: L0RequestDescription = {};
  if (value.provider !== undefined) out.provider = nonEmptyString(value.provider, "provider");
  if (value.model !== undefined) out.model = nonEmptyString(value.model, "model");
  if (value.serverAddress !== undefined) out.serverAddress = nonEmptyString(value.serverAddress, "serverAddress");
  if (value.serverPort !== undefined) out.serverPort = integer(value.serverPort, "serverPort", 1, "an integer from 1 to 65535");
  if (out.serverPort !== undefined && out.serverPort > 65535) fail("serverPort", out.serverPort, "an integer from 1 to 65535");
  if (value.parameters !== undefined) out.parameters = readParameters(value.parameters);
  if (value.inputMessages !== undefined) {
    const messages = value.inputMessages;
    if (!Array.isArray(messages)) fail("inputMessages", messages, "an array of messages", true);
    out.inputMessages = messages.map((message: unknown, i) => readMessage(message, `inputMessages[${i}]`));
  }
  if (value.systemInstructions !== undefined) out.systemInstructions = readParts(value.systemInstructions, "systemInstructions");
  return out;
}

/**
 * Reads a description: its checked copy (fields left `undefined` are dropped), or the first problem.
 * Never throws.
 */
export function readDescription(value: unknown): { description: L0RequestDescription } | { problem: DescriptionProblem } {
  try {
    return { description: readAll(value) };
  } catch (error) {
    if (error instanceof Stop) return { problem: error.problem };
    return { problem: { field: "description", message: `Invalid option "description": ${String(error)}` } };
  }
}
