/**
 * Property: every single-edit misspelling (insert, delete, substitute, swap neighbours, change case)
 * of every known key, at every level of the `l0()` options, is rejected with `INVALID_OPTIONS`
 * naming the misspelled key's path and suggesting the key it was made from; and random valid
 * options are accepted.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { L0Error } from "../../src/errors/l0-error.js";
import { RETRY_ON_NAMES } from "../../src/errors/retry-on-aliases.js";
import { DRIFT_CONFIG_KEYS } from "../../src/options/drift-options.js";
import { CHECK_INTERVAL_KEYS, GUARDRAIL_RULE_KEYS } from "../../src/options/guardrail-options.js";
import { ADAPTER_KEYS, INTERCEPTOR_KEYS } from "../../src/options/hook-options.js";
import { L0_OPTION_KEYS } from "../../src/options/l0-options.js";
import { MONITORING_OPTION_KEYS } from "../../src/options/monitoring-options.js";
import { RETRY_OPTION_KEYS } from "../../src/options/retry-options.js";
import { TIMEOUT_OPTION_KEYS } from "../../src/options/timeout-options.js";
import { DRIFT_TYPES } from "../../src/types/drift.js";
import { BACKOFF_STRATEGIES } from "../../src/types/options.js";
import { recommendedGuardrails, strictGuardrails } from "../../src/guardrails/guardrail-presets.js";
import { rejection } from "./rejection.js";

const stream = (): never[] => [];
const fn = (): undefined => undefined;

/** A valid value for every known key of every level. */
const FULL = {
  retry: {
    attempts: 1,
    maxRetries: 2,
    backoff: "linear",
    baseDelay: 10,
    maxDelay: 100,
    retryOn: ["rate_limit"],
    calculateDelay: fn,
    shouldRetry: () => true,
  },
  timeout: { initialToken: 100, interToken: 100 },
  monitoring: {
    enabled: true,
    sampleRate: 0.5,
    includeNetworkDetails: true,
    includeTimings: true,
    metadata: { a: 1 },
    captureContent: false,
    provider: "p",
    model: "m",
    operation: "chat",
  },
  checkIntervals: { guardrails: 3 },
  detectDrift: { types: ["repetition"], minConfidence: 0.5, windowSize: 500, retryOnDrift: true },
  rule: { name: "r", description: "d", streaming: true, check: () => [], reset: fn, instantiate: fn },
  interceptor: { name: "i", before: fn, after: fn, onError: fn },
  adapter: { name: "a", provider: "p", detect: () => true, wrap: (input: unknown) => input },
};

function fullOptions(): Record<string, unknown> {
  return {
    stream,
    fallbackStreams: [stream],
    retry: { ...FULL.retry },
    timeout: { ...FULL.timeout },
    signal: new AbortController().signal,
    guardrails: [{ ...FULL.rule }],
    acceptViolationsOnExhaustion: false,
    detectDrift: { ...FULL.detectDrift },
    detectZeroTokens: true,
    continueFromLastKnownGoodToken: false,
    checkIntervals: { ...FULL.checkIntervals },
    monitoring: { ...FULL.monitoring },
    onEvent: fn,
    onViolation: fn,
    onDrift: fn,
    interceptors: [{ ...FULL.interceptor }],
    adapter: { ...FULL.adapter },
  };
}

/** One level of the options: its path, its keys, and where its object sits in the options. */
interface Level {
  path: string;
  keys: readonly string[];
  objectOf(options: Record<string, unknown>): Record<string, unknown>;
}

const at =
  (...steps: (string | number)[]) =>
  (options: Record<string, unknown>): Record<string, unknown> =>
    steps.reduce<Record<string, unknown>>(
      (value, step) => (value as Record<string | number, unknown>)[step] as Record<string, unknown>,
      options,
    );

const LEVELS: Level[] = [
  { path: "", keys: L0_OPTION_KEYS, objectOf: (o) => o },
  { path: "retry", keys: RETRY_OPTION_KEYS, objectOf: at("retry") },
  { path: "timeout", keys: TIMEOUT_OPTION_KEYS, objectOf: at("timeout") },
  { path: "monitoring", keys: MONITORING_OPTION_KEYS, objectOf: at("monitoring") },
  { path: "checkIntervals", keys: CHECK_INTERVAL_KEYS, objectOf: at("checkIntervals") },
  { path: "detectDrift", keys: DRIFT_CONFIG_KEYS, objectOf: at("detectDrift") },
  { path: "guardrails[0]", keys: GUARDRAIL_RULE_KEYS, objectOf: at("guardrails", 0) },
  { path: "interceptors[0]", keys: INTERCEPTOR_KEYS, objectOf: at("interceptors", 0) },
  { path: "adapter", keys: ADAPTER_KEYS, objectOf: at("adapter") },
];

type Edit = { op: "insert" | "delete" | "substitute" | "swap" | "case"; at: number; letter: string };

const editArb: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom("insert", "delete", "substitute", "swap", "case"),
  at: fc.nat(),
  letter: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzRTS_"),
});

function misspell(key: string, edit: Edit): string {
  const i = edit.at % key.length;
  switch (edit.op) {
    case "insert":
      return key.slice(0, i) + edit.letter + key.slice(i);
    case "delete":
      return key.slice(0, i) + key.slice(i + 1);
    case "substitute":
      return key.slice(0, i) + edit.letter + key.slice(i + 1);
    case "swap":
      return i + 1 < key.length ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : key;
    case "case": {
      const c = key[i]!;
      return key.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + key.slice(i + 1);
    }
  }
}

/** The full options with `key` of `level` renamed to `wrong` (so `key` is absent), and their rejection. */
function renamedRejection(level: Level, key: string, wrong: string): L0Error | undefined {
  const options = fullOptions();
  const object = level.objectOf(options);
  object[wrong] = object[key];
  delete object[key];
  return rejection(options);
}

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

/**
 * Edit distance of two keys ignoring case, a swap of neighbours counting as one edit (the test's
 * own oracle). Under it the suggestion is provably the key whenever the key is at most 2 edits away
 * and every other candidate more than one edit farther than the key.
 */
function edits(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const options = [d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)];
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) options.push(d[i - 2]![j - 2]! + 1);
      d[i]![j] = Math.min(...options);
    }
  }
  return d[x.length]![y.length]!;
}

describe("misspelled option keys (property)", () => {
  for (const level of LEVELS) {
    for (const key of level.keys) {
      it(`every misspelling of ${join(level.path, key)} throws, naming it and suggesting it`, () => {
        fc.assert(
          fc.property(editArb, (edit) => {
            const wrong = misspell(key, edit);
            fc.pre(wrong !== key && wrong.length > 0 && !level.keys.includes(wrong));
            // Renamed, so the key it was made from is absent (for objects users implement, only a
            // misspelling of a field they lack is an error).
            const error = renamedRejection(level, key, wrong);
            expect(error?.code).toBe("INVALID_OPTIONS");
            expect(error?.details.field).toBe(join(level.path, wrong));
            expect(error?.details.suggestion).toBe(join(level.path, key));
            expect(error?.message).toContain(`did you mean "${join(level.path, key)}"?`);
          }),
          { numRuns: 60 },
        );
      });
    }
  }

  it("two edits of a key of an option bag: the path is named; when the key is the one nearest, it is the suggestion", () => {
    const bags = LEVELS.filter((level) => !["guardrails[0]", "adapter"].includes(level.path));
    // The option bags whose keys a misspelt top-level key is matched against (drift config keys are not: they go to driftDetector()).
    const nested = LEVELS.slice(1, 5).flatMap((level) => level.keys);
    const pairs = bags.flatMap((level) => level.keys.filter((key) => key.length >= 6).map((key) => ({ level, key })));
    fc.assert(
      fc.property(fc.constantFrom(...pairs), editArb, editArb, ({ level, key }, first, second) => {
        const wrong = misspell(misspell(key, first), second);
        fc.pre(wrong !== key && wrong.length > 0 && !level.keys.includes(wrong));
        const error = renamedRejection(level, key, wrong);
        expect(error?.details.field).toBe(join(level.path, wrong));
        const others = [...level.keys, ...(level.path === "" ? nested : [])].filter((other) => other !== key);
        const toKey = edits(wrong, key);
        if (toKey <= 2 && others.every((other) => edits(wrong, other) > toKey + 1)) {
          expect(error?.details.suggestion).toBe(join(level.path, key));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("the full options (every known key at every level) are valid", () => {
    expect(rejection(fullOptions())).toBeUndefined();
  });
});

const duration = fc.double({ min: Number.MIN_VALUE, max: 1e12, noNaN: true });
const some = <T extends Record<string, unknown>>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> =>
  fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Partial<T>>;

const validOptionsArb = fc.record(
  {
    stream: fc.constant(stream),
    fallbackStreams: fc.array(fc.constant(stream), { maxLength: 2 }),
    retry: some({
      attempts: fc.nat(10),
      maxRetries: fc.nat(10),
      backoff: fc.constantFrom(...BACKOFF_STRATEGIES),
      baseDelay: fc.oneof(fc.constant(0), duration),
      maxDelay: fc.oneof(fc.constant(0), duration),
      retryOn: fc.subarray([...RETRY_ON_NAMES]),
      calculateDelay: fc.constant(fn),
      shouldRetry: fc.constant(() => true),
    }),
    timeout: some({ initialToken: duration, interToken: duration }),
    guardrails: fc.subarray([...recommendedGuardrails, ...strictGuardrails, FULL.rule]),
    acceptViolationsOnExhaustion: fc.boolean(),
    detectDrift: fc.oneof(
      fc.constant(false),
      some({
        types: fc.subarray([...DRIFT_TYPES]),
        minConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
        windowSize: fc.integer({ min: 100, max: 100_000 }),
        retryOnDrift: fc.boolean(),
      }),
    ),
    detectZeroTokens: fc.boolean(),
    continueFromLastKnownGoodToken: fc.boolean(),
    checkIntervals: some({ guardrails: fc.integer({ min: 1, max: 1000 }) }),
    monitoring: some({
      enabled: fc.boolean(),
      sampleRate: fc.double({ min: 0, max: 1, noNaN: true }),
      includeNetworkDetails: fc.boolean(),
      includeTimings: fc.boolean(),
      metadata: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
      captureContent: fc.boolean(),
      provider: fc.string({ minLength: 1 }),
      model: fc.string({ minLength: 1 }),
      operation: fc.string({ minLength: 1 }),
    }),
    onEvent: fc.constant(fn),
    onViolation: fc.constant(fn),
    onDrift: fc.constant(fn),
    interceptors: fc.array(fc.constant(FULL.interceptor), { maxLength: 2 }),
    adapter: fc.constant(FULL.adapter),
  },
  { requiredKeys: ["stream"] },
);

describe("valid options (property)", () => {
  it("random valid options are accepted", () => {
    fc.assert(
      fc.property(validOptionsArb, (options) => {
        expect(rejection(options)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
