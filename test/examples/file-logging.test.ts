import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { tempDirForTest } from "../helpers/temp-dir.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/file-logging.mjs", () => {
  it("appends one JSON line per call with the timestamp and the full telemetry to the file it is given", async () => {
    const dir = tempDirForTest("l0-file-logging-");
    const file = join(dir, "l0.log");
    const run = await runExample("file-logging.mjs", [file]);
    expectCleanExit(run);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const entries = lines.map((line) => JSON.parse(line) as { timestamp: string; telemetry: Record<string, any> });
    expect(entries.map((e) => e.telemetry["metadata"])).toEqual([{ user_id: "alice" }, { user_id: "bob" }]);
    for (const entry of entries) {
      expect(new Date(entry.timestamp).toISOString()).toBe(entry.timestamp);
      expect(entry.telemetry["sessionId"]).toMatch(/^l0_/);
      expect(entry.telemetry["metrics"]["totalTokens"]).toBeGreaterThan(10);
      expect(entry.telemetry["duration"]).toBeGreaterThan(0);
      expect(run.stdout).toContain(`logged ${entry.telemetry["sessionId"]}`);
    }
  });
});
