/**
 * Loads the vendored semantic-conventions YAML model (Weaver definition formats 1 and 2) into the
 * definitions the conformance checks use: the attribute registry (type, enum members, stability,
 * deprecation, JSON schema), and the spans, metrics and events with their resolved attribute sets
 * and requirement levels (`ref_group`s expanded, later refs overriding earlier ones).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Requirement level of an attribute on a signal. */
type RequirementLevel = "required" | "conditionally_required" | "recommended" | "opt_in";

/** One attribute of the registry. */
export interface AttributeDef {
  readonly key: string;
  /** `string`, `int`, `double`, `boolean`, `string[]`, …, `any`, `template[string]`, or `enum`. */
  readonly type: string;
  /** Well-known values of an enum attribute (open: other values are allowed). */
  readonly members: readonly string[] | undefined;
  readonly stability: string | undefined;
  /** Set when the model deprecates the attribute. */
  readonly deprecated: string | undefined;
  /** The JSON schema (repository path) an `any` attribute must follow. */
  readonly jsonSchema: string | undefined;
  /** Every example of the attribute is plain text (not JSON): a string is a value of its own, not a serialized structure. */
  readonly textExamples: boolean;
  /** The vendored file that defines it. */
  readonly source: string;
}

/** An attribute as a signal uses it. */
interface AttributeUse {
  readonly key: string;
  readonly level: RequirementLevel;
  /** The condition text of a conditional level. */
  readonly condition: string | undefined;
}

/** A span, metric or event definition. */
export interface SignalDef {
  readonly name: string;
  /** Span kind (spans). */
  readonly kind: string | undefined;
  /** `histogram`, `counter`, `updowncounter`, `gauge` (metrics). */
  readonly instrument: string | undefined;
  readonly unit: string | undefined;
  /** `int` or `double` (metrics, `annotations.code_generation.metric_value_type`). */
  readonly valueType: string | undefined;
  readonly note: string | undefined;
  readonly attributes: ReadonlyMap<string, AttributeUse>;
  /** Attributes marked `sampling_relevant` (SHOULD be set when the span starts). */
  readonly samplingRelevant: ReadonlySet<string>;
  readonly source: string;
}

/** The loaded model. */
export interface SemconvModel {
  readonly attributes: ReadonlyMap<string, AttributeDef>;
  readonly spans: ReadonlyMap<string, SignalDef>;
  readonly metrics: ReadonlyMap<string, SignalDef>;
  readonly events: ReadonlyMap<string, SignalDef>;
  /** Advisory explicit bucket boundaries per histogram (from `advisory-buckets.yaml`). */
  readonly buckets: ReadonlyMap<string, readonly number[]>;
  /** Attribute keys referenced by a signal but defined in no vendored registry file. */
  readonly unresolved: ReadonlySet<string>;
}

type Raw = Record<string, unknown>;

const MODEL_ROOT = fileURLToPath(new URL("./model/", import.meta.url));

/** Absolute path of a folder under `test/semconv/model/`. */
export function modelDir(name: string): string {
  return join(MODEL_ROOT, name);
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (entry.endsWith(".yaml")) out.push(path);
  }
  return out;
}

function asList(value: unknown): Raw[] {
  return Array.isArray(value) ? (value as Raw[]) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function parseLevel(raw: unknown): { level: RequirementLevel; condition: string | undefined } | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === "string") return { level: raw as RequirementLevel, condition: undefined };
  const [[level, condition]] = Object.entries(raw as Raw) as [[RequirementLevel, unknown]];
  return { level, condition: text(condition) };
}

function attributeDef(raw: Raw, source: string): AttributeDef {
  const key = text(raw["key"]) ?? text(raw["id"]);
  if (key === undefined) throw new Error(`${source}: attribute without key`);
  const type = raw["type"];
  const members = typeof type === "object" && type !== null ? asList((type as Raw)["members"]).map((m) => String(m["value"])) : undefined;
  const annotations = (raw["annotations"] ?? {}) as Raw;
  const typeAnnotation = (annotations["type"] ?? {}) as Raw;
  const deprecated = raw["deprecated"];
  const examples = Array.isArray(raw["examples"]) ? (raw["examples"] as unknown[]) : [];
  return {
    key,
    type: members === undefined ? String(type) : "enum",
    members,
    stability: text(raw["stability"]),
    deprecated: deprecated === undefined ? undefined : typeof deprecated === "string" ? deprecated : JSON.stringify(deprecated),
    jsonSchema: text(typeAnnotation["json_schema"]),
    textExamples: examples.length > 0 && examples.every((e) => typeof e === "string" && !isJson(e)),
    source,
  };
}

/**
 * Loads every `*.yaml` file under the given folders of `test/semconv/model/` (later folders may
 * refer to groups and attributes of earlier ones).
 */
export function loadModel(folders: readonly string[]): SemconvModel {
  const attributes = new Map<string, AttributeDef>();
  const groups = new Map<string, Raw[]>();
  const rawSpans: { raw: Raw; source: string }[] = [];
  const rawMetrics: { raw: Raw; source: string }[] = [];
  const rawEvents: { raw: Raw; source: string }[] = [];
  const buckets = new Map<string, readonly number[]>();
  for (const folder of folders) {
    for (const path of yamlFiles(modelDir(folder))) {
      const source = relative(MODEL_ROOT, path);
      const doc = (parse(readFileSync(path, "utf8")) ?? {}) as Raw;
      if (path.endsWith("advisory-buckets.yaml")) {
        for (const [name, list] of Object.entries((doc["metrics"] ?? {}) as Raw)) buckets.set(name, list as number[]);
        continue;
      }
      for (const raw of asList(doc["attributes"])) attributes.set(String(raw["key"]), attributeDef(raw, source));
      for (const group of asList(doc["attribute_groups"])) groups.set(String(group["id"]), asList(group["attributes"]));
      for (const group of asList(doc["groups"])) {
        // definition format 1: registry groups list attributes by `id`
        for (const raw of asList(group["attributes"]))
          if (raw["id"] !== undefined) attributes.set(String(raw["id"]), attributeDef(raw, source));
      }
      for (const raw of asList(doc["spans"])) {
        rawSpans.push({ raw, source });
        groups.set(`span.${String(raw["type"])}`, asList(raw["attributes"]));
      }
      for (const raw of asList(doc["metrics"])) rawMetrics.push({ raw, source });
      for (const raw of asList(doc["events"])) rawEvents.push({ raw, source });
    }
  }
  const unresolved = new Set<string>();
  const resolve = (list: Raw[], into = new Map<string, AttributeUse>(), seen = new Set<string>()): Map<string, AttributeUse> => {
    for (const entry of list) {
      const groupId = text(entry["ref_group"]);
      if (groupId !== undefined) {
        const group = groups.get(groupId);
        if (group === undefined) throw new Error(`unknown attribute group ${groupId}`);
        if (!seen.has(groupId)) resolve(group, into, new Set([...seen, groupId]));
        continue;
      }
      const key = text(entry["ref"]);
      if (key === undefined) continue;
      if (!attributes.has(key)) unresolved.add(key);
      const level = parseLevel(entry["requirement_level"]) ?? into.get(key) ?? { level: "recommended" as const, condition: undefined };
      into.set(key, { key, level: level.level, condition: level.condition });
    }
    return into;
  };
  const signal = (name: string, raw: Raw, source: string): SignalDef => {
    const codegen = (((raw["annotations"] ?? {}) as Raw)["code_generation"] ?? {}) as Raw;
    return {
      name,
      kind: text(raw["kind"]),
      instrument: text(raw["instrument"]),
      unit: text(raw["unit"]),
      valueType: text(codegen["metric_value_type"]),
      note: text(raw["note"]),
      attributes: resolve(asList(raw["attributes"])),
      samplingRelevant: new Set(
        asList(raw["attributes"])
          .filter((a) => a["sampling_relevant"] === true)
          .map((a) => String(a["ref"])),
      ),
      source,
    };
  };
  return {
    attributes,
    spans: new Map(rawSpans.map(({ raw, source }) => [String(raw["type"]), signal(String(raw["type"]), raw, source)])),
    metrics: new Map(rawMetrics.map(({ raw, source }) => [String(raw["name"]), signal(String(raw["name"]), raw, source)])),
    events: new Map(rawEvents.map(({ raw, source }) => [String(raw["name"]), signal(String(raw["name"]), raw, source)])),
    buckets,
    unresolved,
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
