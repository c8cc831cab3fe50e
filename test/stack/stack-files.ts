/**
 * Reads the observability stack's files (compose file, collector, Prometheus and Grafana configs).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Absolute path of a file of the repository. */
export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

/** Parses a YAML file of the repository. */
export function readYaml(...parts: string[]): Record<string, unknown> {
  return parse(readFileSync(repoPath(...parts), "utf8")) as Record<string, unknown>;
}

/** One query target of a Grafana panel. */
export interface DashboardQuery {
  panel: string;
  refId: string;
  expr: string;
  datasourceUid: string | undefined;
}

interface PanelJson {
  title?: string;
  type?: string;
  datasource?: { uid?: string };
  targets?: Array<{ refId?: string; expr?: string; datasource?: { uid?: string } }>;
  panels?: PanelJson[];
}

/** Every PromQL expression of the l0 Grafana dashboard, rows included. */
export function dashboardQueries(): DashboardQuery[] {
  const dashboard = JSON.parse(readFileSync(repoPath("observability", "grafana", "dashboards", "l0.json"), "utf8")) as {
    panels: PanelJson[];
  };
  const out: DashboardQuery[] = [];
  const visit = (panels: PanelJson[]): void => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.expr === undefined) continue;
        out.push({
          panel: panel.title ?? "(untitled)",
          refId: target.refId ?? "?",
          expr: target.expr,
          datasourceUid: target.datasource?.uid ?? panel.datasource?.uid,
        });
      }
      visit(panel.panels ?? []);
    }
  };
  visit(dashboard.panels);
  return out;
}

/** Replaces Grafana's built-in interval variables with fixed durations Prometheus accepts. */
export function resolveGrafanaVariables(expr: string, rateInterval = "30s", range = "5m"): string {
  return expr
    .replaceAll("$__rate_interval", rateInterval)
    .replaceAll("$__interval", rateInterval)
    .replaceAll("$__range", range);
}

/** Metric names a PromQL expression reads (label lists of `by (...)` / `without (...)` left out). */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  const withoutGrouping = expr.replace(/\b(?:by|without)\s*\([^)]*\)/g, "");
  for (const match of withoutGrouping.matchAll(/\b((?:l0|gen_ai)_[a-z0-9_]+)\b/g)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names];
}
