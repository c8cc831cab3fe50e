/**
 * A real Prometheus server scrapes (a) an http server using prometheusMiddleware(collector) and
 * (b) the registerL0Instrumentation Prometheus endpoint, after real l0() calls on mock streams;
 * then every PromQL query of MONITORING.md's "Grafana Dashboard" section must return data.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrometheusCollector, prometheusMiddleware } from "../../src/index.js";
import type { GuardrailRule, L0Options } from "../../src/index.js";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import type { L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { faults, mockStreamFactory } from "../../src/testing/index.js";
import { promtoolCheckMetrics } from "../export/promtool.js";
import { requireSystemBinary } from "../system-binaries.js";
import { freePort, listenOnFreePort } from "../helpers/free-port.js";

/** The queries of MONITORING.md, "Grafana Dashboard", verbatim. */
const DASHBOARD_QUERIES = [
  "rate(l0_requests_total[5m])",
  "rate(l0_request_duration_seconds_sum[5m]) / rate(l0_request_duration_seconds_count[5m])",
  "avg(l0_tokens_per_second)",
  "rate(l0_network_errors_total[5m]) / rate(l0_requests_total[5m])",
  "histogram_quantile(0.99, rate(l0_time_to_first_token_seconds_bucket[5m]))",
  "sum by (severity) (rate(l0_guardrail_violations_by_severity_total[5m]))",
];

interface PromVectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

let prometheus: ChildProcess | undefined;
let promUrl = "";
let storage = "";
let metricsServer: http.Server | undefined;
let instrumentation: L0InstrumentationHandle | undefined;
let collectorUrl = "";
let instrumentationUrl = "";
const collector = createPrometheusCollector({ defaultLabels: { service: "it" } });

async function query(expr: string): Promise<PromVectorSample[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as { status: string; data?: { resultType: string; result: PromVectorSample[] }; error?: string };
  if (body.status !== "success" || body.data === undefined) throw new Error(`query ${expr} failed: ${body.error ?? res.status}`);
  return body.data.result;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

const warnRule: GuardrailRule = {
  name: "style",
  streaming: false,
  check: (ctx) => (ctx.completed ? [{ rule: "style", message: "informal tone", severity: "warning", recoverable: false }] : []),
};

/** Three kinds of call per round: clean, a network retry, a guardrail warning. */
function roundOfCalls(): L0Options[] {
  const monitoring = { enabled: true };
  const retry = { baseDelay: 1, maxDelay: 5 };
  return [
    { stream: mockStreamFactory([["Hello", " world", "!"]], { chunkDelayMs: 2 }), monitoring },
    {
      stream: mockStreamFactory(
        [
          ["Hel", faults.econnreset()],
          ["Hello", " again"],
        ],
        { chunkDelayMs: 2 },
      ),
      retry,
      monitoring,
    },
    { stream: mockStreamFactory([["Fine", " text", " here"]], { chunkDelayMs: 2 }), guardrails: [warnRule], retry, monitoring },
  ];
}

let calls = 0;
async function runRound(): Promise<void> {
  for (const options of roundOfCalls()) {
    const result = await l0(options);
    for await (const _event of result.stream) {
      // consume
    }
    calls += 1;
    collector.record(result.telemetry, { model: "mock" });
  }
}

beforeAll(async () => {
  metricsServer = http.createServer(prometheusMiddleware(collector));
  collectorUrl = `127.0.0.1:${await listenOnFreePort(metricsServer)}`;

  const instrumentationPort = await freePort();
  instrumentation = registerL0Instrumentation({ prometheus: { port: instrumentationPort, host: "127.0.0.1" }, useGlobal: false });
  await instrumentation.ready;
  instrumentationUrl = `127.0.0.1:${instrumentationPort}`;

  storage = await mkdtemp(join(tmpdir(), "l0-prometheus-"));
  const config = join(storage, "prometheus.yml");
  await writeFile(
    config,
    [
      "global:",
      "  scrape_interval: 1s",
      "  evaluation_interval: 1s",
      "scrape_configs:",
      "  - job_name: collector",
      `    static_configs: [{ targets: ["${collectorUrl}"] }]`,
      "  - job_name: instrumentation",
      `    static_configs: [{ targets: ["${instrumentationUrl}"] }]`,
      "",
    ].join("\n"),
  );
  const promPort = await freePort();
  promUrl = `http://127.0.0.1:${promPort}`;
  prometheus = spawn(
    requireSystemBinary("prometheus"),
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(storage, "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  prometheus.on("error", (error) => void (stderr += `spawn failed: ${error.message}`));
  prometheus.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  await until(`Prometheus to be ready (${stderr})`, async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined));
}, 30_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null && prometheus.pid !== undefined) {
    const exited = new Promise((resolve) => prometheus!.once("exit", resolve));
    prometheus.kill("SIGTERM");
    const timer = setTimeout(() => prometheus?.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)));
  await instrumentation?.shutdown();
  await collector.shutdown();
  if (storage) await rm(storage, { recursive: true, force: true });
});

describe("a real Prometheus scraping l0", () => {
  it("answers every Grafana Dashboard query with data from both endpoints", async () => {
    // Prometheus starts scraping a few seconds after it is ready: wait for both targets first.
    await until("both targets to be up", async () => ((await query("up == 1")).length === 2 ? true : undefined));
    // Then calls between scrapes, so every rate() over [5m] has >= 2 samples and a non-zero increase.
    for (let round = 0; round < 4; round++) {
      await runRound();
      for (const job of ["collector", "instrumentation"]) {
        await until(`${job} to report ${calls} requests`, async () => {
          const samples = await query(`sum(l0_requests_total{job="${job}"})`);
          return Number(samples[0]?.value[1]) === calls ? true : undefined;
        });
      }
    }
    expect(calls).toBe(12);

    // Each query verbatim, and once per job (the metric selectors restricted to it), so both
    // endpoints are shown to answer every panel.
    const variants = DASHBOARD_QUERIES.flatMap((expr) => [
      expr,
      ...["collector", "instrumentation"].map((job) => expr.replace(/\b(l0_[a-z_]+)\b/g, `$1{job="${job}"}`)),
    ]);
    expect(variants).toHaveLength(18);
    const missing: string[] = [];
    for (const expr of variants) {
      let seen: PromVectorSample[] = [];
      await until(
        `data for ${expr}`,
        async () => {
          seen = await query(expr);
          return seen.some((x) => Number.isFinite(Number(x.value[1])) && Number(x.value[1]) > 0) ? true : undefined;
        },
        5000,
      ).catch(() => missing.push(`${expr} -> ${JSON.stringify(seen)}`));
    }
    // Spot-check meaning, not only presence, on the collector's series.
    const severities = await query('sum by (severity) (l0_guardrail_violations_by_severity_total{job="collector"})');
    expect(Object.fromEntries(severities.map((s) => [s.metric["severity"], Number(s.value[1])]))).toEqual({
      warning: 4,
      error: 0,
      fatal: 0,
    });
    const networkErrors = await query('l0_network_errors_total{job="collector"}');
    expect(Number(networkErrors[0]?.value[1])).toBe(4);
    const ttftCount = await query('l0_time_to_first_token_seconds_count{job="collector"}');
    expect(Number(ttftCount[0]?.value[1])).toBe(12);

    expect(missing, missing.join("\n")).toEqual([]);
  }, 40_000);

  it("serves expositions that promtool accepts on both endpoints", async () => {
    for (const url of [collectorUrl, instrumentationUrl]) {
      const text = await (await fetch(`http://${url}/metrics`)).text();
      expect(text).toContain("l0_requests_total");
      expect(promtoolCheckMetrics(text), url).toEqual({ status: 0, output: "" });
    }
  });
});
