// The scale-out harness: starts a real Prometheus BEFORE any l0 call, forks the worker processes,
// walks them through warm-up → run → done with scrape barriers in between, then compares what
// Prometheus shows with the sum of the workers' truth (totals at the final scrape; every dashboard
// query over the window of the run) and, when a Jaeger query API is given, checks every call's trace.
//
// Modes: `otlp` (workers export OTLP/HTTP to a Collector; Prometheus scrapes the Collector's
// Prometheus exporter) and `prometheus` (one worker; Prometheus scrapes its endpoint directly).
// Windowed comparisons need every series sampled at the same instants, i.e. ONE scrape target.
import { fork } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dashboardQueries } from "../lib/dashboard-queries.mjs";
import { startPrometheus } from "../lib/prometheus-server.mjs";
import { checkTraces } from "./check-traces.mjs";
import { compareDashboard } from "./compare-dashboard.mjs";
import { compareTotals, totalRows } from "./compare-totals.mjs";
import { dashboardTruth } from "./dashboard-truth.mjs";
import { readmeQueries } from "./readme-queries.mjs";
import { waitForPhase, windowRange } from "./scrape-barrier.mjs";
import { sumTruth } from "./truth.mjs";

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));
/** `service.name` of every worker (OTEL_SERVICE_NAME). */
export const SERVICE = "l0-scaleout";

/**
 * How much longer each call lasted on the consumer's clock (first pull to receiving the end event)
 * than its l0 duration: median, 99th percentile and largest, ms.
 */
function consumerLag(calls) {
  const lags = calls.filter((c) => c.l0.durationS !== undefined).map((c) => (c.consumer.durationS - c.l0.durationS) * 1000);
  lags.sort((a, b) => a - b);
  const at = (q) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)] ?? NaN;
  return { median: at(0.5), p99: at(0.99), max: lags.at(-1) ?? NaN };
}

/** Stop functions of the harness runs in progress. */
const running = new Set();

/** Stops what running harnesses started (their `finally` does it too); for signal handlers. */
export async function stopAll() {
  await Promise.all([...running].map((stop) => stop()));
}

/** A forked worker with a message queue. */
function startWorker(index, config) {
  const child = fork(WORKER, [], {
    execArgv: [],
    env: { ...process.env, OTEL_SERVICE_NAME: SERVICE, SCALEOUT_WORKER: JSON.stringify({ index, ...config }) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const messages = [];
  const waiters = [];
  child.on("message", (m) => {
    const i = waiters.findIndex((w) => w.type === m?.type);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(m);
    else messages.push(m);
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  return {
    child,
    exited,
    send: (type) => child.send({ type }),
    /** Resolves with the next message of `type`; rejects if the worker exits first. */
    next(type) {
      const i = messages.findIndex((m) => m?.type === type);
      if (i >= 0) return Promise.resolve(messages.splice(i, 1)[0]);
      return Promise.race([
        new Promise((resolve) => waiters.push({ type, resolve })),
        exited.then((code) => Promise.reject(new Error(`worker ${index} exited (${code}) before sending "${type}"`))),
      ]);
    },
  };
}

/**
 * Runs the workers and compares; resolves with the report (`ok` false when any number differs).
 * Stops every process it started, also when it throws.
 * @param {{
 *   mode: "otlp" | "prometheus", processes: number, calls: number, concurrency?: number,
 *   otlp?: string, collectorMetrics?: string, jaegerQuery?: string,
 *   dashboard: string, readme?: string, scrapeInterval?: string, log?: (line: string) => void, keepTruth?: true,
 * }} options
 */
export async function runScaleout(options) {
  const { mode, processes, calls, concurrency = 4, dashboard, readme, scrapeInterval = "500ms", log = () => {} } = options;
  if (mode === "prometheus" && processes !== 1) throw new Error("prometheus mode scrapes one worker (one target keeps windows exact)");
  const dir = await mkdtemp(join(tmpdir(), "l0-scaleout-"));
  const workers = [];
  let prometheus;
  const stop = async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => w.exited));
    await prometheus?.stop();
  };
  running.add(stop);
  try {
    if (mode === "otlp") {
      const target = new URL(options.collectorMetrics);
      prometheus = await startPrometheus({
        targets: [{ job: "otel-collector", target: target.host, metricsPath: target.pathname }],
        scrapeInterval,
      });
      log(`Prometheus ${prometheus.url} scraping the Collector's exporter ${options.collectorMetrics}, before any call`);
    }
    const models = ["scaleout-a", "scaleout-b"];
    for (let i = 0; i < processes; i++) {
      const config = { mode, otlp: options.otlp, calls, concurrency, seed: 1000 + i, models, truthFile: join(dir, `truth-${i}.json`) };
      workers.push(startWorker(i, config));
    }
    const ready = await Promise.all(workers.map((w) => w.next("ready")));
    if (mode === "prometheus") {
      prometheus = await startPrometheus({
        targets: [{ job: "l0-scaleout", target: `127.0.0.1:${ready[0].metricsPort}` }],
        scrapeInterval,
      });
      log(`Prometheus ${prometheus.url} scraping the worker's endpoint, before any call`);
    }
    log(`${processes} worker processes up: ${ready.map((r) => r.instanceId).join(", ")}`);

    for (const w of workers) w.send("warm-up");
    await Promise.all(workers.map((w) => w.next("warm")));
    const startMs = await waitForPhase(prometheus, 1, processes);
    log(`warm-up scraped at ${new Date(startMs).toISOString()}; the run starts`);
    const started = Date.now();
    for (const w of workers) w.send("go");
    const done = await Promise.all(workers.map((w) => w.next("done")));
    log(`${processes} × ${calls} calls in ${Date.now() - started} ms`);
    const endMs = await waitForPhase(prometheus, 2, processes);
    for (const w of workers) w.send("exit");
    const codes = await Promise.all(workers.map((w) => w.exited));
    if (codes.some((c) => c !== 0)) throw new Error(`worker exit codes ${codes.join(", ")}`);

    const truths = await Promise.all(done.map(async (d) => JSON.parse(await readFile(d.truthFile, "utf8"))));
    const allCalls = truths.flatMap((t) => t.calls);
    const problems = allCalls.filter((c) => c.problems.length > 0).map((c) => `${c.scenario}: ${c.problems.join("; ")}`);

    // Totals at the final scrape: every call (warm-up included) of every process.
    const instanceLabel = mode === "otlp" ? "exported_instance" : "instance";
    const perProcess = new Map(
      truths.map((t, i) => [mode === "otlp" ? t.instanceId : `127.0.0.1:${ready[i].metricsPort}`, t.calls.length]),
    );
    const all = sumTruth(allCalls);
    const totals = await compareTotals(prometheus, totalRows(all, { label: instanceLabel, truth: perProcess }), endMs);

    // Dashboard and README queries over the window of the run: the calls after the warm-up.
    const window = await windowRange(prometheus, startMs, endMs);
    const run = sumTruth(allCalls.filter((c) => c.phase === "run"));
    const truth = dashboardTruth(run, window.rangeMs / 1000);
    const panels = await compareDashboard(prometheus, dashboardQueries(dashboard), truth, { endMs, ...window });
    const readmeRows =
      readme === undefined ? [] : await compareDashboard(prometheus, readmeQueries(readme, dashboard), truth, { endMs, ...window });

    const traces =
      options.jaegerQuery === undefined
        ? undefined
        : await checkTraces({ queryUrl: options.jaegerQuery, service: SERVICE, calls: allCalls });
    return {
      processes,
      calls: allCalls.length,
      window: { startMs, endMs, ...window },
      consumerLagMs: consumerLag(allCalls),
      problems,
      totals,
      panels,
      readme: readmeRows,
      traces,
      ok:
        problems.length === 0 &&
        totals.every((r) => r.ok) &&
        panels.every((r) => r.ok) &&
        readmeRows.every((r) => r.ok) &&
        (traces === undefined || traces.failures.length === 0),
    };
  } finally {
    running.delete(stop);
    await stop();
    if (options.keepTruth === undefined) await rm(dir, { recursive: true, force: true });
    else log(`truth files kept in ${dir}`);
  }
}
