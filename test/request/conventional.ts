/**
 * Checks converted messages against the GenAI conventions' vendored message JSON schema
 * (`gen-ai-output-messages.json`: its part definitions are those of the input schema) and against
 * l0's own description checker. A part of a known `type` is validated against that type's
 * definition (not the catch-all generic part), so a text part without `content` fails.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { validateJson } from "../semconv/json-schema-lite.js";
import { readDescription } from "../../src/request/read-description.js";
import type { GenAiMessage, GenAiPart } from "../../src/request/genai-messages.js";
import type { L0RequestDescription } from "../../src/request/request-description.js";

const SCHEMA = JSON.parse(
  readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), "..", "semconv", "model", "v0.1.0", "gen-ai", "gen-ai-output-messages.json"),
    "utf8",
  ),
) as { $defs: Record<string, { properties?: { type?: { const?: string } } }> };

/** The schema definition of a part `type`, or the generic part. */
function partDefinition(type: string): string {
  const found = Object.entries(SCHEMA.$defs).find(([name, def]) => name.endsWith("Part") && def.properties?.type?.const === type);
  return found?.[0] ?? "GenericPart";
}

/** Schema errors of one part. */
function partErrors(part: GenAiPart, path: string): string[] {
  const report = validateJson({ ...SCHEMA, $ref: `#/$defs/${partDefinition(part.type)}` }, part);
  return report.errors.map((error) => error.replace(/^\$/, path));
}

/** Text parts with `contents`, as l0 describes system instructions and plain text messages. */
export function textParts(...contents: string[]): GenAiPart[] {
  return contents.map((content) => ({ type: "text", content }));
}

/** Asserts that `messages` and `system` follow the conventions' structure and pass l0's checker. */
export function expectConventional(messages: readonly GenAiMessage[] | undefined, system?: readonly GenAiPart[]): void {
  const errors: string[] = [];
  (messages ?? []).forEach((message, i) => {
    const report = validateJson({ ...SCHEMA, $ref: "#/$defs/OutputMessage" }, message);
    errors.push(...report.errors.map((error) => error.replace(/^\$/, `messages[${i}]`)));
    expect(message, "input messages carry no finish_reason").not.toHaveProperty("finish_reason");
    message.parts.forEach((part, j) => errors.push(...partErrors(part, `messages[${i}].parts[${j}]`)));
  });
  (system ?? []).forEach((part, i) => errors.push(...partErrors(part, `system[${i}]`)));
  expect(errors).toEqual([]);
  const description: L0RequestDescription = {};
  if (messages !== undefined) description.inputMessages = [...messages];
  if (system !== undefined) description.systemInstructions = [...system];
  expect(readDescription(description)).toEqual({ description });
}
