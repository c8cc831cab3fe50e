/**
 * The examples cannot drift from the spec documents, and the non-TypeScript blocks are checked:
 * - each TypeScript block is verbatim in its example file (between `// <spec>` markers);
 * - "Example Output" (Prometheus text): its metric names, HELP/TYPE lines and label names are what
 *   `createPrometheusCollector` exposes; the histogram follows the exposition standard (the `+Inf`
 *   bucket holds the count, where the spec's sample wrongly shows the sum);
 * - "Grafana Dashboard" (PromQL): each query is one that test/e2e/prometheus-server.test.ts
 *   runs against a real Prometheus;
 * - "Example Sentry Dashboard": what it shows is asserted against real Sentry by test/integrations
 *   (network error tags, guardrail message) and by the Sentry examples here (span tree and data).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { samples, sampleValue, types } from "./check-helpers.js";
import { ROOT } from "../helpers/package-root.js";
import { SPEC_TEST_DIR } from "./run-example.js";
import { exampleNames, exampleSpecCode, fixtureFiles, fixtureText, SPEC_DIR, specBlocks } from "./spec-blocks.js";

const FIXTURES = fixtureFiles();
const EXAMPLE_OUTPUT = "monitoring-prometheus-integration-example-output";
const GRAFANA = "monitoring-prometheus-integration-grafana-dashboard";
const SENTRY_DASHBOARD = "monitoring-sentry-integration-example-sentry-dashboard";

describe("examples stay verbatim copies of the spec's blocks", () => {
  it("every example file holds well-formed // <spec> regions", () => {
    for (const name of exampleNames()) expect(exampleSpecCode(name).trim().length, name).toBeGreaterThan(0);
    expect([...FIXTURES.keys()].sort()).toEqual([EXAMPLE_OUTPUT, GRAFANA, SENTRY_DASHBOARD]);
  });

  it("each block of MONITORING.md and FEATURE_SUMMARY.md is verbatim in its example file", () => {
    const blocks = specBlocks();
    if (!blocks) {
      console.info(
        `spec documents not found at ${SPEC_DIR}: drift check against the documents not run (the examples themselves still run)`,
      );
      return;
    }
    const typescript = blocks.filter((block) => block.language === "typescript");
    expect(typescript.map((block) => block.name).sort()).toEqual(exampleNames());
    for (const block of typescript)
      expect(exampleSpecCode(block.name), `${block.document}:${block.line} -> examples/${block.name}.ts`).toBe(block.code);
    const others = blocks.filter((block) => block.language !== "typescript");
    expect(others.map((block) => block.name).sort()).toEqual([...FIXTURES.keys()].sort());
    for (const block of others) expect(fixtureText(FIXTURES.get(block.name) as string), `${block.document}:${block.line}`).toBe(block.code);
  });
});

describe('MONITORING.md, Prometheus "Example Output"', () => {
  const sample = fixtureText(`${EXAMPLE_OUTPUT}.txt`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(SPEC_TEST_DIR, "collector-exposition.ts")], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  const ours = run.stdout;

  it("the collector exposition was produced", () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  });

  it("has the sample's HELP and TYPE lines, word for word", () => {
    const declared = sample.split("\n").filter((line) => line.startsWith("# "));
    expect(declared.length).toBe(12);
    for (const line of declared) expect(ours.split("\n"), line).toContain(line);
  });

  it("has a series for every sample series, with the same metric name and labels", () => {
    const ourSeries = samples(ours).map((s) => `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`);
    for (const s of samples(sample)) {
      expect(ourSeries, `${s.name} ${JSON.stringify(s.labels)}`).toContain(`${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`);
    }
    expect(types(ours)).toMatchObject(types(sample));
    expect(sampleValue(ours, "l0_network_errors_by_type_total", { error_type: "connection_dropped" })).toBe(1);
    expect(sampleValue(ours, "l0_network_errors_by_type_total", { error_type: "timeout" })).toBe(1);
  });

  it("histograms follow the exposition format: the +Inf bucket equals _count (the sample puts _sum there)", () => {
    for (const name of ["l0_request_duration_seconds", "l0_time_to_first_token_seconds"]) {
      const labels = { service: "my-app", model: "gpt-4" };
      const count = sampleValue(ours, `${name}_count`, labels);
      expect(sampleValue(ours, `${name}_bucket`, { ...labels, le: "+Inf" })).toBe(count);
      expect(count).toBe(1);
      // The sample's own numbers show the mistake: +Inf bucket 1.5 / 0.25 = its _sum, not its _count of 1.
      expect(sampleValue(sample, `${name}_bucket`, { le: "+Inf" })).toBe(sampleValue(sample, `${name}_sum`));
      expect(sampleValue(ours, `${name}_sum`, labels)).toBeGreaterThan(0);
    }
  });
});

describe('MONITORING.md, "Grafana Dashboard" and "Example Sentry Dashboard"', () => {
  it("every PromQL query is run against a real Prometheus by test/e2e/prometheus-server.test.ts", () => {
    const queries = fixtureText(`${GRAFANA}.promql`)
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("#"));
    expect(queries).toHaveLength(6);
    const source = readFileSync(join(ROOT, "test", "e2e", "prometheus-server.test.ts"), "utf8");
    for (const query of queries) expect(source, query).toContain(JSON.stringify(query));
  });

  it("what the Sentry sketch shows is asserted against real Sentry in test/integrations", () => {
    const sketch = fixtureText(`${SENTRY_DASHBOARD}.txt`);
    expect(sketch).toContain("component=l0.network");
    const interceptorTest = readFileSync(join(ROOT, "test", "integrations", "sentry-interceptor.test.ts"), "utf8");
    expect(interceptorTest).toContain('component: "l0.network"');
    expect(interceptorTest).toContain('"Guardrail violation: json-structure"');
    expect(interceptorTest).toContain('"Unbalanced braces: 2 open, 1 close"');
  });
});
