import type { DashboardQuery } from "../lib/dashboard-queries.mjs";

/** PromQL lines of the file's ```promql blocks. */
export function promqlLines(file: string): string[];
/** The README's queries as the dashboard queries they match (with a 5m window); throws for a line that matches none. */
export function readmeQueries(readme: string, dashboard: string): Array<DashboardQuery & { readme: string }>;
