import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { tempDirForTest } from "../helpers/temp-dir.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/telemetry-exporter.mjs", () => {
  it("writes JSON and CSV and prints the log entry and the metrics of one call", async () => {
    const dir = tempDirForTest("l0-exporter-");
    for (let i = 0; i < 2; i++) {
      const run = await runExample("telemetry-exporter.mjs", [dir]);
      expectCleanExit(run);
      const log = JSON.parse(/^log entry: (.*)$/m.exec(run.stdout)![1]!) as Record<string, any>;
      expect(log["session_id"]).toMatch(/^l0_/);
      expect(log["network"]).toEqual({ error_count: 1, errors_by_type: { econnreset: 1 } });
      const metrics = [...run.stdout.matchAll(/^metric (\S+) = (\S+) /gm)].map((m) => m[1]);
      expect(metrics).toEqual(expect.arrayContaining(["l0.duration", "l0.tokens.total", "l0.retries.total", "l0.network.errors"]));
    }
    const json = JSON.parse(readFileSync(join(dir, "telemetry.json"), "utf8")) as Record<string, any>;
    expect(json["metrics"]["networkRetries"]).toBe(1);
    expect(json["metadata"]).toEqual({ environment: "development" });
    // One header, then one row per run.
    const csv = readFileSync(join(dir, "telemetry.csv"), "utf8").trimEnd().split("\n");
    expect(csv).toHaveLength(3);
    expect(csv[0]).toMatch(/^session_id,start_time,end_time,duration_ms,tokens,/);
    expect(csv[1]!.split(",").length).toBe(csv[0]!.split(",").length);
  });
});
