#!/usr/bin/env node
// Scale-out run (see harness.mjs): N worker processes export OTLP/HTTP to a Collector; a real
// Prometheus scrapes the Collector; prints truth vs Prometheus, checks traces in Jaeger.
//
// usage: node scripts/scaleout/run.mjs --otlp <collector OTLP/HTTP url> --collector-metrics <exporter url>/metrics
//          [--jaeger-query <url>] [--processes 4] [--calls 120] [--concurrency 4]
import { parseArgs } from "node:util";
import { runScaleout, stopAll } from "./harness.mjs";
import { formatReport } from "./report.mjs";

const { values: args } = parseArgs({
  options: {
    otlp: { type: "string" },
    "collector-metrics": { type: "string" },
    "jaeger-query": { type: "string" },
    processes: { type: "string", default: "4" },
    calls: { type: "string", default: "120" },
    concurrency: { type: "string", default: "4" },
    dashboard: { type: "string", default: "observability/grafana/dashboards/l0.json" },
    readme: { type: "string", default: "README.md" },
  },
});
if (args.otlp === undefined || args["collector-metrics"] === undefined) {
  console.error("usage: run.mjs --otlp <url> --collector-metrics <url> [--jaeger-query <url>] [--processes N] [--calls M]");
  process.exit(2);
}

// Interrupted: stop the workers and Prometheus before exiting.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.error(`scale-out: ${signal}, stopping the workers and Prometheus`);
    stopAll().finally(() => process.exit(130));
  });
}

const report = await runScaleout({
  mode: "otlp",
  processes: Number(args.processes),
  calls: Number(args.calls),
  concurrency: Number(args.concurrency),
  otlp: args.otlp.replace(/\/+$/, ""),
  collectorMetrics: args["collector-metrics"],
  jaegerQuery: args["jaeger-query"],
  dashboard: args.dashboard,
  readme: args.readme,
  log: (line) => console.log(`scale-out: ${line}`),
});
console.log(`\n${formatReport(report)}`);
process.exitCode = report.ok ? 0 : 1;
