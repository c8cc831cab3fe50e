/**
 * A small JSON-schema validator for the GenAI message schemas (pydantic-generated draft 2020-12
 * subset: `type`, `const`, `enum`, `required`, `properties`, `items`, `anyOf`, local `$ref`s to
 * `#/$defs/…`). It also reports the use of properties the schema marks `deprecated`.
 */

type Schema = Record<string, unknown>;

/** What validation found: errors make the value invalid, deprecations are valid but discouraged. */
export interface SchemaReport {
  readonly errors: string[];
  readonly deprecated: string[];
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return expected === actual || (expected === "number" && actual === "integer");
}

/** Validates `value` against `schema` (the root, which holds the `$defs`). */
export function validateJson(root: Schema, value: unknown): SchemaReport {
  const report: SchemaReport = { errors: [], deprecated: [] };
  check(root, root, value, "$", report);
  return report;
}

function resolveRef(root: Schema, ref: string): Schema {
  const match = /^#\/\$defs\/(.+)$/.exec(ref);
  const defs = root["$defs"] as Record<string, Schema> | undefined;
  const target = match === null ? undefined : defs?.[match[1]!];
  if (target === undefined) throw new Error(`unsupported or unknown $ref ${ref}`);
  return target;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, report: SchemaReport): void {
  if (typeof schema["$ref"] === "string") {
    check(root, resolveRef(root, schema["$ref"]), value, path, report);
    return;
  }
  if (Array.isArray(schema["anyOf"])) {
    const options = schema["anyOf"] as Schema[];
    const reports = options.map((option) => {
      const r: SchemaReport = { errors: [], deprecated: [] };
      check(root, option, value, path, r);
      return r;
    });
    const ok = reports.find((r) => r.errors.length === 0);
    if (ok === undefined)
      report.errors.push(`${path}: matches none of ${options.length} alternatives (${reports.map((r) => r.errors[0]).join("; ")})`);
    else report.deprecated.push(...ok.deprecated);
    return;
  }
  if ("const" in schema && value !== schema["const"]) {
    report.errors.push(`${path}: is ${JSON.stringify(value)}, expected ${JSON.stringify(schema["const"])}`);
    return;
  }
  if (Array.isArray(schema["enum"]) && !(schema["enum"] as unknown[]).includes(value)) {
    report.errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema["enum"])}`);
    return;
  }
  if (typeof schema["type"] === "string" && !typeMatches(schema["type"], value)) {
    report.errors.push(`${path}: is ${typeOf(value)}, expected ${schema["type"]}`);
    return;
  }
  if (Array.isArray(value) && typeof schema["items"] === "object") {
    value.forEach((item, i) => check(root, schema["items"] as Schema, item, `${path}[${i}]`, report));
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    for (const name of (schema["required"] as string[] | undefined) ?? []) {
      if (!(name in object)) report.errors.push(`${path}: required property "${name}" is missing`);
    }
    const properties = (schema["properties"] ?? {}) as Record<string, Schema>;
    for (const [name, child] of Object.entries(object)) {
      const property = properties[name];
      if (property === undefined) continue; // additionalProperties: true throughout these schemas
      if (property["deprecated"] === true) report.deprecated.push(`${path}.${name}`);
      check(root, property, child, `${path}.${name}`, report);
    }
  }
}
