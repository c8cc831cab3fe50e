import { describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { instantiateGuardrails, resetGuardrails, runGuardrails, validateGuardrails } from "../../src/guardrails/guardrail-engine.js";
import type { GuardrailContext, GuardrailRule, GuardrailViolation } from "../../src/types/guardrails.js";

const ctx = (completed: boolean): GuardrailContext => ({ content: "text", delta: "t", tokenCount: 1, completed });
const rule = (name: string, streaming: boolean, out: () => unknown): GuardrailRule => ({
  name,
  streaming,
  check: out as () => GuardrailViolation[],
});

describe("runGuardrails", () => {
  it("turns a throwing rule into a warning naming it and keeps running the others", () => {
    const r = runGuardrails(
      [
        rule("boom", true, () => {
          throw new Error("kaput");
        }),
        rule("ok", true, () => [{ rule: "ok", message: "m", severity: "error", recoverable: true }]),
      ],
      ctx(false),
    );
    expect(r.violations.map((v) => [v.rule, v.severity])).toEqual([
      ["boom", "warning"],
      ["ok", "error"],
    ]);
    expect(r.violations[0]!.message).toBe('Guardrail rule "boom" threw Error');
    expect(r.violations[0]!.excerpt).toBe("kaput");
    expect(r.retry).toBe(true);
    expect(r.halt).toBe(false);
  });

  it("reports a rule that returns something other than an array", () => {
    const r = runGuardrails([rule("odd", true, () => "nope"), rule("odd2", true, () => [42])], ctx(true));
    expect(r.violations.map((v) => [v.rule, v.severity])).toEqual([
      ["odd", "warning"],
      ["odd2", "warning"],
    ]);
  });

  it("runs final-only rules only at completion", () => {
    let calls = 0;
    const finalOnly = rule("final", false, () => {
      calls++;
      return [];
    });
    runGuardrails([finalOnly], ctx(false));
    expect(calls).toBe(0);
    runGuardrails([finalOnly], ctx(true));
    expect(calls).toBe(1);
  });

  it("normalises violations and derives halt/retry", () => {
    const r = runGuardrails(
      [
        rule("n", true, () => [
          { message: "x", severity: "weird" },
          { rule: "n", message: "f", severity: "fatal" },
        ]),
      ],
      ctx(true),
    );
    expect(r.violations[0]).toMatchObject({ rule: "n", severity: "error", recoverable: true });
    expect(typeof r.violations[0]!.timestamp).toBe("number");
    expect(r.violations[1]).toMatchObject({ severity: "fatal", recoverable: false });
    expect(r.halt).toBe(true);
    const nonRecoverable = runGuardrails(
      [rule("e", true, () => [{ rule: "e", message: "m", severity: "error", recoverable: false }])],
      ctx(true),
    );
    expect(nonRecoverable).toMatchObject({ halt: true, retry: false });
    const warning = runGuardrails(
      [rule("w", true, () => [{ rule: "w", message: "m", severity: "warning", recoverable: true }])],
      ctx(true),
    );
    expect(warning).toMatchObject({ halt: false, retry: false });
  });

  it("returns an empty, shared result when every rule passes", () => {
    const a = runGuardrails([rule("a", true, () => [])], ctx(true));
    expect(a).toEqual({ violations: [], halt: false, retry: false });
    expect(runGuardrails([], ctx(true))).toBe(a);
  });
});

describe("resetGuardrails / instantiateGuardrails / validateGuardrails", () => {
  it("resets stateful rules and survives a throwing reset", () => {
    let resets = 0;
    const rules: GuardrailRule[] = [
      { ...rule("a", true, () => []), reset: () => void resets++ },
      {
        ...rule("b", true, () => []),
        reset: () => {
          throw new Error("x");
        },
      },
      { ...rule("c", true, () => []), reset: () => void resets++ },
    ];
    resetGuardrails(rules);
    expect(resets).toBe(2);
  });

  it("instantiates stateful rules and keeps stateless ones", () => {
    const copy = rule("copy", true, () => []);
    const stateful: GuardrailRule = { ...rule("s", true, () => []), instantiate: () => copy };
    const stateless = rule("t", false, () => []);
    expect(instantiateGuardrails([stateful, stateless])).toEqual([copy, stateless]);
  });

  it("validates rule shapes with the field path", () => {
    const cases: [unknown, string][] = [
      ["x", "guardrails"],
      [[null], "guardrails[0]"],
      [[{ name: "", check: () => [], streaming: true }], "guardrails[0].name"],
      [[rule("a", true, () => []), { name: "b", streaming: true }], "guardrails[1].check"],
      [[{ name: "b", check: () => [] }], "guardrails[0].streaming"],
    ];
    for (const [value, field] of cases) {
      try {
        validateGuardrails(value);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(L0Error);
        expect((e as L0Error).details.field).toBe(field);
      }
    }
    expect(() => validateGuardrails([rule("a", true, () => [])])).not.toThrow();
  });
});
