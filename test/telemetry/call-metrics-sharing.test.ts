/**
 * The calls of one identity share one `CallMetrics` (it holds no state of a call), for as many
 * identities as the series limit has room for; each call's guardrail rules still get their zero
 * series, and calls of a shared identity record exactly what calls with their own did.
 */
import { describe, expect, it } from "vitest";
import { callMetricsFor } from "../../src/telemetry/call-metrics.js";
import { getInstruments } from "../../src/telemetry/instruments.js";
import { counterValue, createHarness } from "./otel-harness.js";

const identity = (model: string) => ({
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": model,
});
const server = { "server.address": "api.example.com", "server.port": 443 };

describe("callMetricsFor", () => {
  it("shares one CallMetrics per identity and server, and tells identities apart", () => {
    const instruments = getInstruments(createHarness().meterProvider);
    const first = callMetricsFor(instruments, identity("m1"), { genAiAttributes: server });
    expect(callMetricsFor(instruments, identity("m1"), { genAiAttributes: { ...server } })).toBe(first);
    expect(callMetricsFor(instruments, identity("m2"), { genAiAttributes: server })).not.toBe(first);
    expect(callMetricsFor(instruments, identity("m1"), { genAiAttributes: { ...server, "server.port": 8443 } })).not.toBe(first);
    expect(callMetricsFor(instruments, identity("m1"))).not.toBe(first);
  });

  it("stops sharing beyond the series limit's number of identities", () => {
    const instruments = getInstruments(createHarness().meterProvider, 3);
    for (let i = 0; i < 3; i++) callMetricsFor(instruments, identity(`m${i}`));
    expect(callMetricsFor(instruments, identity("m0"))).toBe(callMetricsFor(instruments, identity("m0")));
    expect(callMetricsFor(instruments, identity("m9"))).not.toBe(callMetricsFor(instruments, identity("m9")));
  });

  it("gives each call's guardrail rules their zero series, shared or not", async () => {
    const harness = createHarness();
    const instruments = getInstruments(harness.meterProvider);
    callMetricsFor(instruments, identity("m1"), { guardrailRules: ["json"] });
    callMetricsFor(instruments, identity("m1"), { guardrailRules: ["pii"] });
    const byRule = (await harness.metrics()).get("l0.guardrail_violations.by_rule");
    const rules = byRule?.dataPoints.map((point) => point.attributes["rule"]).sort();
    expect(rules).toEqual(["json", "pii"]);
    expect(counterValue(byRule)).toBe(0);
  });
});
