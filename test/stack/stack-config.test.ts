/**
 * The compose stack's files agree with each other, and the Prometheus config passes the real
 * `promtool check config`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dashboardQueries, selectsMetric } from "../../scripts/lib/dashboard-queries.mjs";
import { promqlLines } from "../../scripts/scaleout/readme-queries.mjs";
import { requireSystemBinary } from "../system-binaries.js";
import { DASHBOARD_FILE, readYaml, repoPath } from "./stack-files.js";

interface ComposeService {
  image: string;
  ports?: string[];
  volumes?: string[];
  depends_on?: string[];
}

const compose = readYaml("docker-compose.yml") as { services: Record<string, ComposeService> };
const collector = readYaml("observability", "otel-collector", "config.yaml") as {
  receivers: { otlp: { protocols: { grpc: { endpoint: string }; http: { endpoint: string } } } };
  exporters: Record<string, { endpoint?: string }>;
  service: { pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
  processors: Record<string, unknown>;
};
const prometheus = readYaml("observability", "prometheus", "prometheus.yml") as {
  scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
};
const datasources = readYaml("observability", "grafana", "provisioning", "datasources", "datasources.yaml") as {
  datasources: Array<{ uid: string; type: string; url: string }>;
};

const port = (endpoint: string): string => endpoint.slice(endpoint.lastIndexOf(":") + 1);
const containerPorts = (service: ComposeService): string[] => (service.ports ?? []).map((p) => p.split(":").at(-1) ?? "");

describe("observability stack files", () => {
  it("passes promtool check config", () => {
    const out = execFileSync(
      requireSystemBinary("promtool"),
      ["check", "config", repoPath("observability", "prometheus", "prometheus.yml")],
      {
        encoding: "utf8",
      },
    );
    expect(out).toContain("SUCCESS");
  });

  it("pins every image to a version tag", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.image, name).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+\.\d+$/);
    }
    expect(Object.keys(compose.services).sort()).toEqual(["grafana", "jaeger", "otel-collector", "prometheus"]);
  });

  it("mounts only files and folders that exist", () => {
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0] ?? "";
        expect(existsSync(repoPath(source)), source).toBe(true);
      }
    }
  });

  it("publishes the collector's OTLP receivers and Prometheus exporter on the ports its config listens on", () => {
    const published = containerPorts(compose.services["otel-collector"]!);
    expect(published).toContain(port(collector.receivers.otlp.protocols.grpc.endpoint));
    expect(published).toContain(port(collector.receivers.otlp.protocols.http.endpoint));
    expect(published).toContain(port(collector.exporters["prometheus"]!.endpoint!));
    expect(port(collector.receivers.otlp.protocols.http.endpoint)).toBe("4318");
  });

  it("routes traces to Jaeger and metrics to the Prometheus exporter, through defined processors", () => {
    const { traces, metrics } = collector.service.pipelines;
    expect(traces?.exporters).toEqual(["otlp/jaeger"]);
    expect(metrics?.exporters).toEqual(["prometheus"]);
    for (const pipeline of [traces!, metrics!]) {
      expect(pipeline.receivers).toEqual(["otlp"]);
      for (const processor of pipeline.processors) expect(collector.processors).toHaveProperty(processor);
    }
    expect(collector.exporters["otlp/jaeger"]!.endpoint).toBe("jaeger:4317");
  });

  it("scrapes the collector's Prometheus exporter by its compose service name", () => {
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    expect(targets).toEqual([`otel-collector:${port(collector.exporters["prometheus"]!.endpoint!)}`]);
  });

  it("provisions Grafana data sources that point at compose services, and the dashboard uses them", () => {
    const byType = new Map(datasources.datasources.map((d) => [d.type, d]));
    expect(byType.get("prometheus")?.url).toBe("http://prometheus:9090");
    expect(byType.get("jaeger")?.url).toBe("http://jaeger:16686");
    expect(containerPorts(compose.services["prometheus"]!)).toContain("9090");
    expect(containerPorts(compose.services["jaeger"]!)).toContain("16686");
    const uids = new Set(datasources.datasources.map((d) => d.uid));
    const queries = dashboardQueries(DASHBOARD_FILE);
    expect(queries.length).toBeGreaterThanOrEqual(20);
    for (const query of queries) expect(uids.has(query.datasourceUid ?? ""), query.panel).toBe(true);
  });

  it("charts the metrics of the exposition table and the GenAI client metrics", () => {
    const exprs = dashboardQueries(DASHBOARD_FILE).map((q) => q.expr);
    for (const name of [
      "l0_requests_total",
      "l0_request_duration_seconds_bucket",
      "l0_time_to_first_token_seconds_bucket",
      "l0_retries_network_total",
      "l0_retries_model_total",
      "l0_network_errors_by_type_total",
      "l0_guardrail_violations_by_severity_total",
      "l0_guardrail_violations_by_rule_total",
      "l0_drift_detected_total",
      "l0_tokens_total",
      "l0_tokens_discarded_total",
      "l0_tokens_billed_total",
      "l0_generation_seconds_total",
      "l0_request_duration_seconds_sum",
      // The OTel JS Prometheus exporter adds no unit suffix; the Collector's exporter does.
      "gen_ai_client_inference_duration_bucket",
      "gen_ai_client_inference_duration_seconds_bucket",
      "gen_ai_client_inference_time_to_first_chunk_bucket",
      "gen_ai_client_inference_time_to_first_chunk_seconds_bucket",
      "gen_ai_client_inference_usage_input_tokens_total",
      "gen_ai_client_inference_usage_output_tokens_total",
    ]) {
      expect(
        exprs.some((expr) => selectsMetric(expr, name)),
        name,
      ).toBe(true);
    }
  });

  it("charts throughput as semconv.md defines it: kept tokens over generation seconds, a ratio of counter rates", () => {
    const exprs = [...dashboardQueries(DASHBOARD_FILE).map((q) => q.expr), ...promqlLines(repoPath("README.md"))];
    // Never the last-value gauge, never tokens over request time.
    for (const expr of exprs) expect(selectsMetric(expr, "l0_tokens_per_second"), expr).toBe(false);
    for (const expr of exprs.filter((e) => /l0_tokens_total/.test(e))) expect(expr, expr).not.toMatch(/l0_request_duration_seconds/);
    const definition = /sum\(rate\(l0_tokens_total\[5m\]\)\) \/ sum\(rate\(l0_generation_seconds_total\[5m\]\)\)/.exec(
      readFileSync(repoPath("semconv.md"), "utf8"),
    )?.[0];
    expect(definition, "semconv.md writes down the throughput query").toBeDefined();
    const throughput = exprs.filter((expr) => /l0_tokens_total/.test(expr) && /l0_generation_seconds_total/.test(expr));
    expect(throughput.length).toBeGreaterThanOrEqual(3);
    // The dashboard's with Grafana's windows in place of 5m, the README's verbatim.
    for (const expr of throughput) expect(expr.replace(/\[\$__(rate_interval|range)\]/g, "[5m]")).toBe(definition);
  });

  it("provisions the dashboard folder that the compose file mounts", () => {
    const provider = readFileSync(repoPath("observability", "grafana", "provisioning", "dashboards", "dashboards.yaml"), "utf8");
    const mount = compose.services["grafana"]!.volumes!.find((v) => v.includes("dashboards:"))!;
    expect(provider).toContain(`path: ${mount.split(":")[1]}`);
  });
});
