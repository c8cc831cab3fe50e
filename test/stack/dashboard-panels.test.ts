/**
 * The Grafana dashboard against what l0 really exposes: every metric and label a panel query
 * names exists in the exposition after l0() calls with retries, a network error, a guardrail
 * violation, drift and a failure; seconds panels are labelled seconds; the panels users look for
 * are there.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { createHarness } from "../telemetry/otel-harness.js";
import { fallbackCall, richCall, timedOutCall } from "../telemetry/rich-call.js";
import { DASHBOARD_FILE } from "./stack-files.js";

interface Panel {
  type: string;
  title: string;
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: { expr: string; legendFormat?: string }[];
}

const panels = (JSON.parse(readFileSync(DASHBOARD_FILE, "utf8")) as { panels: Panel[] }).panels.filter((p) => p.type !== "row");
/** Label names by sample name (`_bucket` / `_sum` / `_count` samples separately). */
const samples = new Map<string, Set<string>>();
let handle: L0InstrumentationHandle;

beforeAll(async () => {
  const h = createHarness();
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
  await richCall();
  await fallbackCall();
  await timedOutCall();
  for (const m of (await h.prometheus()).matchAll(/^([a-zA-Z_:][\w:]*)\{([^}]*)\} /gm)) {
    const labels = samples.get(m[1]!) ?? new Set<string>();
    for (const label of m[2]!.matchAll(/(\w+)="/g)) labels.add(label[1]!);
    samples.set(m[1]!, labels);
  }
});
afterAll(async () => {
  await handle.shutdown();
});

/** Sample names a query selects: plain metric names and `{__name__=~"..."}` selectors. */
function selected(expr: string): string[][] {
  const out: string[][] = [];
  for (const m of expr.matchAll(/__name__=~"([^"]+)"/g)) {
    const re = new RegExp(`^(?:${m[1]!})$`);
    out.push([...samples.keys()].filter((name) => re.test(name)));
  }
  for (const m of expr
    .replace(/\{[^}]*\}/g, "")
    .replace(/\b(?:by|without) \([^)]*\)/g, "")
    .matchAll(/\b((?:l0|gen_ai)_\w+)\b/g))
    out.push([m[1]!]);
  return out;
}

/** Labels a query groups or formats by. */
function labelsUsed(expr: string, legend: string | undefined): string[] {
  const labels = [...expr.matchAll(/by \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(",").map((l) => l.trim()));
  for (const m of (legend ?? "").matchAll(/\{\{\s*(\w+)\s*\}\}/g)) labels.push(m[1]!);
  return labels.filter((l) => l !== "le");
}

const SECONDS = /_seconds|duration|time_to_first|time_per_output/;

describe("Grafana dashboard l0.json", () => {
  it.each(panels.map((p) => [p.title, p] as const))("%s: queries name metrics and labels that exist", (_title, panel) => {
    expect(panel.targets?.length).toBeGreaterThan(0);
    for (const { expr, legendFormat } of panel.targets ?? []) {
      const selections = selected(expr);
      expect(selections.length, expr).toBeGreaterThan(0);
      for (const names of selections) {
        expect(names.length, expr).toBeGreaterThan(0);
        for (const name of names) expect(samples.has(name), `${expr}: ${name}`).toBe(true);
        for (const label of labelsUsed(expr, legendFormat)) {
          expect(
            names.some((name) => samples.get(name)?.has(label)),
            `${expr}: label ${label}`,
          ).toBe(true);
        }
      }
    }
  });

  it.each(panels.map((p) => [p.title, p] as const))("%s: the unit is seconds exactly when the panel shows times", (_title, panel) => {
    const times = (panel.targets ?? []).every(({ expr }) => SECONDS.test(expr) && !/tokens/.test(expr));
    expect(panel.fieldConfig?.defaults?.unit === "s", panel.title).toBe(times);
  });

  it("has the panels users look for", () => {
    const find = (title: RegExp, expr: RegExp): Panel | undefined =>
      panels.find((p) => title.test(p.title) && (p.targets ?? []).some((t) => expr.test(t.expr)));
    const ttft = find(/time to first token/i, /l0_time_to_first_token_seconds_bucket/);
    expect(ttft?.targets?.map((t) => /histogram_quantile\((0\.\d+)/.exec(t.expr)?.[1])).toEqual(["0.5", "0.99"]);
    expect(find(/duration/i, /l0_request_duration_seconds/)).toBeDefined();
    expect(find(/throughput/i, /rate\(l0_tokens_total\[[^\]]+\]\)\) \/ sum\(rate\(l0_generation_seconds_total/)).toBeDefined();
    const tokens = find(/tokens: kept, discarded, billed/i, /l0_tokens_total/);
    expect(tokens?.targets?.map((t) => t.expr).join(" ")).toMatch(
      /l0_tokens_discarded_total[\s\S]*sum by \(l0_token_type\) \(increase\(l0_tokens_billed_total/,
    );
    const retries = find(/retries by type/i, /l0_retries/);
    expect(retries?.targets?.map((t) => t.expr).join(" ")).toMatch(/l0_retries_network_total[\s\S]*l0_retries_model_total/);
    expect(find(/network errors by type/i, /sum by \(error_type\) \(rate\(l0_network_errors_by_type_total/)).toBeDefined();
    expect(find(/guardrail violations by severity/i, /sum by \(severity\)/)).toBeDefined();
    expect(find(/guardrail violations by rule/i, /sum by \(rule\)/)).toBeDefined();
    expect(find(/drift/i, /sum by \(drift_type\) \(rate\(l0_drift_detected_total/)).toBeDefined();
  });
});
