/**
 * DESIGN "Semantics that users depend on", through `l0()`: telemetry trouble (hostile metadata,
 * a tracer or meter that throws) goes to `diag` and never reaches the caller; unsampled calls
 * still record metrics; every span ends exactly once.
 */
import { diag, DiagLogLevel, type Meter, type MeterProvider, type Tracer, type TracerProvider } from "@opentelemetry/api";
import { AlwaysOffSampler, BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { mockStreamFactory } from "../../src/testing/index.js";
import type { L0Result } from "../../src/types/result.js";
import { richCall } from "./rich-call.js";
import { counterValue, createHarness, type Harness } from "./otel-harness.js";
import { tokenText } from "../helpers/drain.js";

let h: Harness;
let handle: L0InstrumentationHandle | undefined;
let diagErrors: unknown[][];

beforeEach(() => {
  h = createHarness();
  diagErrors = [];
  const noop = (): void => {};
  diag.setLogger(
    { error: (...args: unknown[]) => diagErrors.push(args), warn: noop, info: noop, debug: noop, verbose: noop },
    DiagLogLevel.WARN,
  );
});
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  diag.disable();
  vi.restoreAllMocks();
});

describe("telemetry failures never reach the caller", () => {
  it("a metadata object with a throwing getter: the call completes and is still monitored", async () => {
    handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
    const metadata = {
      tenant: "acme",
      callback: () => "not an attribute",
      get secret(): string {
        throw new Error("getter exploded");
      },
    };
    const result = await l0({ stream: mockStreamFactory([["Hel", "lo"]]), monitoring: { enabled: true, metadata } });
    expect(await tokenText(result)).toBe("Hello");
    const t = result.telemetry!;
    expect(t.metrics.totalTokens).toBe(2);
    expect(Object.keys(t.metadata!).sort()).toEqual(["callback", "tenant"]);
    expect(t.metadata!["tenant"]).toBe("acme");
    expect(counterValue((await h.metrics()).get("l0.requests"))).toBe(1);
    const op = h.spans().find((s) => s.name === "chat")!;
    expect(op.attributes["l0.metadata.tenant"]).toBe("acme");
    expect(Object.keys(op.attributes).filter((k) => k.startsWith("l0.metadata."))).toEqual(["l0.metadata.tenant"]);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("a metadata object with a circular reference: the call completes, telemetry keeps a copy", async () => {
    handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
    const metadata: Record<string, unknown> = { tenant: "acme" };
    metadata["self"] = metadata;
    const result = await l0({ stream: mockStreamFactory([["Hel", "lo"]]), monitoring: { enabled: true, metadata } });
    expect(await tokenText(result)).toBe("Hello");
    const t = result.telemetry!;
    expect(t.metadata!["tenant"]).toBe("acme");
    expect(t.metadata).not.toBe(metadata);
    const op = h.spans().find((s) => s.name === "chat")!;
    expect(op.attributes["l0.metadata.tenant"]).toBe("acme");
    expect(typeof op.attributes["l0.metadata.self"]).toBe("string");
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it("a tracer that throws: the call completes, metrics are recorded, the failure goes to diag", async () => {
    const throwingTracer = {
      startSpan: () => {
        throw new Error("tracer exploded");
      },
      startActiveSpan: () => {
        throw new Error("tracer exploded");
      },
    } as unknown as Tracer;
    const tracerProvider: TracerProvider = { getTracer: () => throwingTracer };
    handle = registerL0Instrumentation({ tracerProvider, meterProvider: h.meterProvider });
    const result = await l0({ stream: mockStreamFactory([["Hel", "lo"]]), monitoring: { enabled: true } });
    expect(await tokenText(result)).toBe("Hello");
    expect(counterValue((await h.metrics()).get("l0.requests"))).toBe(1);
    expect(counterValue((await h.metrics()).get("l0.tokens"))).toBe(2);
    expect(diagErrors.some((args) => String(args[1]).includes("tracer exploded"))).toBe(true);
  });

  it("a meter whose instruments throw: the call completes, spans and telemetry are whole, the failure goes to diag", async () => {
    const explode = (): never => {
      throw new Error("meter exploded");
    };
    const instrument = { add: explode, record: explode };
    const meter = new Proxy({}, { get: () => () => instrument }) as Meter;
    const meterProvider: MeterProvider = { getMeter: () => meter };
    handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider });
    const t = (await richCall()).telemetry!;
    expect(t.metrics).toMatchObject({ totalRetries: 2, networkRetries: 1, modelRetries: 1 });
    expect(t.network.errorCount).toBe(1);
    expect(t.network.errors).toHaveLength(1);
    expect(t.guardrails!.violationCount).toBe(1);
    expect(t.drift!.types).toEqual(["meta_commentary"]);
    const attempts = h.spans().filter((s) => s.name === "l0.attempt");
    expect(attempts.map((a) => a.attributes["l0.outcome"])).toEqual(["retry", "retry", "success"]);
    expect(attempts.map((a) => a.events.map((e) => e.name))).toEqual([["l0.network_error"], ["gen_ai.guardrail.result"], ["l0.drift"]]);
    const op = h.spans().find((s) => s.name === "chat gpt-4o")!;
    expect(op.attributes["l0.tokens"]).toBe(t.metrics.totalTokens);
    expect(h.counter.allEndedOnce()).toBe(true);
    expect(diagErrors.some((args) => String(args[1]).includes("meter exploded"))).toBe(true);
  });
});

describe("sampling and metrics", () => {
  it("an OTel sampler that drops l0's spans: result.telemetry still comes from the recorded facts", async () => {
    const tracerProvider = new BasicTracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [h.counter] });
    handle = registerL0Instrumentation({ tracerProvider, meterProvider: h.meterProvider });
    const result = await l0({ stream: mockStreamFactory([["a", "b", "c"]]), monitoring: { enabled: true } });
    expect(await tokenText(result)).toBe("abc");
    expect(result.telemetry!.metrics.totalTokens).toBe(3);
    expect(result.telemetry!.duration).toBeGreaterThan(0);
    expect(h.counter.starts.size).toBe(0);
    expect(counterValue((await h.metrics()).get("l0.tokens"))).toBe(3);
  });

  it("an unsampled call gets no spans and no telemetry, but its metrics are recorded", async () => {
    handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
    const result = await l0({ stream: mockStreamFactory([["a", "b", "c"]]), monitoring: { enabled: true, sampleRate: 0 } });
    expect(await tokenText(result)).toBe("abc");
    expect(result.telemetry).toBeUndefined();
    expect(h.spans()).toHaveLength(0);
    const m = await h.metrics();
    expect(counterValue(m.get("l0.requests"))).toBe(1);
    expect(counterValue(m.get("l0.tokens"))).toBe(3);
    expect(m.get("l0.time_to_first_token_seconds")!.dataPoints).toHaveLength(1);
  });

  it("decides sampling once per call: Math.random draws do not grow with the number of tokens", async () => {
    handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
    const random = vi.spyOn(Math, "random");
    const draws = async (value: number, tokens: number): Promise<{ draws: number; result: L0Result }> => {
      random.mockClear();
      random.mockReturnValue(value);
      const stream = mockStreamFactory([Array.from({ length: tokens }, (_, i) => `t${i} `)]);
      const result = await l0({ stream, monitoring: { enabled: true, sampleRate: 0.5 } });
      await tokenText(result);
      return { draws: random.mock.calls.length, result };
    };
    const unsampledShort = await draws(0.99, 5);
    const unsampledLong = await draws(0.99, 200);
    const sampledShort = await draws(0.01, 5);
    const sampledLong = await draws(0.01, 200);
    expect(unsampledLong.draws).toBe(unsampledShort.draws);
    expect(sampledLong.draws).toBe(sampledShort.draws);
    expect(unsampledLong.result.telemetry).toBeUndefined();
    expect(sampledLong.result.telemetry!.metrics.totalTokens).toBe(200);
    const sessions = new Set(h.spans().map((s) => s.attributes["l0.session.id"]));
    expect(sessions).toEqual(new Set([sampledShort.result.telemetry!.sessionId, sampledLong.result.telemetry!.sessionId]));
    expect(counterValue((await h.metrics()).get("l0.tokens"))).toBe(410);
  });
});
