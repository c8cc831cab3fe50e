/**
 * The demo with a --metrics-port another process holds: it prints l0's typed error (naming host
 * and port) and exits 1, instead of printing the URL of someone else's port.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExample } from "../helpers/run-example.js";
import { listenOnFreePort } from "../helpers/free-port.js";

describe("demo with a busy metrics port", () => {
  it("prints the LISTEN_FAILED error and exits 1", async () => {
    const blocker = createServer();
    const port = await listenOnFreePort(blocker);
    const dir = mkdtempSync(join(tmpdir(), "l0-demo-busy-"));
    try {
      const run = await runExample("demo.mjs", ["--short", "--metrics-port", String(port), "--out", join(dir, "t.jsonl")], {
        cwd: dir,
        timeoutMs: 60_000,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `the Prometheus endpoint http://127.0.0.1:${port}/metrics could not start: 127.0.0.1 port ${port} is already in use (EADDRINUSE)`,
      );
      expect(run.stderr).toContain("--metrics-port");
      expect(run.stdout).not.toContain("metrics: http://");
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
