import { describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { createMonitor, L0Monitor } from "../../src/telemetry/l0-monitor.js";

describe("L0Monitor", () => {
  it("runs the MONITORING.md example on the recorder", () => {
    const monitor = new L0Monitor({ enabled: true, includeTimings: true });
    monitor.start();
    monitor.recordToken();
    monitor.recordToken();
    const error = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    monitor.recordNetworkError(error, true, 1000, 1);
    monitor.recordRetry(true);
    monitor.complete();

    const t = monitor.getTelemetry()!;
    expect(t.sessionId).toBe(monitor.sessionId);
    expect(t.sessionId).toMatch(/^l0_\d+_[a-z0-9]+$/);
    expect(t.metrics).toMatchObject({ totalTokens: 2, totalRetries: 1, networkRetries: 1, modelRetries: 0 });
    expect(t.metrics.timeToFirstToken).toBeGreaterThanOrEqual(0);
    expect(t.metrics.tokensPerSecond).toBeGreaterThan(0);
    expect(t.network.errorCount).toBe(1);
    expect(t.network.errorsByType).toEqual({ econnreset: 1 });
    expect(t.network.errors).toEqual([
      { type: "econnreset", message: "Error ECONNRESET", timestamp: expect.any(Number), retried: true, delay: 1000 },
    ]);
    expect(t.duration).toBeGreaterThanOrEqual(0);

    expect(monitor.getSummary()).toEqual({
      sessionId: t.sessionId,
      duration: t.duration,
      tokens: 2,
      tokensPerSecond: t.metrics.tokensPerSecond,
      retries: 1,
      networkErrors: 1,
      violations: 0,
    });
    expect(JSON.parse(monitor.toJSON())).toEqual(JSON.parse(JSON.stringify(t)));
  });

  it("stops recording after complete() and records guardrails and drift", () => {
    const monitor = createMonitor({ enabled: true });
    monitor.recordGuardrailViolations([{ rule: "json", message: "m", severity: "error", recoverable: true }]);
    monitor.recordDrift(true, ["repetition"]);
    monitor.complete();
    monitor.recordToken();
    const t = monitor.getTelemetry()!;
    expect(t.metrics.totalTokens).toBe(0);
    expect(t.guardrails?.violationsByRule).toEqual({ json: 1 });
    expect(t.drift).toEqual({ detected: true, types: ["repetition"] });
  });

  it("returns nothing when disabled or not sampled, and rejects bad options", () => {
    const off = new L0Monitor();
    off.start();
    off.recordToken();
    off.complete();
    expect(off.isEnabled()).toBe(false);
    expect(off.getTelemetry()).toBeUndefined();
    expect(off.getSummary()).toBeUndefined();
    expect(off.toJSON()).toBe("{}");
    expect(new L0Monitor({ enabled: true, sampleRate: 0 }).getTelemetry()).toBeUndefined();
    expect(() => new L0Monitor({ enabled: true, sampleRate: 2 })).toThrow(L0Error);
  });
});
