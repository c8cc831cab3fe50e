// Time to render /metrics with 1,000 label sets (each with the series l0 creates at 0), against
// prom-client rendering the same series in the same run.
import client from "prom-client";
import {
  createPrometheusCollector,
  createPrometheusRegistry,
  DRIFT_TYPES,
  ERROR_TYPE_CATEGORY,
  ERROR_TYPES,
  GUARDRAIL_SEVERITIES,
} from "../../dist/index.js";
import { L0_PROMETHEUS_METRICS, PROMETHEUS_DURATION_BUCKETS } from "../../dist/semconv.js";
import { medianNs } from "../measure.mjs";

export const title = "Prometheus exposition: l0 (OTel SDK + PrometheusSerializer) vs prom-client";

const LABEL_SETS = 1000;

function telemetry(i) {
  return {
    sessionId: `bench_${i}`,
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_001_000,
    duration: 1000 + (i % 50),
    metrics: {
      timeToFirstToken: 200 + (i % 30),
      tokensPerSecond: 90,
      totalTokens: 100,
      totalRetries: 1,
      networkRetries: 1,
      modelRetries: 0,
    },
    retries: { network: { connection_dropped: 1 }, model: {} },
    network: { errorCount: 1, errorsByType: { connection_dropped: 1 } },
    guardrails: { violationCount: 1, violationsByRule: { style: 1 }, violationsBySeverity: { warning: 1, error: 0, fatal: 0 } },
    drift: { detected: false, types: [] },
  };
}

// The label values whose series l0 creates at 0 for a new label set (semconv.md, "Series at 0").
const NETWORK_TYPES = ERROR_TYPES.filter((type) => ERROR_TYPE_CATEGORY[type] === "network");
const MODEL_REASONS = ERROR_TYPES.filter((type) => ERROR_TYPE_CATEGORY[type] === "model");
const SEVERITIES = GUARDRAIL_SEVERITIES;

/** The collector's metrics in prom-client, recorded the way the collector records one call (zero series included). */
function promClientCollector() {
  const registry = new client.Registry();
  const c = (name, help, labelNames = []) =>
    new client.Counter({ name, help, labelNames: ["service", "model", ...labelNames], registers: [registry] });
  const h = (name, help) =>
    new client.Histogram({
      name,
      help,
      labelNames: ["service", "model"],
      buckets: [...PROMETHEUS_DURATION_BUCKETS],
      registers: [registry],
    });
  const retryLabels = ["l0_retry_kind", "error_type"];
  const m = {
    overflow: new client.Counter({
      name: "l0_metric_overflow_total",
      help: "Overflow",
      labelNames: ["service", "metric"],
      registers: [registry],
    }),
    requests: c("l0_requests_total", "Total L0 requests"),
    duration: h("l0_request_duration_seconds", "L0 request duration in seconds"),
    tokens: c("l0_tokens_total", "Total tokens generated"),
    discarded: c("l0_tokens_discarded_total", "Output tokens of discarded attempts"),
    billed: c("l0_tokens_billed_total", "Provider-reported tokens", ["l0_token_type"]),
    generation: c("l0_generation_seconds_total", "Generation time of the kept output"),
    tps: new client.Gauge({
      name: "l0_tokens_per_second",
      help: "Generation throughput",
      labelNames: ["service", "model"],
      registers: [registry],
    }),
    ttft: h("l0_time_to_first_token_seconds", "Time to first token in seconds"),
    retries: c("l0_retries_total", "Total retry attempts", retryLabels),
    retriesNetwork: c("l0_retries_network_total", "Network retries", retryLabels),
    retriesModel: c("l0_retries_model_total", "Model retries", retryLabels),
    errors: c("l0_network_errors_total", "Total network errors"),
    errorsByType: c("l0_network_errors_by_type_total", "Network errors by type", ["error_type"]),
    violations: c("l0_guardrail_violations_total", "Total guardrail violations"),
    bySeverity: c("l0_guardrail_violations_by_severity_total", "Guardrail violations by severity", ["severity"]),
    byRule: c("l0_guardrail_violations_by_rule_total", "Guardrail violations by rule", ["rule"]),
    drift: c("l0_drift_detected_total", "Drift detection events", ["drift_type"]),
  };
  const record = (t, labels) => {
    const l = { service: "bench", ...labels };
    for (const counter of [m.requests, m.tokens, m.discarded, m.generation, m.errors, m.violations]) counter.inc(l, 0);
    for (const type of ["input", "output"]) m.billed.inc({ ...l, l0_token_type: type }, 0);
    for (const type of NETWORK_TYPES) {
      m.errorsByType.inc({ ...l, error_type: type }, 0);
      m.retries.inc({ ...l, l0_retry_kind: "network", error_type: type }, 0);
      m.retriesNetwork.inc({ ...l, l0_retry_kind: "network", error_type: type }, 0);
    }
    for (const reason of MODEL_REASONS) {
      m.retries.inc({ ...l, l0_retry_kind: "model", error_type: reason }, 0);
      m.retriesModel.inc({ ...l, l0_retry_kind: "model", error_type: reason }, 0);
    }
    for (const s of SEVERITIES) m.bySeverity.inc({ ...l, severity: s }, t.guardrails.violationsBySeverity[s]);
    for (const type of DRIFT_TYPES) m.drift.inc({ ...l, drift_type: type }, 0);
    m.requests.inc(l);
    m.duration.observe(l, t.duration / 1000);
    m.tokens.inc(l, t.metrics.totalTokens);
    m.tps.set(l, t.metrics.tokensPerSecond);
    m.ttft.observe(l, t.metrics.timeToFirstToken / 1000);
    for (const [type, n] of Object.entries(t.retries.network)) {
      m.retries.inc({ ...l, l0_retry_kind: "network", error_type: type }, n);
      m.retriesNetwork.inc({ ...l, l0_retry_kind: "network", error_type: type }, n);
    }
    m.errors.inc(l, t.network.errorCount);
    for (const [type, n] of Object.entries(t.network.errorsByType)) m.errorsByType.inc({ ...l, error_type: type }, n);
    m.violations.inc(l, t.guardrails.violationCount);
    for (const [rule, n] of Object.entries(t.guardrails.violationsByRule)) m.byRule.inc({ ...l, rule }, n);
  };
  for (const { suffix } of L0_PROMETHEUS_METRICS) {
    m.overflow.inc({ service: "bench", metric: `l0_${suffix}` }, 0);
  }
  return { registry, record };
}

export async function run() {
  // A histogram label set is 35 series and l0_retries_total starts 16 per model at 0: raise the series
  // limit (default 300 per metric name) so both sides render every label set.
  const collector = createPrometheusCollector({ defaultLabels: { service: "bench" }, cardinalityLimit: 40 * LABEL_SETS });
  const baseline = promClientCollector();
  for (let i = 0; i < LABEL_SETS; i++) {
    collector.record(telemetry(i), { model: `model_${i}` });
    baseline.record(telemetry(i), { model: `model_${i}` });
  }
  const series = collector
    .expose()
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#")).length;
  const baselineSeries = (await baseline.registry.metrics()).split("\n").filter((l) => l !== "" && !l.startsWith("#")).length;
  if (series !== baselineSeries) throw new Error(`series mismatch: l0 ${series}, prom-client ${baselineSeries}`);

  const promClientNs = await medianNs(() => baseline.registry.metrics());
  const exposeNs = await medianNs(() => collector.expose());
  const asyncNs = await medianNs(() => collector.metrics());

  const counterOnly = createPrometheusRegistry({ prefix: "", cardinalityLimit: 2 * LABEL_SETS });
  const counterBaseline = new client.Registry();
  const pc = new client.Counter({ name: "hits_total", help: "Hits", labelNames: ["user"], registers: [counterBaseline] });
  for (let i = 0; i < LABEL_SETS; i++) {
    counterOnly.incCounter("hits", "Hits", 1, { user: `u${i}` });
    pc.inc({ user: `u${i}` });
  }
  const counterSeries = counterOnly
    .expose()
    .split("\n")
    .filter((l) => l.startsWith("hits_total{")).length;
  if (counterSeries !== LABEL_SETS) throw new Error(`counter series: l0 ${counterSeries}, expected ${LABEL_SETS}`);
  const pcNs = await medianNs(() => counterBaseline.metrics());
  const counterNs = await medianNs(() => counterOnly.expose());

  const ms = (ns) => ns / 1e6;
  const baselineRow = { name: `prom-client registry.metrics(), same ${series} series`, value: ms(promClientNs) };
  return [
    { name: `collector.expose(), ${LABEL_SETS} label sets (${series} series)`, value: ms(exposeNs), unit: "ms", baseline: baselineRow },
    { name: `await collector.metrics(), ${LABEL_SETS} label sets`, value: ms(asyncNs), unit: "ms", baseline: baselineRow },
    {
      name: `registry.expose(), one counter x ${LABEL_SETS} label sets`,
      value: ms(counterNs),
      unit: "ms",
      baseline: { name: "prom-client counter, same series", value: ms(pcNs) },
    },
  ];
}
