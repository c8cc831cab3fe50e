/**
 * The demo end to end (examples/demo.mjs in --short mode, against the built package): the local
 * OpenAI-compatible server with its fault script, the real openai SDK, l0 with monitoring, the
 * summary table, telemetry.jsonl and the /metrics endpoint.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port.js";
import { runExample, startExample, type RunningExample } from "../helpers/run-example.js";
import { expectCleanExit } from "../helpers/run-node.js";

interface DemoCall {
  scenario: string;
  model: string;
  outcome: string;
  telemetry: {
    sessionId: string;
    metrics: { totalTokens: number; networkRetries: number; modelRetries: number; timeToFirstToken?: number };
    network: { errorCount: number; errorsByType: Record<string, number> };
    guardrails?: { violationCount: number; violationsByRule: Record<string, number> };
    drift?: { detected: boolean; types: string[] };
  };
}

const SCENARIOS = ["clean", "mid-stream drop", "429 retry-after", "stall", "guardrail", "drift"];

describe("demo (npm start)", () => {
  let dir: string;
  let demo: RunningExample;
  let port: number;
  let metrics: string;
  let exitCode: number | null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "l0-demo-"));
    port = await freePort();
    demo = startExample("demo.mjs", ["--short", "--serve", "--metrics-port", String(port), "--out", join(dir, "telemetry.jsonl")], {
      cwd: dir,
    });
    await demo.waitFor(/serving http:\/\/127\.0\.0\.1:\d+\/metrics until Ctrl-C/, 60_000);
    metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    exitCode = await demo.stop("SIGINT");
  }, 90_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 after serving, without errors", () => {
    expect(demo.stderr()).toBe("");
    expect(exitCode).toBe(0);
  });

  it("prints plain progress lines when stdout is not a TTY", () => {
    const out = demo.stdout();
    expect(out).not.toContain("\r");
    expect(out).toContain("[1/6] clean: a normal streamed answer");
    // One retry per faulty scenario, with its reason and kind.
    for (const retry of [
      "connection_dropped (network)",
      "rate_limit (network)",
      "inter_token_timeout (network)",
      "guardrail_violation (model)",
      "drift (model)",
    ])
      expect(out).toContain(`retry 1: ${retry}`);
  });

  it("prints a summary table with one row per scenario from result.telemetry", () => {
    const out = demo.stdout();
    const table = out.slice(out.indexOf("scenario  "), out.indexOf("telemetry of 6 calls"));
    const rows = table.trim().split("\n").slice(2);
    expect(rows.map((r) => r.split(/\s{2,}/)[0])).toEqual(SCENARIOS);
    const cells = (name: string): string[] => rows.find((r) => r.startsWith(`${name} `))!.split(/\s{2,}/);
    expect(rows.every((r) => r.split(/\s{2,}/)[1] === "success")).toBe(true);
    expect(cells("clean")[6]).toBe("0/0");
    expect(cells("mid-stream drop")[6]).toBe("1/0");
    expect(cells("mid-stream drop")[7]).toBe("connection_dropped×1");
    expect(cells("429 retry-after")[7]).toBe("rate_limit×1");
    expect(cells("stall")[7]).toBe("inter_token_timeout×1");
    expect(cells("guardrail")[6]).toBe("0/1");
    expect(cells("guardrail")[8]).toBe("pattern-meta-commentary×1");
    expect(cells("drift")[9]).toBe("repetition");
  });

  it("writes the telemetry of every call to telemetry.jsonl", () => {
    const calls = readFileSync(join(dir, "telemetry.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as DemoCall);
    expect(calls.map((c) => c.scenario)).toEqual(SCENARIOS);
    const by = new Map(calls.map((c) => [c.scenario, c]));
    expect(by.get("clean")!.telemetry.metrics).toMatchObject({ networkRetries: 0, modelRetries: 0 });
    expect(by.get("mid-stream drop")!.telemetry.network.errorsByType).toEqual({ connection_dropped: 1 });
    expect(by.get("429 retry-after")!.telemetry.network.errorsByType).toEqual({ rate_limit: 1 });
    // retry-after: 1 is honoured: the first token comes after the wait.
    expect(by.get("429 retry-after")!.telemetry.metrics.timeToFirstToken).toBeGreaterThanOrEqual(1000);
    expect(by.get("stall")!.telemetry.network.errorsByType).toEqual({ inter_token_timeout: 1 });
    expect(by.get("guardrail")!.telemetry.guardrails).toMatchObject({
      violationCount: 1,
      violationsByRule: { "pattern-meta-commentary": 1 },
    });
    expect(by.get("drift")!.telemetry.drift).toEqual({ detected: true, types: ["repetition"] });
    for (const call of calls) {
      expect(call.outcome).toBe("success");
      expect(call.model).toBe("mock-gpt");
      expect(call.telemetry.metrics.totalTokens).toBeGreaterThan(0);
    }
  });

  it("serves the exposition-table metrics on /metrics while it runs", () => {
    const value = (pattern: RegExp): number => {
      const total = [...metrics.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
      return total;
    };
    expect(value(/^l0_requests_total\{[^}]*\} (\d+)$/gm)).toBe(6);
    expect(value(/^l0_retries_network_total\{[^}]*\} (\d+)$/gm)).toBe(3);
    expect(value(/^l0_retries_model_total\{[^}]*\} (\d+)$/gm)).toBe(2);
    expect(value(/^l0_network_errors_by_type_total\{[^}]*error_type="rate_limit"[^}]*\} (\d+)$/gm)).toBe(1);
    expect(value(/^l0_guardrail_violations_by_rule_total\{[^}]*rule="pattern-meta-commentary"[^}]*\} (\d+)$/gm)).toBe(1);
    expect(value(/^l0_drift_detected_total\{[^}]*\} (\d+)$/gm)).toBe(1);
    expect(metrics).toMatch(/^l0_time_to_first_token_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} 6$/m);
    expect(metrics).toMatch(/^gen_ai_client_inference_duration_bucket\{[^}]*gen_ai_request_model="mock-gpt"[^}]*\} \d+$/m);
  });
});

describe("demo flags", () => {
  it("--help prints the flags and exits 0", async () => {
    const run = await runExample("demo.mjs", ["--help"]);
    expect(run.code).toBe(0);
    for (const flag of ["--short", "--serve", "--otlp <url>", "--base-url <url>", "--api-key <key>", "--model <name>"]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it("rejects a bad flag value with exit code 2, naming the flag", async () => {
    const run = await runExample("demo.mjs", ["--otlp", "localhost:4318"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--otlp: expected an http(s) URL, got localhost:4318");
  });

  it("without --serve finishes and exits 0 on its own", async () => {
    const dir = mkdtempSync(join(tmpdir(), "l0-demo-"));
    try {
      const port = await freePort();
      const run = await runExample("demo.mjs", ["--short", "--metrics-port", String(port)], { cwd: dir, timeoutMs: 60_000 });
      expectCleanExit(run);
      expect(readFileSync(join(dir, "telemetry.jsonl"), "utf8").trimEnd().split("\n")).toHaveLength(6);
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 70_000);
});

describe("demo with --base-url (a real provider is one flag away)", () => {
  it("sends every scenario's prompt to the given OpenAI-compatible endpoint with the key and model", async () => {
    const { startMockOpenAIServer } = await import("../../src/testing/index.js");
    const provider = await startMockOpenAIServer({ answer: "An answer from the provider under test." });
    const dir = mkdtempSync(join(tmpdir(), "l0-demo-"));
    try {
      const port = await freePort();
      const run = await runExample(
        "demo.mjs",
        ["--short", "--base-url", provider.baseURL, "--api-key", "sk-test", "--model", "provider-model", "--metrics-port", String(port)],
        { cwd: dir, timeoutMs: 60_000 },
      );
      expectCleanExit(run);
      expect(run.stdout).toContain(`provider: ${provider.baseURL}, model provider-model`);
      const chats = provider.requests.filter((r) => r.path === "/v1/chat/completions");
      expect(chats).toHaveLength(6);
      for (const chat of chats) {
        expect(chat.headers["authorization"]).toBe("Bearer sk-test");
        expect(chat.body).toMatchObject({ model: "provider-model", stream: true });
      }
      const calls = readFileSync(join(dir, "telemetry.jsonl"), "utf8")
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as DemoCall);
      expect(calls.map((c) => [c.model, c.outcome])).toEqual(SCENARIOS.map(() => ["provider-model", "success"]));
    } finally {
      await provider.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 70_000);
});
