/**
 * Every PromQL expression of the Grafana dashboard returns data from a real Prometheus that
 * scraped the demo's /metrics endpoint (the demo in --serve mode).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardQueries, evaluateDashboard, type EvaluatedQuery } from "../../scripts/lib/dashboard-queries.mjs";
import { startPrometheus, type PrometheusServer } from "../../scripts/lib/prometheus-server.mjs";
import { freePort } from "../helpers/free-port.js";
import { startExample, type RunningExample } from "../helpers/run-example.js";
import { DASHBOARD_FILE } from "./stack-files.js";

const queries = dashboardQueries(DASHBOARD_FILE);
let demo: RunningExample | undefined;
let prometheus: PrometheusServer | undefined;
let dir: string;
const results = new Map<string, EvaluatedQuery>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "l0-dashboard-"));
  const port = await freePort();
  demo = startExample("demo.mjs", ["--short", "--serve", "--metrics-port", String(port), "--out", join(dir, "telemetry.jsonl")]);
  await demo.waitFor(/serving http:\/\/127\.0\.0\.1:\d+\/metrics/, 60_000);
  prometheus = await startPrometheus({ targets: [{ job: "l0-demo", target: `127.0.0.1:${port}` }] });
  await prometheus.waitForData("l0_requests_total", 30_000);
  // rate() needs two samples inside its window: let a few more 1 s scrapes land.
  await prometheus.waitForData("count_over_time(l0_requests_total[1m]) >= 3", 30_000);
  for (const row of await evaluateDashboard(prometheus, queries)) results.set(`${row.panel} ${row.refId}`, row);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  const code = await demo?.stop("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe("Grafana dashboard on a real Prometheus scraping the demo", () => {
  it("scraped the demo successfully", async () => {
    const targets = await prometheus!.targetHealth();
    expect(targets).toEqual([{ job: "l0-demo", health: "up", lastError: "" }]);
  });

  it.each(queries.map((q) => [`${q.panel} ${q.refId}`, q] as const))("%s returns data", (key) => {
    const row = results.get(key);
    expect(row?.error).toBeUndefined();
    expect(row?.series, row?.resolved).toBeGreaterThan(0);
  });

  it("breaks network errors, guardrail violations and retries down by their labels", async () => {
    const byType = await prometheus!.query("sum by (error_type) (l0_network_errors_by_type_total)");
    // Every network error type has a series from 0 (so increase() sees its first event); these had events.
    const happened = byType.result.filter((r) => Number(r.value?.[1]) > 0);
    expect(happened.map((r) => r.metric["error_type"]).sort()).toEqual(["connection_dropped", "inter_token_timeout", "rate_limit"]);
    const byRule = await prometheus!.query("sum by (rule) (l0_guardrail_violations_by_rule_total)");
    expect(byRule.result.filter((r) => Number(r.value?.[1]) > 0).map((r) => r.metric["rule"])).toEqual(["pattern-meta-commentary"]);
    const requests = await prometheus!.query("sum(l0_requests_total)");
    expect(Number(requests.result[0]?.value?.[1])).toBe(6);
  });
});
