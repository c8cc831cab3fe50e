// Starts a real Prometheus server on 127.0.0.1 with a temporary config and data folder, scraping
// the given targets; used by the stack test and by test/stack/. Needs the `prometheus` binary
// (PROMETHEUS_BIN overrides the one on PATH).
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ targets: Array<{ job: string, target: string, metricsPath?: string }>, scrapeInterval?: string, startTimeoutMs?: number }} options
 */
export async function startPrometheus({ targets, scrapeInterval = "1s", startTimeoutMs = 30_000 }) {
  const dir = await mkdtemp(join(tmpdir(), "l0-prometheus-"));
  const port = await freePort();
  const jobs = targets
    .map(
      (t) =>
        `  - job_name: ${JSON.stringify(t.job)}\n    metrics_path: ${JSON.stringify(t.metricsPath ?? "/metrics")}\n` +
        `    static_configs:\n      - targets: [${JSON.stringify(t.target)}]\n`,
    )
    .join("");
  const config = `global:\n  scrape_interval: ${scrapeInterval}\n  scrape_timeout: ${scrapeInterval}\nscrape_configs:\n${jobs}`;
  const configFile = join(dir, "prometheus.yml");
  await writeFile(configFile, config);
  const binary = process.env.PROMETHEUS_BIN ?? "prometheus";
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let spawnError;
  child.once("error", (error) => {
    spawnError = error;
  });
  const url = `http://127.0.0.1:${port}`;

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  }

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (spawnError || child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus did not start (${spawnError?.message ?? `exit ${child.exitCode}`}): ${stderr}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready after ${startTimeoutMs} ms: ${stderr}`);
    }
    await sleep(100);
  }

  /**
   * Runs an instant query, at `timeMs` (epoch ms) when given, else now; returns the `data` of the
   * answer (throws on a PromQL error).
   */
  async function query(expr, timeMs) {
    const at = timeMs === undefined ? "" : `&time=${(timeMs / 1000).toFixed(3)}`;
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}${at}`);
    const body = await response.json();
    if (body.status !== "success") throw new Error(`${expr}: ${body.errorType}: ${body.error}`);
    return body.data;
  }

  /** Waits until `expr` returns at least one series (polling every 250 ms). */
  async function waitForData(expr, timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const data = await query(expr);
      if (Array.isArray(data.result) && data.result.length > 0) return data;
      if (Date.now() > until) throw new Error(`no data for ${expr} after ${timeoutMs} ms`);
      await sleep(250);
    }
  }

  /** Scrape targets with their health and last error. */
  async function targetHealth() {
    const response = await fetch(`${url}/api/v1/targets`);
    const body = await response.json();
    return body.data.activeTargets.map((t) => ({ job: t.labels.job, health: t.health, lastError: t.lastError }));
  }

  return { url, query, waitForData, targetHealth, stop };
}
