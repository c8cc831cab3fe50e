#!/usr/bin/env node
// Regenerates the README's pictures (docs/images/*.png) from the real tools, all on 127.0.0.1:
//   1. Jaeger v2 (scripts/build-jaeger.sh) runs the collector config of docker-compose.yml, as
//      scripts/stack-test.sh does; a real Prometheus scrapes the collector's Prometheus exporter.
//   2. The demo runs a few times in a row (about 20 s each) and exports its traces and metrics over
//      OTLP/HTTP to it.
//   3. jaeger-trace.png: the demo's mid-stream-drop call, read back from Jaeger's query API and
//      drawn as a trace timeline (the Jaeger binary built from the Go module serves no UI assets).
//   4. dashboard.png: the provisioned Grafana dashboard's panels and queries, served with the data
//      by Prometheus's console templates (Grafana itself is not installed here).
// Screenshots by headless Chromium (Debian's `chromium`). Not run in CI (it takes minutes).
//   npm run build && node scripts/render-images.mjs [--runs 4]
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { consoleDashboard } from "./lib/console-dashboard.mjs";
import { tracePage } from "./lib/trace-page.mjs";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "docs", "images");
const { values } = parseArgs({ options: { runs: { type: "string", default: "4" } } });
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CONSOLE_LIBRARIES = "/usr/share/doc/prometheus/examples/console_libraries";

for (const [file, how] of [
  [CHROMIUM, "apt-get install chromium (or set CHROMIUM)"],
  [path.join(root, "dist", "index.js"), "npm run build"],
  [path.join(CONSOLE_LIBRARIES, "prom.lib"), "apt-get install prometheus"],
]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${how}`);
}

const work = mkdtempSync(path.join(tmpdir(), "l0-images-"));
const children = [];
const step = (text) => console.log(`== render-images: ${text}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` distinct free ports on 127.0.0.1. */
async function freePorts(count) {
  const servers = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
  }
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function start(name, command, args) {
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk) => (log = (log + chunk).slice(-4000)));
  child.on("exit", (code) => code && console.error(`${name} exited ${code}\n${log}`));
  children.push(child);
  return child;
}

async function until(what, probe, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function screenshot(url, file, width, height, budgetMs) {
  execFileSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      `--user-data-dir=${mkdtempSync(path.join(work, "chromium-"))}`,
      `--window-size=${width},${height}`,
      ...(budgetMs ? [`--virtual-time-budget=${budgetMs}`] : []),
      ...(process.env.RENDER_DEBUG ? ["--enable-logging=stderr", "--v=0"] : []),
      `--screenshot=${file}`,
      url,
    ],
    { stdio: ["ignore", "ignore", process.env.RENDER_DEBUG ? "inherit" : "ignore"], timeout: 120_000 },
  );
  console.log(`wrote ${path.relative(root, file)}`);
}

try {
  const [otlpGrpc, otlpHttp, promExporter, queryHttp, queryGrpc, promPort, demoMetrics] = await freePorts(7);

  step("Jaeger v2 with the collector config of docker-compose.yml");
  const jaeger = execFileSync(path.join(root, "scripts", "build-jaeger.sh"), { encoding: "utf8" }).trim();
  writeFileSync(
    path.join(work, "jaeger-overrides.yaml"),
    `receivers:
  otlp:
    protocols:
      grpc: { endpoint: 127.0.0.1:${otlpGrpc} }
      http: { endpoint: 127.0.0.1:${otlpHttp} }
exporters:
  prometheus: { endpoint: 127.0.0.1:${promExporter} }
  jaeger_storage_exporter: { trace_storage: memstore }
extensions:
  jaeger_storage: { backends: { memstore: { memory: { max_traces: 10000 } } } }
  jaeger_query:
    storage: { traces: memstore }
    http: { endpoint: 127.0.0.1:${queryHttp} }
    grpc: { endpoint: 127.0.0.1:${queryGrpc} }
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines: { traces: { exporters: [jaeger_storage_exporter] } }
  telemetry: { metrics: { level: none } }
`,
  );
  start("jaeger", jaeger, [
    "--config",
    `file:${path.join(root, "observability", "otel-collector", "config.yaml")}`,
    "--config",
    `file:${path.join(work, "jaeger-overrides.yaml")}`,
  ]);
  await until("Jaeger's query API", async () => (await fetch(`http://127.0.0.1:${queryHttp}/api/services`)).ok);

  step("Prometheus scraping the collector, with the dashboard as a console template");
  mkdirSync(path.join(work, "consoles"));
  const runs = Number(values.runs);
  const dashboard = consoleDashboard(path.join(root, "observability", "grafana", "dashboards", "l0.json"), {
    durationSeconds: 20 * runs + 15,
  });
  writeFileSync(path.join(work, "consoles", "l0.html"), dashboard);
  writeFileSync(
    path.join(work, "prometheus.yml"),
    `global: { scrape_interval: 2s, evaluation_interval: 2s }\nscrape_configs:\n  - job_name: otel-collector\n    static_configs: [{ targets: ["127.0.0.1:${promExporter}"] }]\n`,
  );
  start("prometheus", "prometheus", [
    `--config.file=${path.join(work, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(work, "tsdb")}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    `--web.console.templates=${path.join(work, "consoles")}`,
    `--web.console.libraries=${CONSOLE_LIBRARIES}`,
    "--log.level=warn",
  ]);
  await until("Prometheus", async () => (await fetch(`http://127.0.0.1:${promPort}/-/ready`)).ok);

  for (let run = 1; run <= runs; run++) {
    step(`demo run ${run}/${runs}, exporting OTLP`);
    execFileSync(
      process.execPath,
      [
        "examples/demo.mjs",
        "--otlp",
        `http://127.0.0.1:${otlpHttp}`,
        "--metrics-port",
        String(demoMetrics),
        "--out",
        path.join(work, "telemetry.jsonl"),
      ],
      { cwd: root, stdio: "ignore", timeout: 180_000 },
    );
  }

  step("the mid-stream drop's trace from Jaeger's query API");
  let trace;
  await until("the demo's traces", async () => {
    const body = await (await fetch(`http://127.0.0.1:${queryHttp}/api/traces?service=l0-demo&limit=200&lookback=1h`)).json();
    const tagsOf = (span) => Object.fromEntries((span.tags ?? []).map((t) => [t.key, t.value]));
    trace = (body.data ?? []).find((t) =>
      t.spans.some((s) => s.operationName === "l0.attempt" && tagsOf(s)["error.type"] === "connection_dropped"),
    );
    return trace !== undefined;
  });
  const detailsFor = (span) => {
    const tags = Object.fromEntries((span.tags ?? []).map((t) => [t.key, t.value]));
    if (span.operationName.startsWith("chat "))
      return ["gen_ai.request.model", "gen_ai.usage.output_tokens", "l0.retries.network", "l0.outcome"];
    if (span.operationName === "l0.attempt" && tags["error.type"])
      return ["l0.attempt.number", "l0.outcome", "error.type", "l0.retry.kind"];
    return undefined;
  };
  const rows = trace.spans.length;
  writeFileSync(path.join(work, "trace.html"), tracePage(trace, { detailsFor, width: 1400 }));
  mkdirSync(out, { recursive: true });
  screenshot(pathToFileURL(path.join(work, "trace.html")).href, path.join(out, "jaeger-trace.png"), 1400, 110 + rows * 28 + 2 * 80);

  step("the dashboard, once the last scrape is in");
  await sleep(3000);
  screenshot(`http://127.0.0.1:${promPort}/consoles/l0.html`, path.join(out, "dashboard.png"), 1400, 1570, 20_000);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await sleep(500);
  rmSync(work, { recursive: true, force: true });
}
