/**
 * Careful readers of request params the helpers do not control: each returns the value when it has
 * the expected type, else `undefined`, and never throws on odd input.
 * @packageDocumentation
 */

/** A plain object's fields. */
export type Fields = Record<string, unknown>;

/** `value` as an object (not an array), or undefined. */
export function fieldsOf(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** `value` when it is a string. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `value` when it is a non-empty string. */
export function nameOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `value` when it is a finite number. */
export function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `value` when it is a safe integer of at least `min`. */
export function integerOf(value: unknown, min = Number.MIN_SAFE_INTEGER): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min ? value : undefined;
}

/** `value` when it is an array. */
export function arrayOf(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** Stop sequences: a string becomes a one-item list; a list keeps its strings. */
export function stopSequencesOf(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return undefined;
  const stops = value.filter((stop): stop is string => typeof stop === "string");
  return stops.length === value.length ? stops : undefined;
}

/** Tool-call arguments sent as a JSON string: the parsed value, or the string itself when it is not JSON. */
export function jsonOrString(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** `S` with its possibly-undefined fields made optional and never undefined. */
export type Defined<S> = { [K in keyof S as undefined extends S[K] ? never : K]: S[K] } & {
  [K in keyof S as undefined extends S[K] ? K : never]?: Exclude<S[K], undefined>;
};

/** A copy of `source` without its undefined fields (objects that satisfy exactOptionalPropertyTypes). */
export function definedEntries<S extends object>(source: S): Defined<S> {
  const out: Fields = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value;
  return out as Defined<S>;
}
