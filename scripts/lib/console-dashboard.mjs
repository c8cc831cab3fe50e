// Turns the provisioned Grafana dashboard (observability/grafana/dashboards/l0.json) into a
// Prometheus console template: the same rows, panels and PromQL (Grafana's interval variables
// resolved), stat panels as current values and time series as Prometheus's console graphs. Served
// by a real Prometheus (`--web.console.templates`), it shows the dashboard with data where Grafana
// itself is not at hand. Used by scripts/render-images.mjs.
import { readFileSync } from "node:fs";
import { resolveGrafanaVariables } from "./dashboard-queries.mjs";

const html = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** Grafana units → the console graphs' number formatters. */
const FORMATTERS = { s: "humanize", reqps: "humanize", ops: "humanize", short: "humanize", percentunit: "humanize" };

/**
 * @param {string} dashboardFile path of the Grafana dashboard JSON
 * @param {{ rateInterval?: string, range?: string, durationSeconds?: number }} options (the graphs' time span)
 * @returns {string} the console template
 */
export function consoleDashboard(dashboardFile, { rateInterval = "30s", range = "5m", durationSeconds = 300 } = {}) {
  const dashboard = JSON.parse(readFileSync(dashboardFile, "utf8"));
  const resolve = (expr) => resolveGrafanaVariables(expr, rateInterval, range);
  const parts = [];
  let graphs = 0;
  for (const panel of dashboard.panels ?? []) {
    if (panel.type === "row") {
      parts.push(`</div><h2>${html(panel.title)}</h2><div class="grid">`);
      continue;
    }
    const targets = (panel.targets ?? []).filter((t) => typeof t.expr === "string");
    const span = Math.max(3, Math.min(24, panel.gridPos?.w ?? 12));
    if (panel.type === "stat") {
      const [target] = targets;
      const unit = panel.fieldConfig?.defaults?.unit;
      const value =
        unit === "percentunit"
          ? `{{ with query \`${resolve(target.expr)}\` }}{{ . | first | value | humanizePercentage }}{{ else }}-{{ end }}`
          : `{{ with query \`${resolve(target.expr)}\` }}{{ . | first | value | printf "%.3g" }}{{ else }}-{{ end }}`;
      parts.push(
        `<div class="panel stat" style="grid-column: span ${span}"><h3>${html(panel.title)}</h3><div class="value">${value}</div></div>`,
      );
      continue;
    }
    const id = `graph${graphs++}`;
    const names = targets.map((t) => (t.legendFormat ? t.legendFormat.replace(/\{\{\s*(\w+)\s*\}\}/g, "[[ $1 ]]") : (t.refId ?? "value")));
    const formatter = FORMATTERS[panel.fieldConfig?.defaults?.unit] ?? "humanize";
    parts.push(`<div class="panel" style="grid-column: span ${span}"><h3>${html(panel.title)}</h3><div id="${id}"></div>
<script>new PromConsole.Graph({
  node: document.querySelector("#${id}"),
  expr: ${JSON.stringify(targets.map((t) => resolve(t.expr)))},
  name: ${JSON.stringify(names)},
  duration: ${durationSeconds},
  width: ${Math.round((span / 24) * 1320) - 40},
  height: 150,
  yAxisFormatter: PromConsole.NumberFormatter.${formatter},
  yHoverFormatter: PromConsole.NumberFormatter.${formatter},
})</script></div>`);
  }
  return `<!doctype html>
<html lang="en"><head>
{{ template "prom_console_head" }}
<style>
  body { font: 13px -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; background: #f4f5f5; margin: 0; padding: 8px 16px; width: 1360px; }
  h1 { font-size: 20px; margin: 6px 0 4px; } h2 { font-size: 15px; margin: 14px 0 6px; color: #333; }
  .grid { display: grid; grid-template-columns: repeat(24, 1fr); gap: 8px; }
  .panel { background: #fff; border: 1px solid #dcdcdc; border-radius: 3px; padding: 6px 10px; overflow: hidden; }
  .panel h3 { font-size: 13px; margin: 0 0 4px; font-weight: 600; }
  .stat .value { font-size: 30px; font-weight: 600; color: #1f78c1; text-align: center; padding: 10px 0; }
  .legend { font-size: 11px; }
</style>
</head><body>
<h1>${html(dashboard.title ?? "l0")}</h1>
<div class="grid">${parts.join("\n")}</div>
</body></html>
`;
}
