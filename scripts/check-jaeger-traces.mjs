#!/usr/bin/env node
// Checks what the demo sent over OTLP against what it recorded locally:
//  - traces (Jaeger query API): every l0() call of the demo (one line of its telemetry.jsonl) is a
//    trace whose operation span is the GenAI inference span (kind CLIENT, `chat {model}`, the GenAI
//    identity and the call's billed usage, the only usage in the trace) with INTERNAL l0.attempt
//    children (l0.attempt.* attributes, no gen_ai.*), each with the HTTP client span of the
//    provider request (and the local server's HTTP server span under it), with the same token /
//    retry / error / guardrail numbers as result.telemetry;
//  - metrics (the collector's Prometheus exporter, scraped by a real Prometheus): every PromQL
//    expression of the Grafana dashboard returns data.
//
// usage: node scripts/check-jaeger-traces.mjs --query <jaeger query url> --service <name>
//          --telemetry <telemetry.jsonl> [--metrics <exporter url>/metrics] [--dashboard <l0.json>]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { dashboardQueries, evaluateDashboard } from "./lib/dashboard-queries.mjs";
import { fetchTraces, renderTree } from "./lib/jaeger-traces.mjs";
import { startPrometheus } from "./lib/prometheus-server.mjs";

const { values: args } = parseArgs({
  options: {
    query: { type: "string" },
    service: { type: "string", default: "l0-demo" },
    telemetry: { type: "string" },
    metrics: { type: "string" },
    dashboard: { type: "string" },
    "timeout-ms": { type: "string", default: "30000" },
  },
});
if (!args.query || !args.telemetry) {
  console.error(
    "usage: check-jaeger-traces.mjs --query <url> --telemetry <telemetry.jsonl> [--service s] [--metrics url --dashboard file]",
  );
  process.exit(2);
}

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
  return ok;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const calls = readFileSync(args.telemetry, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line));
check(calls.length > 0, `${args.telemetry} lists no calls`);

// --- traces ---

const timeoutMs = Number(args["timeout-ms"]);
const deadline = Date.now() + timeoutMs;
let operations = new Map();
for (;;) {
  const traces = await fetchTraces(args.query, args.service);
  operations = new Map();
  for (const trace of traces) {
    for (const span of trace.spans.values()) {
      const id = span.attributes["l0.session.id"];
      if (id !== undefined && span.children.some((c) => c.name === "l0.attempt")) operations.set(id, { span, trace });
    }
  }
  const complete = calls.every((c) => {
    const op = operations.get(c.telemetry.sessionId);
    if (op === undefined) return false;
    // Wait until the HTTP spans of every attempt are in as well (batches may arrive apart).
    return op.span.children.filter((a) => a.name === "l0.attempt").every((a) => a.children.length > 0);
  });
  if (complete || Date.now() > deadline) break;
  await sleep(500);
}

const isHttpClient = (s) => s.kind === "client" && (s.attributes["http.request.method"] ?? s.attributes["http.method"]) !== undefined;
const isHttpServer = (s) => s.kind === "server" && (s.attributes["http.request.method"] ?? s.attributes["http.method"]) !== undefined;

for (const call of calls) {
  const t = call.telemetry;
  const label = `${call.scenario} (${t.sessionId})`;
  const op = operations.get(t.sessionId);
  if (!check(op !== undefined, `${label}: no trace with an operation span in Jaeger`)) continue;
  const { span } = op;
  const a = span.attributes;
  console.log(`${label}: trace ${op.trace.traceId}\n${renderTree(span, 1)}`);

  check(span.kind === "client", `${label}: the operation span is ${span.kind}, not the CLIENT inference span`);
  check(span.name === `chat ${call.model}`, `${label}: the operation span is named "${span.name}", expected "chat ${call.model}"`);
  check(a["gen_ai.operation.name"] === "chat", `${label}: gen_ai.operation.name is ${a["gen_ai.operation.name"]}`);
  check(a["gen_ai.provider.name"] === "openai", `${label}: gen_ai.provider.name is ${a["gen_ai.provider.name"]}`);
  check(a["gen_ai.request.model"] === call.model, `${label}: gen_ai.request.model is ${a["gen_ai.request.model"]}, expected ${call.model}`);
  check(a["gen_ai.request.stream"] === true, `${label}: gen_ai.request.stream is ${a["gen_ai.request.stream"]}`);
  check(a["l0.outcome"] === call.outcome, `${label}: l0.outcome is ${a["l0.outcome"]}, the demo saw ${call.outcome}`);
  check(
    Number(a["l0.retries.network"] ?? 0) === t.metrics.networkRetries,
    `${label}: l0.retries.network ${a["l0.retries.network"]} ≠ telemetry ${t.metrics.networkRetries}`,
  );
  check(
    Number(a["l0.retries.model"] ?? 0) === t.metrics.modelRetries,
    `${label}: l0.retries.model ${a["l0.retries.model"]} ≠ telemetry ${t.metrics.modelRetries}`,
  );
  check(
    Number(a["l0.network.error_count"] ?? 0) === t.network.errorCount,
    `${label}: l0.network.error_count ${a["l0.network.error_count"]} ≠ telemetry ${t.network.errorCount}`,
  );
  check(
    Number(a["l0.tokens"] ?? 0) === t.metrics.totalTokens,
    `${label}: l0.tokens ${a["l0.tokens"]} ≠ telemetry ${t.metrics.totalTokens}`,
  );
  check(
    Number(a["l0.tokens.discarded"] ?? 0) === (t.metrics.discardedTokens ?? 0),
    `${label}: l0.tokens.discarded ${a["l0.tokens.discarded"]} ≠ telemetry ${t.metrics.discardedTokens}`,
  );
  // Billed usage once per trace: on the inference span (as result.telemetry says it), on no other span.
  for (const [key, billed] of [
    ["gen_ai.usage.input_tokens", t.metrics.billedInputTokens],
    ["gen_ai.usage.output_tokens", t.metrics.billedOutputTokens],
  ]) {
    check(a[key] === billed, `${label}: ${key} ${a[key]} ≠ telemetry ${billed}`);
    const elsewhere = [...op.trace.spans.values()].filter((s) => s !== span && s.attributes[key] !== undefined);
    check(elsewhere.length === 0, `${label}: ${key} also on ${elsewhere.map((s) => s.name).join(", ")}`);
  }
  if ((t.metrics.totalChunks ?? 0) > 0) {
    check(
      a["gen_ai.response.time_to_first_chunk"] !== undefined,
      `${label}: the operation span has no gen_ai.response.time_to_first_chunk`,
    );
  }
  if (call.outcome === "success") {
    check(Number(a["gen_ai.usage.output_tokens"]) > 0, `${label}: gen_ai.usage.output_tokens missing on a successful call`);
    check(typeof a["gen_ai.response.finish_reasons"] !== "undefined", `${label}: gen_ai.response.finish_reasons missing`);
  }
  if (t.metrics.totalRetries > 0) {
    check(
      span.events.some((e) => e.name === "l0.retry"),
      `${label}: retried but the operation span has no l0.retry event`,
    );
  }

  const attempts = span.children.filter((c) => c.name === "l0.attempt");
  const expectedAttempts = 1 + t.metrics.totalRetries + (call.fallbacks ?? 0);
  check(attempts.length === expectedAttempts, `${label}: ${attempts.length} attempt spans, expected ${expectedAttempts} (1 + retries)`);
  const numbers = attempts.map((s) => Number(s.attributes["l0.attempt.number"])).sort((x, y) => x - y);
  check(
    numbers.every((n, i) => n === i + 1),
    `${label}: attempt numbers ${numbers.join(",")} are not 1..${attempts.length}`,
  );
  for (const attempt of attempts) {
    const n = attempt.attributes["l0.attempt.number"];
    check(attempt.kind === "internal", `${label}: attempt ${n} is ${attempt.kind}, not INTERNAL`);
    const genAi = Object.keys(attempt.attributes).filter((k) => k.startsWith("gen_ai."));
    check(genAi.length === 0, `${label}: attempt ${n} carries ${genAi.join(", ")} (attempt spans are no GenAI spans)`);
    const clients = attempt.children.filter(isHttpClient);
    if (!check(clients.length >= 1, `${label}: attempt ${n} has no HTTP client span under it`)) continue;
    for (const client of clients) {
      check(
        client.children.some(isHttpServer),
        `${label}: attempt ${n}: the HTTP client span has no HTTP server span of the local provider under it`,
      );
    }
  }
  const events = attempts.flatMap((s) => s.events.map((e) => e.name));
  if (t.network.errorCount > 0) check(events.includes("l0.network_error"), `${label}: no l0.network_error event on its attempts`);
  if ((t.guardrails?.violationCount ?? 0) > 0) {
    check(events.includes("gen_ai.guardrail.result"), `${label}: no gen_ai.guardrail.result event on its attempts`);
  }
  if (t.drift?.detected) check(events.includes("l0.drift"), `${label}: no l0.drift event on its attempts`);
  if (t.network.errorsByType?.timeout > 0) check(events.includes("l0.timeout"), `${label}: no l0.timeout event on its attempts`);
  if (attempts.some((s) => s.attributes["l0.attempt.time_to_first_chunk"] !== undefined) === false) {
    check((t.metrics.totalChunks ?? 0) === 0, `${label}: no attempt span has l0.attempt.time_to_first_chunk`);
  }
}

// --- metrics ---

if (args.metrics && args.dashboard) {
  const target = new URL(args.metrics);
  const prometheus = await startPrometheus({
    targets: [{ job: "otel-collector", target: target.host, metricsPath: target.pathname }],
  });
  try {
    await prometheus.waitForData("l0_requests_total", 30_000);
    // rate() needs two samples in its window: wait for a few more scrapes.
    await sleep(3500);
    const rows = await evaluateDashboard(prometheus, dashboardQueries(args.dashboard));
    for (const row of rows) {
      const ok = row.error === undefined && row.series > 0;
      console.log(`${ok ? "ok  " : "FAIL"} ${row.panel} / ${row.refId}: ${row.series} series${row.error ? ` (${row.error})` : ""}`);
      check(ok, `dashboard query "${row.panel}" ${row.refId} returned ${row.error ?? "no data"}: ${row.resolved}`);
    }
  } finally {
    await prometheus.stop();
  }
}

if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`\nall checks passed: ${calls.length} calls traced in Jaeger${args.metrics ? ", every dashboard query returned data" : ""}`);
