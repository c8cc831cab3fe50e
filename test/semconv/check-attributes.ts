/**
 * Attribute-level checks shared by spans, metrics and events: is the key a convention attribute,
 * is it known and not deprecated, does the value have the model's type, is an enum value a
 * misspelt well-known value, do JSON content attributes follow their schema; and are l0's own
 * `l0.*` names documented in semconv.md.
 */
import { readFileSync } from "node:fs";
import { cellNames, documents, repoFile } from "../telemetry/doc-tables.js";
import type { Findings } from "./findings.js";
import { validateJson } from "./json-schema-lite.js";
import { modelDir, type AttributeDef, type SemconvModel, type SignalDef } from "./semconv-model.js";

/** Where an attribute was recorded: span attributes may hold JSON strings, events must be structured. */
export type Carrier = "span" | "span event" | "metric" | "log record";

/** Keys checked against the model: the GenAI namespace and the core attributes it borrows. */
export function isConventionKey(key: string): boolean {
  return key.startsWith("gen_ai.") || key.startsWith("server.") || key === "error.type";
}

/** The registry entry of `key` (template attributes match `<key>.<name>`). */
function findAttribute(model: SemconvModel, key: string): AttributeDef | undefined {
  const exact = model.attributes.get(key);
  if (exact !== undefined) return exact;
  for (const def of model.attributes.values()) if (def.type.startsWith("template[") && key.startsWith(`${def.key}.`)) return def;
  return undefined;
}

const SCHEMAS = new Map<string, Record<string, unknown>>();

function schemaFor(path: string): Record<string, unknown> | undefined {
  // The registry names repository paths (`model/gen-ai/...json`); only the output messages schema is vendored.
  const file = path.split("/").at(-1)!;
  if (!SCHEMAS.has(file)) {
    try {
      SCHEMAS.set(file, JSON.parse(readFileSync(`${modelDir("v0.1.0/gen-ai")}/${file}`, "utf8")) as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }
  return SCHEMAS.get(file);
}

function scalarMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
    case "enum":
    case "template[string]":
      return typeof value === "string";
    case "int":
      return typeof value === "number" && Number.isInteger(value);
    case "double":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return false;
  }
}

function describeValue(value: unknown): string {
  return Array.isArray(value) ? `array ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;
}

const normalize = (s: string): string => s.toLowerCase().replace(/[-_ ]/g, "");

/**
 * Checks one convention attribute recorded at `where` on `carrier`; `signal` is the definition the
 * carrier must follow (its attribute set), undefined when the carrier is no convention signal.
 */
export function checkAttribute(
  model: SemconvModel,
  findings: Findings,
  carrier: Carrier,
  signal: SignalDef | undefined,
  key: string,
  value: unknown,
  where: string,
): void {
  const def = findAttribute(model, key);
  if (def === undefined) {
    findings.add(`attr.unknown ${key}`, `"${key}" is not an attribute of the targeted conventions (renamed or removed?)`, where);
    return;
  }
  if (def.deprecated !== undefined) findings.add(`attr.deprecated ${key}`, `"${key}" is deprecated: ${def.deprecated}`, where);
  if (signal !== undefined && !signal.attributes.has(def.key)) {
    findings.add(
      `attr.not-in-signal ${signal.name} ${key}`,
      `"${key}" is not one of the attributes of ${signal.name} (${signal.source})`,
      where,
    );
  }
  if (def.type === "any") {
    checkStructured(def, carrier, value, where, findings);
    return;
  }
  const arrayOf = /^(.+)\[\]$/.exec(def.type)?.[1];
  const ok = arrayOf === undefined ? scalarMatches(def.type, value) : Array.isArray(value) && value.every((v) => scalarMatches(arrayOf, v));
  if (!ok) {
    findings.add(`attr.type ${key}`, `"${key}" must be ${def.type}, is ${describeValue(value)}`, where);
    return;
  }
  if (def.members !== undefined && typeof value === "string" && !def.members.includes(value)) {
    const near = def.members.find((m) => normalize(m) === normalize(value));
    if (near !== undefined) {
      findings.add(`attr.enum-spelling ${key}`, `"${key}" = "${value}" spells the well-known value "${near}" differently`, where);
    }
  }
}

function checkStructured(def: AttributeDef, carrier: Carrier, value: unknown, where: string, findings: Findings): void {
  let parsed = value;
  // An attribute whose examples are plain text takes a plain string as its value (an AnyValue
  // string); a serialized object or array is still a structure written as a string.
  if (typeof value === "string" && def.textExamples && !serializedStructure(value)) return;
  if (typeof value === "string") {
    if (carrier === "log record") {
      findings.add(`attr.structured ${def.key}`, `"${def.key}" MUST be recorded in structured form on events, not as a JSON string`, where);
    }
    try {
      parsed = JSON.parse(value);
    } catch {
      findings.add(`attr.json ${def.key}`, `"${def.key}" is a string that is not JSON`, where);
      return;
    }
  }
  const schema = def.jsonSchema === undefined ? undefined : schemaFor(def.jsonSchema);
  if (schema === undefined) return;
  const report = validateJson(schema, parsed);
  if (report.errors.length > 0) {
    findings.add(
      `attr.schema ${def.key}`,
      `"${def.key}" does not follow ${def.jsonSchema}: ${report.errors.slice(0, 2).join("; ")}`,
      where,
    );
  }
  if (report.deprecated.length > 0) {
    const fields = [...new Set(report.deprecated.map((p) => p.replace(/\[\d+\]/g, "[]")))];
    findings.add(`attr.schema-deprecated ${def.key}`, `"${def.key}" uses fields ${def.jsonSchema} deprecates: ${fields.join(", ")}`, where);
  }
}

let documented: string[] | undefined;

/** Records a finding when an `l0.*` name (attribute, event or metric) is not documented in semconv.md. */
export function checkL0Name(findings: Findings, kind: string, name: string, where: string): void {
  // every backticked name, relative names (`.error` after `l0.guardrail.violations.warning`) resolved per line
  documented ??= repoFile("semconv.md")
    .split("\n")
    .flatMap((line) => cellNames(line));
  if (!documented.some((doc) => documents(doc, name))) {
    findings.add(`l0.undocumented ${kind} ${name}`, `l0's own ${kind} "${name}" is not documented in semconv.md`, where);
  }
}

/** A JSON object or array written as a string. */
function serializedStructure(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
