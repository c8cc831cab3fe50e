// The README's PromQL: every line of its ```promql blocks (comments aside) must be a query of the
// Grafana dashboard with a 5-minute window in place of Grafana's interval variables, so the
// dashboard's truth covers it too.
import { readFileSync } from "node:fs";
import { dashboardQueries, resolveGrafanaVariables } from "../lib/dashboard-queries.mjs";

/** PromQL lines of the file's ```promql blocks. */
export function promqlLines(file) {
  const text = readFileSync(file, "utf8");
  const lines = [];
  for (const block of text.matchAll(/```promql\n([\s\S]*?)```/g)) {
    for (const line of block[1].split("\n")) {
      const expr = line.trim();
      if (expr !== "" && !expr.startsWith("#")) lines.push(expr);
    }
  }
  return lines;
}

/**
 * The README's queries as dashboard queries (`panel` prefixed with "README: " is the matching
 * panel's, `expr` the panel's expression); throws for a line that matches no panel.
 */
export function readmeQueries(readme, dashboard) {
  const panels = dashboardQueries(dashboard);
  return promqlLines(readme).map((line) => {
    const match = panels.find((q) => resolveGrafanaVariables(q.expr, "5m", "5m") === line);
    if (match === undefined) throw new Error(`README query matches no dashboard panel (with a 5m window): ${line}`);
    return { ...match, readme: line };
  });
}
