/**
 * `l0_guardrail_violations_by_rule_total` starts at 0 for the rule ids a configured rule reports:
 * the pattern rule's per-category ids (`pattern-placeholder`…), not its name `pattern`, so the first
 * violation of each is an increase `rate()` can see. `ruleIds` is checked like every rule field.
 */
import { afterEach, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { customPatternRule } from "../../src/guardrails/custom-pattern-rule.js";
import { patternRule } from "../../src/guardrails/pattern-rule.js";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { mockStreamFactory } from "../../src/testing/index.js";
import type { GuardrailRule } from "../../src/types/guardrails.js";
import { keptText } from "../helpers/drain.js";
import { createHarness } from "./otel-harness.js";

let handle: L0InstrumentationHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
});

async function ruleSeries(guardrails: GuardrailRule[], output: string[]): Promise<Record<string, number>> {
  const h = createHarness();
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider, useGlobal: false });
  const result = await l0({
    stream: mockStreamFactory([output]),
    guardrails,
    monitoring: { enabled: true, provider: "openai", model: "m" },
  });
  await keptText(result);
  const byRule = (await h.metrics()).get("l0.guardrail_violations.by_rule");
  const series: Record<string, number> = {};
  for (const point of byRule?.dataPoints ?? []) series[String(point.attributes["rule"])] = point.value as number;
  return series;
}

describe("by-rule violation series", () => {
  it("start at 0 for each id the pattern rule can report, and count the one it reported", async () => {
    const series = await ruleSeries(
      [patternRule({ categories: ["placeholder", "refusal"], severity: { placeholder: "warning" } })],
      ["Dear [Your Name], thanks."],
    );
    expect(series).toEqual({ "pattern-placeholder": 1, "pattern-refusal": 0 });
  });

  it("start at 0 under a rule's name when it declares no ids", async () => {
    const rule = customPatternRule(["forbidden"], { name: "no-forbidden", message: "m", severity: "warning" });
    expect(await ruleSeries([rule], ["all fine"])).toEqual({ "no-forbidden": 0 });
  });

  it("reject ruleIds that are not non-empty strings, naming the field", async () => {
    const rule = { name: "r", streaming: false, check: () => [], ruleIds: ["ok", ""] } as GuardrailRule;
    const error = await l0({ stream: mockStreamFactory([["x"]]), guardrails: [rule] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(L0Error);
    expect((error as L0Error).details).toMatchObject({ field: "guardrails[0].ruleIds" });
  });
});
