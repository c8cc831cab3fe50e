import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/ab-testing.mjs", () => {
  it("tags calls with their variant and compares the variants", async () => {
    const run = await runExample("ab-testing.mjs");
    expectCleanExit(run);
    const rows = [...run.stdout.matchAll(/^variant ([AB]): (\d+) calls, avg duration [\d.]+ ms, avg tokens\/s [\d.]+, retries (\d+)$/gm)];
    expect(rows.map((r) => r[1])).toEqual(["A", "B"]);
    // 12 users, stable assignment; every third call (4 in all) retried once.
    expect(rows.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(12);
    expect(rows.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(4);
  });
});
