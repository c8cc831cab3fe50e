// Reads the PromQL expressions of a Grafana dashboard JSON and evaluates them against a Prometheus.
import { readFileSync } from "node:fs";

/** Every PromQL target of the dashboard (rows' nested panels included). */
export function dashboardQueries(file) {
  const dashboard = JSON.parse(readFileSync(file, "utf8"));
  const out = [];
  const visit = (panels) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) {
        if (typeof target.expr !== "string") continue;
        out.push({
          panel: panel.title ?? "(untitled)",
          refId: target.refId ?? "?",
          expr: target.expr,
          datasourceUid: target.datasource?.uid ?? panel.datasource?.uid,
        });
      }
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);
  return out;
}

/** Replaces Grafana's built-in interval variables with durations Prometheus accepts. */
export function resolveGrafanaVariables(expr, rateInterval = "30s", range = "5m") {
  return expr.replaceAll("$__rate_interval", rateInterval).replaceAll("$__interval", rateInterval).replaceAll("$__range", range);
}

/**
 * Metric names an expression selects: plain names, and `{__name__=~"..."}` patterns (anchored, as
 * Prometheus anchors them). Label lists of `by (...)` / `without (...)` are left out.
 */
export function metricSelectors(expr) {
  const patterns = [];
  const withoutPatterns = expr.replace(/__name__\s*=~\s*"((?:[^"\\]|\\.)*)"/g, (_, pattern) => {
    patterns.push(new RegExp(`^(?:${pattern.replaceAll("\\\\", "\\")})$`));
    return "";
  });
  const withoutGrouping = withoutPatterns.replace(/\b(?:by|without)\s*\([^)]*\)/g, "");
  const names = new Set();
  for (const match of withoutGrouping.matchAll(/\b((?:l0|gen_ai)_[a-z0-9_]+)\b/g)) names.add(match[1]);
  return { names: [...names], patterns };
}

/** True when one of the selectors of `expr` selects the metric `name`. */
export function selectsMetric(expr, name) {
  const { names, patterns } = metricSelectors(expr);
  return names.includes(name) || patterns.some((p) => p.test(name));
}

/**
 * Evaluates every query at the current time; returns one row per query with the number of series
 * it returned, or the error Prometheus gave.
 */
export async function evaluateDashboard(prometheus, queries, rateInterval = "30s", range = "5m") {
  const rows = [];
  for (const q of queries) {
    const expr = resolveGrafanaVariables(q.expr, rateInterval, range);
    try {
      const data = await prometheus.query(expr);
      rows.push({ ...q, resolved: expr, series: data.result.length, error: undefined });
    } catch (error) {
      rows.push({ ...q, resolved: expr, series: 0, error: String(error?.message ?? error) });
    }
  }
  return rows;
}
