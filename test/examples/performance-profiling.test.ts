import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/performance-profiling.mjs", () => {
  it("summarises the telemetry of many calls", async () => {
    const run = await runExample("performance-profiling.mjs", ["10"]);
    expectCleanExit(run);
    expect(run.stdout).toMatch(/^Performance profile:$/m);
    expect(run.stdout).toMatch(/^ {2}Runs: 10$/m);
    expect(run.stdout).toMatch(/^ {2}Avg duration: \d+\.\d{2} ms$/m);
    expect(run.stdout).toMatch(/^ {2}Avg tokens\/sec: \d+\.\d$/m);
    const ttft = /^ {2}TTFT p50 \/ p95: (\d+\.\d{2}) \/ (\d+\.\d{2}) ms$/m.exec(run.stdout);
    expect(Number(ttft?.[1])).toBeLessThanOrEqual(Number(ttft?.[2]));
    // Calls 5 and 10 lose their connection once.
    expect(run.stdout).toMatch(/^ {2}Total network errors: 2$/m);
  });
});
