import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/console-logging.mjs", () => {
  it("streams the answer through onEvent, shows the retry and prints the telemetry", async () => {
    const run = await runExample("console-logging.mjs");
    expectCleanExit(run);
    expect(run.stdout).toContain("[retry: econnreset, output so far discarded]");
    expect(run.stdout).toMatch(/tells you what happened\.\n--- Telemetry ---/);
    expect(run.stdout).toMatch(/^Duration: \d+(\.\d+)? ms$/m);
    expect(run.stdout).toMatch(/^Tokens: \d+$/m);
    expect(run.stdout).toMatch(/^Tokens\/sec: \d+\.\d{2}$/m);
    expect(run.stdout).toMatch(/^Retries: 1$/m);
    expect(run.stdout).toMatch(/^Network errors: 1$/m);
    expect(run.stdout).toContain('Errors by type: {"econnreset":1}');
  });
});
