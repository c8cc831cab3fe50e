import { describe, expect, it } from "vitest";
import type { L0Error } from "../../src/errors/l0-error.js";
import { assertKnownKeys, assertNoMisspelledKeys, closestKey, keyDistance, optionKeys } from "../../src/options/known-keys.js";
import { l0ErrorOf } from "../helpers/invalid-option.js";

function thrown(run: () => void): L0Error {
  const error = l0ErrorOf(run);
  if (error === undefined) throw new Error("expected a throw");
  return error;
}

describe("closestKey", () => {
  it.each([
    ["initial", ["initialToken", "interToken"], "initialToken"],
    ["enable", ["enabled", "sampleRate"], "enabled"],
    ["samplerate", ["enabled", "sampleRate"], "sampleRate"],
    ["retries", ["attempts", "maxRetries", "retryOn"], "maxRetries"],
    ["retries", ["retry", "timeout"], "retry"],
    ["timeouts", ["retry", "timeout"], "timeout"],
    ["fallbacks", ["stream", "fallbackStreams"], "fallbackStreams"],
    ["guardrail", ["guardrails", "detectDrift"], "guardrails"],
    ["maxDelya", ["baseDelay", "maxDelay"], "maxDelay"],
    ["baseDelya", ["baseDelay", "maxDelay"], "baseDelay"],
    ["interTokne", ["initialToken", "interToken"], "interToken"],
    ["rest", ["name", "reset", "instantiate"], "reset"],
    // A near spelling beats a shared start, and a known key that merely ends the typed one is no match.
    ["detectyDift", ["detectDrift", "detectZeroTokens"], "detectDrift"],
    ["includaeTimiangs", ["includeNetworkDetails", "includeTimings"], "includeTimings"],
    ["allbackStream", ["stream", "fallbackStreams"], "fallbackStreams"],
    ["yonDrift", ["onDrift", "retryOnDrift"], "onDrift"],
    ["TDrift", ["onDrift", "detectDrift"], "onDrift"],
  ])("%s among %j is %s", (key, known, expected) => {
    expect(closestKey(key, known)).toBe(expected);
  });

  it("suggests nothing for a key unlike every known one", () => {
    expect(closestKey("banana", ["initialToken", "interToken"])).toBeUndefined();
    expect(closestKey("x", ["retry", "timeout"])).toBeUndefined();
  });

  it("ranks the same letters first, then a shared start or end, then edits", () => {
    expect(keyDistance("SampleRate", "sampleRate")).toBe(0);
    expect(keyDistance("enable", "enabled")).toBe(1);
    expect(keyDistance("initial", "initialToken")).toBe(3);
    expect(keyDistance("retries", "maxRetries")).toBeCloseTo(2.1);
    expect(keyDistance("timeuot", "timeout")).toBe(1);
    expect(keyDistance("retries", "retry")).toBeGreaterThan(10);
    expect(keyDistance("abc", "xyz")).toBeUndefined();
  });
});

describe("assertKnownKeys", () => {
  it("names the unknown key's path and the suggested key's path", () => {
    const error = thrown(() => assertKnownKeys({ initial: 100 }, ["initialToken", "interToken"], "timeout"));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.details).toEqual({ field: "timeout.initial", value: 100, suggestion: "timeout.initialToken" });
    expect(error.message).toBe('Unknown option "timeout.initial": did you mean "timeout.initialToken"?');
  });

  it("at the top level the path is the key alone, and a key of a nested option is suggested there", () => {
    const error = thrown(() =>
      assertKnownKeys({ stream: 1, sampleRate: 0.5 }, ["stream", "monitoring"], "", ["monitoring.sampleRate", "retry.attempts"]),
    );
    expect(error.details).toEqual({ field: "sampleRate", value: 0.5, suggestion: "monitoring.sampleRate" });
  });

  it("prefers a key of its own level over an equally close one elsewhere", () => {
    const error = thrown(() => assertKnownKeys({ guardrail: [] }, ["guardrails"], "", ["checkIntervals.guardrails"]));
    expect(error.details.suggestion).toBe("guardrails");
  });

  it("lists the known keys when nothing is close", () => {
    const error = thrown(() => assertKnownKeys({ banana: 1 }, ["initialToken", "interToken"], "timeout"));
    expect(error.details.suggestion).toBeUndefined();
    expect(error.message).toBe('Unknown option "timeout.banana": known options: initialToken, interToken');
  });

  it("passes an object of known keys (symbols are never keys)", () => {
    expect(() => assertKnownKeys({ a: 1, b: undefined, [Symbol("x")]: 1 }, ["a", "b"], "x")).not.toThrow();
  });
});

describe("assertNoMisspelledKeys (objects users implement)", () => {
  const known = ["name", "description", "streaming", "check", "reset", "instantiate"];

  it("lets the object's own extra fields pass", () => {
    expect(() =>
      assertNoMisspelledKeys({ name: "r", check() {}, streaming: true, pattern: /x/, maxLength: 3, state: {} }, known, "guardrails[0]"),
    ).not.toThrow();
  });

  it("rejects a misspelling of a field the object lacks", () => {
    const error = thrown(() => assertNoMisspelledKeys({ name: "r", check() {}, streaming: true, rest() {} }, known, "guardrails[0]"));
    expect(error.details).toMatchObject({ field: "guardrails[0].rest", suggestion: "guardrails[0].reset" });
  });

  it("counts a method on the prototype as present", () => {
    class Rule {
      name = "r";
      streaming = true;
      resett = 0;
      check(): [] {
        return [];
      }
      reset(): void {}
    }
    expect(() => assertNoMisspelledKeys(new Rule(), known, "guardrails[0]")).not.toThrow();
  });
});

describe("optionKeys", () => {
  it("lists the keys in order, frozen", () => {
    const keys = optionKeys<{ a?: number; b: string }>()({ a: true, b: true });
    expect(keys).toEqual(["a", "b"]);
    expect(Object.isFrozen(keys)).toBe(true);
  });
});
