import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/telemetry-exporter.mjs", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes JSON and CSV and prints the log entry and the metrics of one call", async () => {
    dir = mkdtempSync(join(tmpdir(), "l0-exporter-"));
    for (let i = 0; i < 2; i++) {
      const run = await runExample("telemetry-exporter.mjs", [dir]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
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
