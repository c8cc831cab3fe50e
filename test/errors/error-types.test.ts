/**
 * The closed set of error types: its categories, and semconv.md's `error.type` table listing exactly
 * the set with the same category for each type.
 */
import { describe, expect, it } from "vitest";
import { ERROR_CATEGORIES, ERROR_TYPES, ERROR_TYPE_CATEGORY, isErrorType } from "../../src/errors/error-types.js";
import { FINAL_CODE } from "../../src/runtime/failures.js";
import { cellNames, repoFile, section, tableRows } from "../telemetry/doc-tables.js";

describe("ERROR_TYPES", () => {
  it("is frozen, without duplicates, and every type has a category and a final L0Error code", () => {
    expect(Object.isFrozen(ERROR_TYPES)).toBe(true);
    expect(new Set(ERROR_TYPES).size).toBe(ERROR_TYPES.length);
    expect(Object.keys(ERROR_TYPE_CATEGORY).sort()).toEqual([...ERROR_TYPES].sort());
    for (const type of ERROR_TYPES) {
      expect(ERROR_CATEGORIES).toContain(ERROR_TYPE_CATEGORY[type]);
      expect(FINAL_CODE[type]).toBeDefined();
      expect(isErrorType(type)).toBe(true);
    }
    expect(isErrorType("network_error")).toBe(false);
  });

  it("semconv.md documents every type once, in order, with its category", () => {
    const rows = tableRows(section(repoFile("semconv.md"), "## `error.type` values"));
    expect(rows.map(([type = ""]) => cellNames(type)[0])).toEqual([...ERROR_TYPES]);
    for (const [type = "", category = ""] of rows)
      expect(category).toBe(ERROR_TYPE_CATEGORY[cellNames(type)[0] as (typeof ERROR_TYPES)[number]]);
  });
});
