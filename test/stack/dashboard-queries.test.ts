/**
 * Every PromQL query of the Grafana dashboard and of the README, evaluated by a real Prometheus
 * that was started BEFORE any l0 call and scraped a scale-out worker (scripts/scaleout, in its
 * one-process mode: the worker serves its own /metrics), shows the truth of the calls: each value
 * over the window that covers the run equals what the calls of that window produced (quantiles:
 * the bucket of the true quantile or its neighbour), and the totals at the final scrape equal every
 * call's truth. The same harness runs 4 processes through the Collector in scripts/scaleout-test.sh.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { dashboardQueries } from "../../scripts/lib/dashboard-queries.mjs";
import { runScaleout, type ComparedRow, type ScaleoutReport } from "../../scripts/scaleout/harness.mjs";
import { formatReport } from "../../scripts/scaleout/report.mjs";
import { assertBuilt } from "../helpers/package-root.js";
import { DASHBOARD_FILE, repoPath } from "./stack-files.js";

const queries = dashboardQueries(DASHBOARD_FILE);
let report: ScaleoutReport;

beforeAll(async () => {
  assertBuilt();
  report = await runScaleout({ mode: "prometheus", processes: 1, calls: 80, dashboard: DASHBOARD_FILE, readme: repoPath("README.md") });
}, 240_000);

const failed = (rows: ComparedRow[]): string =>
  rows
    .filter((r) => !r.ok)
    .map((r) => JSON.stringify(r))
    .join("\n");

describe("dashboard and README queries on a real Prometheus fed by l0 calls with faults", () => {
  it("ran every call as its fault script says", () => {
    expect(report.calls).toBe(82);
    expect(report.problems).toEqual([]);
  });

  it("shows totals equal to the calls' truth at the final scrape", () => {
    expect(report.totals.length).toBeGreaterThan(20);
    expect(failed(report.totals), formatReport(report)).toBe("");
  });

  it.each(queries.map((q) => [`${q.panel} / ${q.refId}`] as const))("%s shows the truth of the run's calls", (key) => {
    const rows = report.panels.filter((r) => r.key === key);
    expect(rows.length, `no value compared for ${key}`).toBeGreaterThan(0);
    expect(failed(rows)).toBe("");
  });

  it("shows the truth for every README query", () => {
    expect(report.readme.length).toBeGreaterThanOrEqual(5);
    expect(failed(report.readme)).toBe("");
  });

  it("compares non-zero values on every kind of panel", () => {
    // A flat zero everywhere must not pass: the fault script makes every panel move.
    for (const q of queries) {
      const rows = report.panels.filter((r) => r.key === `${q.panel} / ${q.refId}`);
      expect(
        rows.some((r) => typeof r.truth === "number" && r.truth > 0),
        `${q.panel} / ${q.refId}`,
      ).toBe(true);
    }
  });
});
