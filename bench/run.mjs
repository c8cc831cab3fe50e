// Runs every benchmark case in bench/cases (sorted by file name) against the built package and
// prints one table. Each case module exports `title` and `async run()` returning rows:
//   { name, value, unit, baseline?: { name, value }, target?: string }
// A row with a baseline gets a ratio column (value / baseline.value), measured in the same run.
// Usage: npm run bench [-- filter]
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = (await readdir(join(here, "cases"))).filter((f) => f.endsWith(".mjs")).sort();
const rows = [];
for (const file of files) {
  if (filter && !file.includes(filter)) continue;
  const mod = await import(pathToFileURL(join(here, "cases", file)).href);
  process.stderr.write(`running ${file}: ${mod.title}\n`);
  for (const row of await mod.run()) rows.push({ case: file.replace(/\.mjs$/, ""), ...row });
}

const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const table = [["case", "measurement", "value", "baseline", "ratio", "target"]];
for (const r of rows) {
  table.push([
    r.case,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : "",
    r.baseline ? `${(r.value / r.baseline.value).toFixed(2)}x` : "",
    r.target ?? "",
  ]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table.slice(1)) console.log(line(row));
