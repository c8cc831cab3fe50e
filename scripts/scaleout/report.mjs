// Plain-text tables of a scale-out run: truth vs Prometheus for the totals, the dashboard panels
// and the README queries, and the trace check.

const fmt = (v) => {
  if (typeof v !== "number") return String(v);
  if (Number.isInteger(v)) return String(v);
  return Number.isFinite(v) ? v.toPrecision(6) : String(v);
};

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The report of `runScaleout` as text. */
export function formatReport(report) {
  const out = [];
  out.push(`${report.processes} processes, ${report.calls} calls (warm-up included); run window ${report.window.rangeMs} ms`);
  out.push("");
  out.push("Totals at the final scrape: sum of the processes' truth vs Prometheus");
  out.push(
    table(
      ["metric", "labels", "truth", "prometheus", ""],
      report.totals.map((r) => [r.what, r.labels, fmt(r.truth), fmt(r.prometheus), r.ok ? "ok" : "DIFFERS"]),
    ),
  );
  for (const [title, rows] of [
    ["Dashboard panels over the run's window: truth of the window's calls vs Prometheus", report.panels],
    ["README PromQL over the run's window", report.readme],
  ]) {
    if (rows.length === 0) continue;
    out.push("");
    out.push(title);
    out.push(
      table(
        ["panel / query", "labels", "truth", "prometheus", "", "note"],
        rows.map((r) => [r.key, r.labels, fmt(r.truth), fmt(r.prometheus), r.ok ? "ok" : "DIFFERS", r.note]),
      ),
    );
  }
  if (report.traces !== undefined) {
    const t = report.traces;
    out.push("");
    out.push(
      `Jaeger: ${t.calls} of ${report.calls} calls traced, ${t.inferenceSpans} as a GenAI inference span (CLIENT \`chat {model}\`, ` +
        `the call's billed usage once per trace, attempt spans without gen_ai.*); ${t.spans} spans (${t.attempts} attempt spans, ${t.http} HTTP client spans); ` +
        `${t.outside} of l0's spans outside their parent (largest overhang ${Math.max(0, t.maxOutsideUs)} µs; 1 µs allowed for Jaeger's rounding); ` +
        `HTTP client spans ending after their attempt span: ${t.httpOutside} (largest ${Math.max(0, t.maxHttpOutsideUs)} µs, reported only)`,
    );
    const late = Object.entries(t.httpByScenario).sort((a, b) => b[1] - a[1]);
    if (late.length > 0) out.push(`  HTTP client spans past their attempt, by scenario: ${late.map(([k, n]) => `${k} ${n}`).join(", ")}`);
    for (const f of t.failures.slice(0, 20)) out.push(`  - ${f}`);
    if (t.failures.length > 20) out.push(`  ... and ${t.failures.length - 20} more`);
  }
  out.push("");
  const lag = report.consumerLagMs;
  out.push(
    `calls on the consumer's clock minus their l0 duration: median ${lag.median.toFixed(3)} ms, ` +
      `p99 ${lag.p99.toFixed(3)} ms, largest ${lag.max.toFixed(3)} ms (concurrent calls share a worker's event loop)`,
  );
  if (report.problems.length > 0) {
    out.push(`${report.problems.length} calls did not go as the script says:`);
    for (const p of report.problems.slice(0, 20)) out.push(`  - ${p}`);
  }
  out.push(report.ok ? "scale-out: every number agrees" : "scale-out: FAILED");
  return out.join("\n");
}
