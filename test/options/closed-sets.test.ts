/**
 * Each closed set is one frozen `as const` array, and every module that names the set uses that
 * same array (re-exports are the same object, not copies).
 */
import { describe, expect, it } from "vitest";
import * as drift from "../../src/drift/drift-config.js";
import { ERROR_TYPES } from "../../src/errors/error-types.js";
import * as api from "../../src/index.js";
import * as backoff from "../../src/runtime/backoff.js";
import { DRIFT_TYPES } from "../../src/types/drift.js";
import { GUARDRAIL_SEVERITIES } from "../../src/types/guardrails.js";
import { BACKOFF_STRATEGIES } from "../../src/types/options.js";
import { severityRank } from "../../src/integrations/sentry-config.js";

describe("closed sets", () => {
  it.each([
    ["GUARDRAIL_SEVERITIES", GUARDRAIL_SEVERITIES, ["warning", "error", "fatal"]],
    [
      "DRIFT_TYPES",
      DRIFT_TYPES,
      ["meta_commentary", "tone_shift", "repetition", "entropy_spike", "format_collapse", "markdown_collapse", "hedging"],
    ],
    ["BACKOFF_STRATEGIES", BACKOFF_STRATEGIES, ["exponential", "linear", "fixed", "full-jitter", "fixed-jitter"]],
  ])("%s holds its members, frozen", (_name, set, members) => {
    expect(set).toEqual(members);
    expect(Object.isFrozen(set)).toBe(true);
  });

  it("re-exports are the same arrays", () => {
    expect(drift.DRIFT_TYPES).toBe(DRIFT_TYPES);
    expect(backoff.BACKOFF_STRATEGIES).toBe(BACKOFF_STRATEGIES);
    expect(api.DRIFT_TYPES).toBe(DRIFT_TYPES);
    expect(api.BACKOFF_STRATEGIES).toBe(BACKOFF_STRATEGIES);
    expect(api.GUARDRAIL_SEVERITIES).toBe(GUARDRAIL_SEVERITIES);
    expect(api.ERROR_TYPES).toBe(ERROR_TYPES);
  });

  it("severities are ordered least to most severe (Sentry's minGuardrailSeverity ranks by it)", () => {
    expect(GUARDRAIL_SEVERITIES.map(severityRank)).toEqual([0, 1, 2]);
  });
});
