/**
 * README "Metrics" table against a real scrape of `registerL0Instrumentation({ prometheus })` after
 * l0() calls with a network retry, a guardrail violation (model retry), drift and failures (one with
 * provider usage): every
 * Prometheus name, its OTel instrument, its type, unit and labels.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrometheusCollector } from "../../src/export/prometheus-collector.js";
import type { L0Telemetry } from "../../src/types/telemetry.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { cellNames, repoFile, section, tableRows } from "../telemetry/doc-tables.js";
import { failedWithUsageCall, richCall, timedOutCall } from "../telemetry/rich-call.js";
import { promtoolCheckMetrics } from "./promtool.js";
import { freePort } from "../helpers/free-port.js";

const metricsSection = section(repoFile("README.md"), "## Metrics");
/** The labels every row has, from the table's header. */
const COMMON_LABELS = new Set(cellNames(metricsSection.split("\n").find((line) => line.startsWith("| Prometheus name"))!));

interface Family {
  type: string;
  unit: string | undefined;
  labels: Set<string>;
}

let handle: L0InstrumentationHandle;
let exposition = "";
let richTelemetry: L0Telemetry;
const families = new Map<string, Family>();

function familyOf(sample: string): Family | undefined {
  for (const suffix of ["", "_bucket", "_sum", "_count"]) {
    if (suffix !== "" && !sample.endsWith(suffix)) continue;
    const family = families.get(sample.slice(0, sample.length - suffix.length));
    if (family !== undefined) return family;
  }
  return undefined;
}

beforeAll(async () => {
  const port = await freePort();
  handle = registerL0Instrumentation({ prometheus: { port } });
  await handle.ready;
  richTelemetry = (await richCall()).telemetry!;
  await timedOutCall();
  expect((await failedWithUsageCall()).telemetry?.metrics.billedInputTokens).toBe(7);
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  exposition = await response.text();
  for (const m of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families.set(m[1]!, { type: m[2]!, unit: undefined, labels: new Set() });
  for (const m of exposition.matchAll(/^# UNIT (\S+) (\S+)$/gm)) families.get(m[1]!)!.unit = m[2]!;
  for (const m of exposition.matchAll(/^([a-zA-Z_:][\w:]*)\{([^}]*)\} /gm)) {
    const family = familyOf(m[1]!);
    for (const label of m[2]!.matchAll(/(\w+)="/g)) if (label[1] !== "le") family?.labels.add(label[1]!);
  }
});
afterAll(async () => {
  await handle.shutdown();
});

const rows = tableRows(metricsSection).flatMap(([prom = "", otel = "", type = "", labels = ""]) => {
  const promNames = cellNames(prom);
  const otelNames = cellNames(otel);
  expect(otelNames).toHaveLength(promNames.length);
  return promNames.map((name, i) => ({ name, otel: otelNames[i]!, type, labels: cellNames(labels) }));
});

describe("README Metrics table = the scraped registerL0Instrumentation({ prometheus }) endpoint", () => {
  it("the scrape is valid Prometheus text", () => {
    expect(promtoolCheckMetrics(exposition).status).toBe(0);
  });

  it("lists exactly the metric families exposed (besides the exporter's target_info, which it mentions)", () => {
    expect(rows.map((r) => r.name).sort()).toEqual([...families.keys()].filter((name) => name !== "target_info").sort());
    expect(families.has("target_info")).toBe(true);
    expect(metricsSection).toContain("`target_info`");
  });

  it("the common labels of the header are on every l0 series (the overflow counter has none but the scope's, as its row says)", () => {
    expect([...COMMON_LABELS].sort()).toEqual([
      "gen_ai_operation_name",
      "gen_ai_provider_name",
      "gen_ai_request_model",
      "otel_scope_name",
      "otel_scope_schema_url",
      "otel_scope_version",
    ]);
    for (const [name, family] of families) {
      if (name === "target_info") continue;
      if (name === "l0_metric_overflow_total") {
        expect([...family.labels].sort()).toEqual(["metric", "otel_scope_name", "otel_scope_schema_url", "otel_scope_version"]);
        expect(metricsSection).toContain("`metric` (and no identity labels");
        continue;
      }
      for (const label of COMMON_LABELS) expect(family.labels.has(label), `${name} ${label}`).toBe(true);
    }
  });

  it.each(rows.map((r) => [r.name, r] as const))("%s: type, unit, OTel name and labels", (_name, row) => {
    const family = families.get(row.name)!;
    const [type, unit] = /^(\w+)(?: \((.+)\))?$/.exec(row.type)!.slice(1);
    expect(family.type).toBe(type);
    if (unit !== undefined) expect(family.unit ?? unit.replace(/`/g, "")).toBe(unit.replace(/`/g, ""));
    if (unit === "s") expect(family.unit).toBe("s");
    // The OTel JS exporter: `.` → `_`, `_total` on counters, no unit suffix.
    expect(row.otel.replace(/\./g, "_") + (type === "counter" ? "_total" : "")).toBe(row.name);
    expect([...family.labels].filter((l) => !COMMON_LABELS.has(l)).sort()).toEqual([...row.labels].sort());
  });

  it("createPrometheusCollector writes the table's l0_* names with the instruments' metric labels, as the README states", () => {
    const collector = createPrometheusCollector();
    collector.record(richTelemetry, { model: "gpt-4o" });
    const text = collector.expose();
    const names = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    const l0Rows = rows.filter((r) => r.name.startsWith("l0_")).map((r) => `${r.name} ${/^\w+/.exec(r.type)![0]}`);
    expect(names.sort()).toEqual(l0Rows.sort());
    expect(text).toContain('l0_drift_detected_total{model="gpt-4o",drift_type="meta_commentary"} 1');
    expect(text).toContain('l0_retries_total{model="gpt-4o",l0_retry_kind="network",error_type="econnreset"} 1');
    expect(text).toContain('l0_retries_total{model="gpt-4o",l0_retry_kind="model",error_type="guardrail_violation"} 1');
    expect(metricsSection).toContain("with\nthe same numbers and metric labels as the instruments");
  });
});
