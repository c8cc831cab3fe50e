import type { PrometheusServer } from "./prometheus-server.mjs";

/** One PromQL target of a Grafana panel. */
export interface DashboardQuery {
  panel: string;
  refId: string;
  expr: string;
  datasourceUid: string | undefined;
}

/** A query with its evaluation result. */
export interface EvaluatedQuery extends DashboardQuery {
  resolved: string;
  series: number;
  error: string | undefined;
}

/** Every PromQL target of the dashboard (rows' nested panels included). */
export function dashboardQueries(file: string): DashboardQuery[];
/** Replaces Grafana's built-in interval variables with durations Prometheus accepts. */
export function resolveGrafanaVariables(expr: string, rateInterval?: string, range?: string): string;
/** Metric names and `__name__=~` patterns an expression selects. */
export function metricSelectors(expr: string): { names: string[]; patterns: RegExp[] };
/** True when one of the selectors of `expr` selects the metric `name`. */
export function selectsMetric(expr: string, name: string): boolean;
/** Evaluates every query at the current time. */
export function evaluateDashboard(
  prometheus: Pick<PrometheusServer, "query">,
  queries: DashboardQuery[],
  rateInterval?: string,
  range?: string,
): Promise<EvaluatedQuery[]>;
