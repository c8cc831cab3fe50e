import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { listenOnFreePort } from "../helpers/free-port.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/custom-analytics.mjs", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  it("POSTs one batch with an event per call to the configured analytics URL", async () => {
    const received: Array<{ method: string; url: string; type: string; body: string }> = [];
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        received.push({ method: req.method ?? "", url: req.url ?? "", type: req.headers["content-type"] ?? "", body });
        res.writeHead(204).end();
      });
    });
    const port = await listenOnFreePort(server);

    const run = await runExample("custom-analytics.mjs", [], { env: { ANALYTICS_URL: `http://127.0.0.1:${port}/events` } });
    expectCleanExit(run);
    expect(run.stdout).toContain(`posted 3 events to http://127.0.0.1:${port}/events`);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", url: "/events", type: "application/json" });
    const events = JSON.parse(received[0]!.body) as Array<Record<string, unknown>>;
    expect(events).toHaveLength(3);
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(
        ["duration", "event", "network_errors", "retries", "session_id", "timestamp", "tokens", "tokens_per_second", "violations"].sort(),
      );
      expect(event["event"]).toBe("l0_execution");
    }
    expect(events.map((e) => [e["retries"], e["network_errors"], e["violations"]])).toEqual([
      [0, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
    ]);
  });
});
