import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample, UUID } from "../helpers/run-example.js";
import { tempDirForTest } from "../helpers/temp-dir.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

interface MetricsDocument {
  metrics: Array<{ name: string; type: string; dataPoints: Array<{ attributes: Record<string, unknown>; value?: number }> }>;
}

describe("examples/metric-readers.mjs", () => {
  it("writes l0's OTel metrics as JSON Lines and CSV", async () => {
    const dir = tempDirForTest("l0-metric-readers-");
    const run = await runExample("metric-readers.mjs", [dir], { env: { OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=test" } });
    expectCleanExit(run);
    expect(run.stdout).toMatch(/^l0\.requests \(counter\): 1 data point$/m);
    expect(run.stdout).toMatch(/^gen_ai\.client\.inference\.duration \(histogram, s\): 1 data point$/m);

    // One document collected by the example, one written at shutdown.
    const docs = readFileSync(join(dir, "l0-metrics.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as MetricsDocument);
    expect(docs).toHaveLength(2);
    // The resource: the SDK's defaults, a unique instance id, and the environment's attributes on top.
    expect((docs[0] as unknown as { resource: Record<string, unknown> }).resource).toMatchObject({
      "service.name": "l0-batch-job",
      "service.instance.id": expect.stringMatching(UUID),
      "telemetry.sdk.name": "opentelemetry",
      "deployment.environment.name": "test",
    });
    const requests = docs[1]!.metrics.find((m) => m.name === "l0.requests");
    expect(requests?.dataPoints.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(2);
    const byType = docs[1]!.metrics.find((m) => m.name === "l0.network_errors.by_type");
    // Every network error type has a series from 0; the example's one error is on server_error.
    expect(byType?.dataPoints.filter((p) => p.value !== 0).map((p) => [p.attributes["error.type"], p.value])).toEqual([
      ["server_error", 1],
    ]);

    const csv = readFileSync(join(dir, "l0-metrics.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("timestamp,scope,metric,type,unit,attributes,value,count,sum,min,max,bucket_boundaries,bucket_counts");
    const requestRows = csv.filter((line) => line.split(",")[2] === "l0.requests");
    expect(requestRows.length).toBeGreaterThan(0);
  });
});
