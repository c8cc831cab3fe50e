import { describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample, UUID } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/otel-node-sdk.mjs", () => {
  it("records into the NodeSDK's global providers: L0SpanProcessor telemetry, spans and Prometheus metrics", async () => {
    const run = await runExample("otel-node-sdk.mjs");
    expectCleanExit(run);
    expect(run.stdout).toMatch(/^telemetry: \d+ tokens, 1 network retry$/m);
    const spans = [...run.stdout.matchAll(/^span (.*)$/gm)].map((m) => m[1]);
    expect(spans).toEqual([
      "l0.attempt attempt=1 outcome=retry",
      "l0.attempt attempt=2 outcome=success",
      "chat gpt-4o-mini model=gpt-4o-mini outcome=success",
    ]);
    expect(run.stdout).toMatch(/^l0_requests_total\{[^}]*gen_ai_request_model="gpt-4o-mini"[^}]*\} 1$/m);
    expect(run.stdout).toMatch(/^l0_retries_network_total\{[^}]*error_type="rate_limit"[^}]*\} 1$/m);
    // Served from a port the OS chose, with this process's own service.instance.id in target_info.
    expect(run.stdout).toMatch(/^scraped http:\/\/127\.0\.0\.1:\d+\/metrics:$/m);
    expect(/^target_info service_instance_id=(.*)$/m.exec(run.stdout)?.[1]).toMatch(UUID);
  });
});
