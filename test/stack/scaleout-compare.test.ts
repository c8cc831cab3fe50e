/**
 * The scale-out harness's comparisons catch what they are there to catch: a total one off, a
 * float sum beyond its rounding, a label value Prometheus has and the calls did not produce, a
 * quantile two buckets away, a dashboard query without written-down truth or changed since, an
 * operation span that is not the call's GenAI inference span.
 */
import { describe, expect, it } from "vitest";
import { checkOperation, type TraceSpan } from "../../scripts/scaleout/check-traces.mjs";
import { compareDashboard, trueQuantile } from "../../scripts/scaleout/compare-dashboard.mjs";
import { compareTotals, same } from "../../scripts/scaleout/compare-totals.mjs";

type Sample = { metric: Record<string, string>; value: [number, string] };
const sample = (value: number, metric: Record<string, string> = {}): Sample => ({ metric, value: [0, String(value)] });

/** A Prometheus stand-in answering each expression from a table. */
function fakePrometheus(answers: Record<string, Sample[]>) {
  const asked: string[] = [];
  return {
    asked,
    async query(expr: string) {
      asked.push(expr);
      const result = answers[expr];
      if (result === undefined) throw new Error(`unexpected query ${expr}`);
      return { result };
    },
  };
}

describe("compareTotals", () => {
  it("passes equal counts and flags a count one off, per label value", async () => {
    const prometheus = fakePrometheus({
      "sum(l0_requests_total)": [sample(100)],
      "sum by (error_type) (x_total)": [
        sample(3, { error_type: "rate_limit" }),
        sample(0, { error_type: "timeout" }),
        sample(1, { error_type: "dns_error" }),
      ],
    });
    const rows = await compareTotals(
      prometheus,
      [
        { what: "requests", expr: "sum(l0_requests_total)", truth: 100 },
        { what: "by type", expr: "sum by (error_type) (x_total)", by: ["error_type"], truth: new Map([["rate_limit", 4]]) },
      ],
      1000,
    );
    expect(rows.map((r) => [r.what, r.labels, r.truth, r.prometheus, r.ok])).toEqual([
      ["requests", "", 100, 100, true],
      ["by type", "rate_limit", 4, 3, false],
      ["by type", "dns_error", 0, 1, false],
    ]);
  });

  it("allows float sums of seconds half a microsecond per observation, no more", () => {
    expect(same(2.5, 2.5 + 0.9e-6, 2)).toBe(true);
    expect(same(2.5, 2.5 + 1.1e-6, 2)).toBe(false);
    expect(same(7, 7.000001)).toBe(false);
  });
});

describe("compareDashboard", () => {
  const window = { endMs: 10_000, rangeMs: 5000, widenMs: 0 };
  const bounds = ["0.1", "0.2", "0.4", "+Inf"].map((le) => sample(1, { le }));

  it("reads quantiles as rank statistics", () => {
    expect(trueQuantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(trueQuantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(
      trueQuantile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.99,
      ),
    ).toBe(99);
  });

  it("accepts a quantile in the true quantile's bucket or its neighbour, not two buckets away", async () => {
    const truth = new Map([
      ["P / A", { expr: "q(a[$__rate_interval])", kind: "quantile", q: 0.5, buckets: "a_bucket", values: [0.15, 0.15, 0.15] }],
      ["P / B", { expr: "q(b[$__rate_interval])", kind: "quantile", q: 0.5, buckets: "a_bucket", values: [0.05, 0.05, 0.05] }],
    ]);
    const prometheus = fakePrometheus({
      "q(a[5000ms])": [sample(0.3)],
      "q(b[5000ms])": [sample(0.3)],
      "count by (le) (a_bucket)": bounds,
    });
    const queries = [
      { panel: "P", refId: "A", expr: "q(a[$__rate_interval])" },
      { panel: "P", refId: "B", expr: "q(b[$__rate_interval])" },
    ];
    const rows = await compareDashboard(prometheus, queries, truth, window);
    expect(rows.map((r) => [r.key, r.ok, r.note])).toEqual([
      ["P / A", true, "neighbouring bucket"],
      ["P / B", false, ""],
    ]);
  });

  it("fails a query with no truth, a changed query, and a by-label value the calls did not produce", async () => {
    const truth = new Map<string, unknown>([
      ["Changed / A", { expr: "sum(rate(old[$__rate_interval]))", kind: "scalar", value: 1 }],
      ["By / A", { expr: "sum by (t) (rate(x[$__rate_interval]))", kind: "by", label: "t", values: new Map([["a", 2]]) }],
      ["Scalar / A", { expr: "sum(rate(y[$__rate_interval]))", kind: "scalar", value: 0.5 }],
    ]);
    const prometheus = fakePrometheus({
      "sum by (t) (rate(x[5000ms]))": [sample(2, { t: "a" }), sample(0.2, { t: "b" })],
      "sum(rate(y[5000ms]))": [sample(0.5)],
    });
    const rows = await compareDashboard(
      prometheus,
      [
        { panel: "Unknown", refId: "A", expr: "sum(z)" },
        { panel: "Changed", refId: "A", expr: "sum(rate(new[$__rate_interval]))" },
        { panel: "By", refId: "A", expr: "sum by (t) (rate(x[$__rate_interval]))" },
        { panel: "Scalar", refId: "A", expr: "sum(rate(y[$__rate_interval]))" },
      ],
      truth,
      window,
    );
    expect(rows.map((r) => [r.key, r.labels, r.ok])).toEqual([
      ["Unknown / A", "", false],
      ["Changed / A", "", false],
      ["By / A", "a", true],
      ["By / A", "b", false],
      ["Scalar / A", "", true],
    ]);
    expect(prometheus.asked).not.toContain("sum(z)");
  });
});

describe("checkOperation", () => {
  const call = { sessionId: "s1", attempts: 2, scenario: "mid-stream drop", model: "m1", usage: { input: 5, output: 20 } };
  const span = (id: string, name: string, kind: string, attributes: Record<string, unknown>, parentId?: string): TraceSpan => ({
    id,
    name,
    kind,
    attributes,
    parentId,
    children: [],
    startTime: 0,
    duration: 1,
  });
  /** A trace as l0 writes it: the inference span, two attempts, an HTTP span each. */
  function trace(change: (spans: Record<string, TraceSpan>) => void = () => {}) {
    const spans: Record<string, TraceSpan> = {
      op: span("op", "chat m1", "client", {
        "l0.session.id": "s1",
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "m1",
        "gen_ai.usage.input_tokens": 5,
        "gen_ai.usage.output_tokens": 20,
      }),
      a1: span("a1", "l0.attempt", "internal", { "l0.attempt.number": 1, "l0.outcome": "retry" }, "op"),
      a2: span("a2", "l0.attempt", "internal", { "l0.attempt.number": 2, "l0.outcome": "success" }, "op"),
      h1: span("h1", "POST", "client", { "http.request.method": "POST" }, "a1"),
      h2: span("h2", "POST", "client", { "http.request.method": "POST" }, "a2"),
    };
    change(spans);
    for (const s of Object.values(spans)) if (s.parentId !== undefined) spans[s.parentId]!.children.push(s);
    return { op: spans["op"]!, trace: { spans: new Map(Object.values(spans).map((s) => [s.id, s])) } };
  }

  it("passes the GenAI inference span with INTERNAL attempt spans", () => {
    const { op, trace: t } = trace();
    expect(checkOperation(op, t, call)).toEqual([]);
  });

  it.each([
    ["an INTERNAL operation span", (s: Record<string, TraceSpan>) => void (s["op"]!.kind = "internal"), /operation span kind/],
    ["a name without the model", (s: Record<string, TraceSpan>) => void (s["op"]!.name = "chat"), /operation span name/],
    [
      "usage that is not the call's",
      (s: Record<string, TraceSpan>) => void (s["op"]!.attributes["gen_ai.usage.output_tokens"] = 12),
      /output_tokens 12/,
    ],
    [
      "usage also on another span",
      (s: Record<string, TraceSpan>) => void (s["h1"]!.attributes["gen_ai.usage.input_tokens"] = 5),
      /besides the operation span/,
    ],
    [
      "a GenAI identity on an attempt",
      (s: Record<string, TraceSpan>) => void (s["a2"]!.attributes["gen_ai.request.model"] = "m1"),
      /attempt 2 carries gen_ai.request.model/,
    ],
    ["a CLIENT attempt span", (s: Record<string, TraceSpan>) => void (s["a1"]!.kind = "client"), /attempt 1 kind/],
  ])("fails %s", (_name, change, message) => {
    const { op, trace: t } = trace(change);
    const failures = checkOperation(op, t, call);
    expect(failures.length).toBe(1);
    expect(failures[0]).toMatch(message);
  });
});
