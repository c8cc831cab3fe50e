import { createSocket, type Socket } from "node:dgram";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/datadog-statsd.mjs", () => {
  let socket: Socket | undefined;
  afterEach(() => socket?.close());

  it("sends the call's numbers as DogStatsD gauges to a local UDP listener", async () => {
    socket = createSocket("udp4");
    const packets: string[] = [];
    socket.on("message", (message) => packets.push(message.toString("utf8")));
    await new Promise<void>((resolve) => socket!.bind(0, "127.0.0.1", resolve));
    const port = socket.address().port;

    const run = await runExample("datadog-statsd.mjs", [], {
      env: { STATSD_HOST: "127.0.0.1", STATSD_PORT: String(port), NODE_ENV: "test" },
    });
    expectCleanExit(run);
    expect(run.stdout).toMatch(new RegExp(`sent 5 gauges for l0_\\S+ to 127\\.0\\.0\\.1:${port}`));
    // Wait for the datagrams still in the socket buffer.
    for (let i = 0; i < 50 && packets.join("\n").split("\n").length < 5; i++) await new Promise((r) => setTimeout(r, 20));

    const lines = packets
      .join("\n")
      .split("\n")
      .filter((l) => l !== "");
    const gauges = new Map(
      lines.map((line) => {
        const match = /^([\w.]+):([\d.]+)\|g\|#(.*)$/.exec(line);
        expect(match, line).not.toBeNull();
        return [match![1], { value: Number(match![2]), tags: match![3] }] as const;
      }),
    );
    expect([...gauges.keys()].sort()).toEqual(["l0.duration", "l0.network_errors", "l0.retries", "l0.tokens", "l0.tokens_per_second"]);
    expect(gauges.get("l0.network_errors")?.value).toBe(1);
    expect(gauges.get("l0.retries")?.value).toBe(1);
    expect(gauges.get("l0.tokens")?.value).toBeGreaterThan(10);
    expect(gauges.get("l0.duration")?.value).toBeGreaterThan(0);
    for (const gauge of gauges.values()) expect(gauge.tags).toBe("env:test");
  });
});
