/**
 * Reads the tables of a Markdown document (semconv.md, README.md) so tests can compare what the
 * documents say with what l0 emits.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Text of a file at the repository root. */
export function repoFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../${name}`, import.meta.url)), "utf8");
}

/** The lines of the section that starts with the heading `heading` (up to the next heading of the same or a higher level). */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(#+) /.exec(lines[i]!);
    if (m !== null && m[1]!.length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start + 1, end).join("\n");
}

/** Rows (cells trimmed) of the first table of `text`, header and separator removed. */
export function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    rows.push(
      line
        .slice(1, line.endsWith("|") ? -1 : undefined)
        .split("|")
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(2);
}

/**
 * The backticked names of a cell, without parenthesised remarks. Relative names (`.error` after
 * `l0.guardrail.violations.warning`) replace the last segment of the name before them.
 */
export function cellNames(cell: string): string[] {
  const text = cell.replace(/\([^)]*\)/g, "");
  const out: string[] = [];
  for (const m of text.matchAll(/`([^`]+)`/g)) {
    const name = m[1]!;
    const previous = out.at(-1);
    out.push(name.startsWith(".") && previous !== undefined ? previous.slice(0, previous.lastIndexOf(".")) + name : name);
  }
  return out;
}

/** Whether `key` is documented by `name` (exact, `prefix.*` or `prefix.<placeholder>`). */
export function documents(name: string, key: string): boolean {
  const wildcard = /^(.*\.)(\*|<[^>]+>)$/.exec(name);
  return wildcard === null ? name === key : key.startsWith(wildcard[1]!);
}
