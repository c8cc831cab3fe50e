/**
 * RFC 4180 field quoting shared by the telemetry CSV export and the CSV metric reader.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** A value a CSV field is made from. */
type CsvValue = string | number | boolean | null | undefined;

/**
 * Renders one CSV field: `undefined`/`null` become an empty field, other values are converted
 * with `String()`, and a field containing a comma, a double quote, CR or LF is wrapped in double
 * quotes with inner quotes doubled (RFC 4180 §2.6-2.7).
 */
function csvField(value: CsvValue): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins fields into one CSV record (no line terminator). */
export function csvRecord(fields: readonly CsvValue[]): string {
  return fields.map(csvField).join(",");
}
