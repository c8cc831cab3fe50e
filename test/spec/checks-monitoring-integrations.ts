/**
 * Checks of MONITORING.md's integration examples, monitoring patterns, advanced usage, abort,
 * Prometheus and Sentry sections.
 */
import { expect } from "vitest";
import { promtoolCheckMetrics } from "../export/promtool.js";
import {
  ANSWER,
  expectCleanExit,
  expectPositiveAfter,
  gauges,
  numberAfter,
  printed,
  probe,
  sampleValue,
  SESSION_ID,
  types,
} from "./check-helpers.js";
import { expectFinishedTelemetry, type CheckedRun, type ExampleCheck } from "./example-check.js";

/** GETs `/metrics` of a local example server. */
async function scrape(port: number): Promise<{ metrics: string; contentType: string | null }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  return { metrics: await response.text(), contentType: response.headers.get("content-type") };
}

/** Asserts that `promtool check metrics` accepts `text` without a problem. */
function expectValidExposition(text: string): void {
  expect(promtoolCheckMetrics(text)).toEqual({ status: 0, output: "" });
}

/** What a StatsD gauge must hold: the answer's token count, a positive number, or zero. */
type GaugeValue = "tokens" | "positive" | "zero";

/** The StatsD gauges both Datadog examples send (MONITORING.md's also sends `l0.retries`). */
export const DATADOG_GAUGES: Record<string, GaugeValue> = {
  "l0.duration": "positive",
  "l0.tokens": "tokens",
  "l0.tokens_per_second": "positive",
  "l0.network_errors": "zero",
};

/** The StatsD gauges of "With Datadog" / "Datadog Integration", received by a local sink. */
export function statsdCheck(names: Record<string, GaugeValue>): ExampleCheck {
  return { statsd: true, check: (run) => expectStatsd(run, names) };
}

function expectStatsd(run: CheckedRun, names: Record<string, GaugeValue>): void {
  expectCleanExit(run);
  const received = gauges(run.statsd);
  for (const [name, kind] of Object.entries(names)) {
    expect(received, `gauge ${name} in ${run.statsd.join(" ")}`).toHaveProperty([name]);
    const value = received[name] as number;
    if (kind === "tokens") expect(value).toBe(5);
    if (kind === "positive") expect(value).toBeGreaterThan(0);
    if (kind === "zero") expect(value).toBe(0);
  }
}

/** The console-logging example: streamed text, then the telemetry block. */
export function expectConsoleLogging(run: CheckedRun, withRetries: boolean): void {
  expectCleanExit(run);
  const out = printed(run);
  expect(out.startsWith(`${ANSWER}\n--- Telemetry ---\n`)).toBe(true);
  expect(numberAfter(out, "Duration:")).toBeGreaterThan(0);
  expect(out).toMatch(/^Tokens: 5$/m);
  expect(out).toMatch(/^Tokens\/sec: \d+\.\d\d$/m);
  if (withRetries) expect(out).toMatch(/^Retries: 0\nNetwork errors: 0$/m);
}

/** `l0.log` holds one JSON line with an ISO timestamp and the finished telemetry. */
export function expectLogFile(run: CheckedRun): void {
  expectCleanExit(run);
  const file = run.files["l0.log"] as string;
  expect(probe<string>(run, "file")).toBe(file);
  const lines = file.split("\n");
  expect(lines).toHaveLength(2);
  const entry = JSON.parse(lines[0] as string) as { timestamp: string; telemetry: Record<string, any> };
  expect(new Date(entry.timestamp).toISOString()).toBe(entry.timestamp);
  expectFinishedTelemetry(entry.telemetry);
}

/** l0's spans as Sentry received them (probe `sentry`): execution span with the stream span inside. */
function expectSentrySpans(run: CheckedRun, executionName = "l0.execution", streamSpan = true): Record<string, any> {
  const { events, spans, sessionId } = probe(run, "sentry");
  expect(events).toEqual([]);
  const execution = spans.find((span: { op: string }) => span.op === "l0.execution");
  const consume = spans.find((span: { op: string }) => span.op === "l0.stream.consume");
  expect(execution?.name).toBe(executionName);
  expect(execution.status).toBe("ok");
  if (streamSpan) {
    expect(consume.parentSpanId).toBe(execution.spanId);
    expect(consume.data.tokens).toBe(5);
    expect(consume.data.ttft_ms).toBeGreaterThan(0);
  } else expect(consume).toBeUndefined();
  expect(execution.data).toMatchObject({ tokens: 5, session_id: sessionId, retries: 0, network_errors: 0 });
  return execution.data as Record<string, any>;
}

/** Checks by example name. */
export const MONITORING_INTEGRATION_CHECKS: Record<string, ExampleCheck> = {
  "monitoring-integration-examples-with-console-logging": { check: (run) => expectConsoleLogging(run, true) },
  "monitoring-integration-examples-with-file-logging": { check: expectLogFile },
  "monitoring-integration-examples-with-datadog": statsdCheck({ ...DATADOG_GAUGES, "l0.retries": "zero" }),
  "monitoring-integration-examples-with-prometheus-built-in": {
    serve: scrape,
    check(run) {
      expect(probe(run, "listening").requested).toBe(9090);
      const { metrics, contentType } = run.served as { metrics: string; contentType: string };
      expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      const labels = { service: "my-app", model: "gpt-4", endpoint: "/chat" };
      expect(sampleValue(metrics, "l0_requests_total", labels)).toBe(1);
      expect(sampleValue(metrics, "l0_tokens_total", labels)).toBe(5);
      expect(types(metrics)["l0_request_duration_seconds"]).toBe("histogram");
      expectValidExposition(metrics);
    },
  },
  "monitoring-integration-examples-with-custom-analytics": {
    check(run) {
      expectCleanExit(run);
      const { url, method, body } = probe(run, "fetch");
      expect({ url, method }).toEqual({ url: "https://analytics.example.com/events", method: "POST" });
      const events = JSON.parse(body) as Record<string, any>[];
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ event: "l0_execution", tokens: 5, retries: 0, network_errors: 0, violations: 0 });
      expect(events[0]?.["session_id"]).toMatch(SESSION_ID);
      expect(events[0]?.["duration"]).toBeGreaterThan(0);
    },
  },
  "monitoring-monitoring-patterns-production-monitoring": {
    env: { SPEC_RANDOM: "0" },
    check(run) {
      expectCleanExit(run);
      expect(probe<boolean>(run, "sampled"), "with Math.random() = 0 the call is sampled").toBe(true);
      const [telemetry] = probe<[Record<string, any>]>(run, "sendToMonitoring");
      expect(telemetry.sessionId).toMatch(SESSION_ID);
      expect(telemetry.metadata).toEqual({ environment: "production", user_id: "user_42", model: "gpt-4" });
      expect(telemetry.network.errors).toBeUndefined();
    },
  },
  "monitoring-monitoring-patterns-development-debugging": {
    check(run) {
      expectCleanExit(run);
      const out = printed(run);
      expect(out.startsWith("Full telemetry: {")).toBe(true);
      const telemetry = JSON.parse(out.slice("Full telemetry: ".length)) as Record<string, any>;
      expect(telemetry.sessionId).toMatch(SESSION_ID);
      expect(telemetry.metadata).toEqual({ environment: "development", test_id: "test_7" });
    },
  },
  "monitoring-monitoring-patterns-performance-profiling": {
    check(run) {
      expectCleanExit(run);
      const out = printed(run);
      expectPositiveAfter(out, ["Avg duration:", "Avg tokens/sec:"]);
      expect(out).toMatch(/^ {2}Total network errors: 0$/m);
    },
  },
  "monitoring-monitoring-patterns-a-b-testing": {
    check(run) {
      expectCleanExit(run);
      // The example reads telemetry right after l0() resolves, before its stream is read: the call
      // has not run yet, so duration and tokens/s are still absent (they are not invented).
      const [performance] = probe<[Record<string, unknown>]>(run, "trackABTest");
      expect(["A", "B"]).toContain(performance["config"]);
      expect(performance).toMatchObject({ retries: 0 });
      expect(performance["duration"]).toBeUndefined();
    },
  },
  "monitoring-advanced-usage-l0monitor-class": {
    check(run) {
      expectCleanExit(run);
      const out = printed(run);
      expect(out).toMatch(/totalTokens: 2,\s+totalRetries: 1,\s+networkRetries: 1,\s+modelRetries: 0/);
      expect(out).toMatch(/errorCount: 1,\s+errorsByType: \{ econnreset: 1 \}/);
      expect(out).toMatch(/tokens: 2,\s+tokensPerSecond: [\d.]+,\s+retries: 1,\s+networkErrors: 1,\s+violations: 0/);
      const json = JSON.parse(out.slice(out.lastIndexOf("\n{\n") + 1)) as Record<string, any>;
      expect(json.network.errors[0]).toMatchObject({ type: "econnreset", retried: true, delay: 1000 });
    },
  },
  "monitoring-advanced-usage-custom-metrics": {
    check(run) {
      expectCleanExit(run);
      expect(printed(run).trim()).toBe("{ custom_metric_1: 0.93, feature_flag: true, user_tier: 'premium' }");
    },
  },
  "monitoring-advanced-usage-conditional-monitoring": {
    env: { SPEC_RANDOM: "0" },
    check(run) {
      expectCleanExit(run);
      expect(probe<string>(run, "text")).toBe(ANSWER);
      expect(probe(run, "monitored"), "with Math.random() = 0 the 10 % draw succeeds").toEqual({ shouldMonitor: true, telemetry: true });
    },
  },
  "monitoring-built-in-abort-handling": {
    virtualTime: true,
    check(run) {
      expectCleanExit(run);
      const out = printed(run);
      expect(out).toMatch(/^Stream aborted: .+$/m);
      expect(out).toMatch(/Partial telemetry: \{\n\s+sessionId: 'l0_/);
      // Virtual time: tokens arrive at 150, 200, ... ms; the 5 s timer was set first, so it fires
      // before the token due at 5000 ms: 97 tokens, aborted at exactly 5000 ms.
      expect(numberAfter(out, "totalTokens:")).toBe(97);
      expect(numberAfter(out, "duration:")).toBe(5000);
    },
  },
  "monitoring-built-in-abort-handling-with-external-abortsignal": {
    virtualTime: true,
    check(run) {
      expectCleanExit(run);
      const aborted = probe(run, "aborted");
      expect(aborted).toMatchObject({ code: "STREAM_ABORTED", aborted: true, signal: true });
      expect(aborted["tokens"]).toBe(97); // as above: the 5 s timer fires before the token due at 5000 ms
    },
  },
  "monitoring-prometheus-integration-quick-start": {
    async serve(port) {
      const chat = await fetch(`http://127.0.0.1:${port}/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: "Say hello" }),
      });
      return { chat: { status: chat.status, body: await chat.json() }, ...(await scrape(port)) };
    },
    check(run) {
      expect(probe(run, "listening").requested).toBe(3000);
      const { chat, metrics } = run.served as { chat: { status: number; body: unknown }; metrics: string };
      expect(chat).toEqual({ status: 200, body: { response: ANSWER } });
      expect(sampleValue(metrics, "l0_requests_total", { model: "gpt-4", endpoint: "/chat" })).toBe(1);
      expect(sampleValue(metrics, "l0_tokens_total", { model: "gpt-4", endpoint: "/chat" })).toBe(5);
      expectValidExposition(metrics);
    },
  },
  "monitoring-prometheus-integration-configuration": {
    check(run) {
      expectCleanExit(run);
      const labels = { service: "my-app", environment: "production", model: "gpt-4" };
      expect(sampleValue(printed(run), "l0_requests_total", labels)).toBe(1);
      expect(sampleValue(printed(run), "l0_network_errors_by_type_total", { ...labels, error_type: "econnreset" })).toBe(1);
    },
  },
  "monitoring-prometheus-integration-labels": {
    check(run) {
      expectCleanExit(run);
      const labels = { model: "gpt-4", endpoint: "/chat", user_tier: "premium", region: "us-east-1" };
      expect(sampleValue(printed(run), "l0_requests_total", labels)).toBe(1);
      expect(sampleValue(printed(run), "l0_tokens_total", labels)).toBe(5);
      expect(sampleValue(printed(run), "l0_tokens_discarded_total", labels)).toBe(1);
    },
  },
  "monitoring-prometheus-integration-using-the-registry-directly": {
    check(run) {
      expectCleanExit(run);
      const out = printed(run);
      expect(sampleValue(out, "myapp_l0_requests_total", { service: "api", model: "gpt-4" })).toBe(1);
      expect(sampleValue(out, "myapp_l0_custom_events_total", { service: "api", type: "special" })).toBe(1);
      expect(sampleValue(out, "myapp_l0_active_streams", { service: "api" })).toBe(5);
      expect(sampleValue(out, "myapp_l0_custom_latency_seconds_sum", { service: "api" })).toBe(0.5);
      expect(types(out)).toMatchObject({
        myapp_l0_custom_events_total: "counter",
        myapp_l0_active_streams: "gauge",
        myapp_l0_custom_latency_seconds: "histogram",
      });
      expectValidExposition(out);
    },
  },
  "monitoring-prometheus-integration-with-prom-client": {
    serve: scrape,
    check(run) {
      const { metrics, contentType } = run.served as { metrics: string; contentType: string };
      expect(contentType).toMatch(/^text\/plain/);
      expect(sampleValue(metrics, "app_requests_total")).toBe(1);
      expect(sampleValue(metrics, "l0_requests_total", { model: "gpt-4" })).toBe(1);
      // The two expositions joined as the example joins them still parse as one.
      expectValidExposition(metrics);
    },
  },
  "monitoring-sentry-integration-quick-start": {
    check(run) {
      // As written, the placeholder DSN is rejected by Sentry (which then sends nothing); l0 runs on.
      expectCleanExit(run, /^Invalid Sentry Dsn: your-sentry-dsn$/m);
      expect(probe<string>(run, "text")).toBe(ANSWER);
      expect(probe(run, "dsn")).toBeNull();
    },
  },
  "monitoring-sentry-integration-using-withsentry-wrapper": {
    check(run) {
      expectCleanExit(run);
      expect(probe<string>(run, "text")).toBe(ANSWER);
      expectSentrySpans(run);
    },
  },
  "monitoring-sentry-integration-configuration": { check: (run) => expectCleanExit(run) },
  "monitoring-sentry-integration-manual-integration": {
    check(run) {
      expectCleanExit(run);
      expect(expectSentrySpans(run, "my-chat-request")).toMatchObject({ user_id: "123" });
    },
  },
  "monitoring-sentry-integration-error-handling": {
    check(run) {
      expectCleanExit(run);
      // Manual tracking without startStream(): the execution span alone, with the call's data.
      expectSentrySpans(run, "l0.execution", false);
    },
  },
  "monitoring-sentry-integration-telemetry-context": {
    check(run) {
      expectCleanExit(run);
      const data = expectSentrySpans(run);
      // Every field of the documented l0_telemetry context is reported for the call.
      for (const key of [
        "session_id",
        "duration_ms",
        "tokens",
        "tokens_per_second",
        "ttft_ms",
        "retries",
        "network_errors",
        "guardrail_violations",
      ]) {
        expect(data, key).toHaveProperty([key]);
      }
    },
  },
};
