/**
 * The field checks every option validator shares. Each throws `L0Error` `INVALID_OPTIONS` naming
 * the field's path and the value (`invalidOption`); an absent (`undefined`) optional field passes.
 * @packageDocumentation
 */
import { invalidOption } from "../errors/l0-error.js";

/** An object whose fields are being checked. */
export type Fields = Record<string, unknown>;

/** True for a non-null object that is not an array. */
export function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for an object literal (prototype `Object.prototype` or `null`), not a class instance. */
export function isPlainObject(value: unknown): value is Fields {
  if (!isObject(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The path of `key` inside the object at `path` (`retry` + `attempts` → `retry.attempts`). */
export function childPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** `value` when it is an object (see {@link isObject}), undefined when absent; else throws. */
export function optionalObject(value: unknown, path: string, expected = "an object"): Fields | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw invalidOption(path, value, expected);
  return value;
}

/** Throws unless `parent[field]` is absent or a function. */
export function optionalFunction(parent: Fields, field: string, path: string): void {
  const value = parent[field];
  if (value !== undefined && typeof value !== "function") throw invalidOption(path, value, "a function");
}

/** Throws unless `parent[field]` is a function. */
export function requiredFunction(parent: Fields, field: string, path: string, expected = "a function"): void {
  const value = parent[field];
  if (typeof value !== "function") throw invalidOption(path, value, expected);
}

/** Throws unless `parent[field]` is absent or a boolean. */
export function optionalBoolean(parent: Fields, field: string, path: string): void {
  const value = parent[field];
  if (value !== undefined && typeof value !== "boolean") throw invalidOption(path, value, "a boolean");
}

/** Throws unless `parent[field]` is absent or a string (non-empty when `nonEmpty`). */
export function optionalString(parent: Fields, field: string, path: string, nonEmpty = false): void {
  const value = parent[field];
  if (value === undefined) return;
  if (typeof value !== "string" || (nonEmpty && value.length === 0))
    throw invalidOption(path, value, nonEmpty ? "a non-empty string" : "a string");
}

/** Throws unless `parent[field]` is a non-empty string. */
export function requiredString(parent: Fields, field: string, path: string): void {
  const value = parent[field];
  if (typeof value !== "string" || value.length === 0) throw invalidOption(path, value, "a non-empty string");
}

/** The range a number option must lie in. */
export interface NumberRule {
  /** Lower bound (inclusive unless `exclusiveMin`). */
  min: number;
  /** Upper bound, inclusive. */
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** `min` itself is out of range. */
  exclusiveMin?: boolean;
}

/** Throws unless `parent[field]` is absent or a finite number within `rule`. */
export function optionalNumber(parent: Fields, field: string, path: string, rule: NumberRule): void {
  const value = parent[field];
  if (value === undefined) return;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (rule.exclusiveMin === true ? value > rule.min : value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.integer !== true || Number.isInteger(value));
  if (!ok) {
    const kind = rule.integer === true ? "an integer" : "a number";
    const range =
      rule.max !== undefined ? `in [${rule.min}, ${rule.max}]` : rule.exclusiveMin === true ? `> ${rule.min}` : `>= ${rule.min}`;
    throw invalidOption(path, value, `${kind} ${range}`);
  }
}

/** Throws unless `parent[field]` is absent or one of `values`. */
export function optionalOneOf(parent: Fields, field: string, path: string, values: readonly string[]): void {
  const value = parent[field];
  if (value !== undefined && !(values as readonly unknown[]).includes(value))
    throw invalidOption(path, value, `one of ${values.join(", ")}`);
}

/** `value` when it is an array, undefined when absent; else throws. */
export function optionalArray(value: unknown, path: string, expected: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidOption(path, value, expected);
  return value as unknown[];
}
