import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/l0-monitor.mjs", () => {
  it("records a session by hand and prints its telemetry, summary and JSON", async () => {
    const run = await runExample("l0-monitor.mjs");
    expectCleanExit(run);
    const telemetry = JSON.parse(/^telemetry: (.*)$/m.exec(run.stdout)![1]!) as Record<string, any>;
    expect(telemetry["metrics"]).toMatchObject({ totalTokens: 3, totalRetries: 1, networkRetries: 1, modelRetries: 0 });
    expect(telemetry["network"]).toMatchObject({ errorCount: 1, errorsByType: { econnreset: 1 } });
    // Without captureContent an error is described by its type and code, not by its message text.
    expect(telemetry["network"]["errors"][0]).toMatchObject({
      type: "econnreset",
      message: "Error ECONNRESET",
      retried: true,
      delay: 1000,
    });
    expect(telemetry["duration"]).toBeGreaterThanOrEqual(0);
    const summary = JSON.parse(/^summary: (.*)$/m.exec(run.stdout)![1]!) as Record<string, unknown>;
    expect(summary).toBeTypeOf("object");
    const json = JSON.parse(run.stdout.slice(run.stdout.indexOf("json: ") + "json: ".length)) as Record<string, unknown>;
    expect(json["sessionId"]).toBe(telemetry["sessionId"]);
  });
});
