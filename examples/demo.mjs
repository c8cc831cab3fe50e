// l0 demo: reliable, observable LLM streams with no network and no key.
//
//   npm start                       # build, then run every scenario against the local provider
//   npm start -- --otlp http://localhost:4318 --serve   # with `docker compose up` (see README)
//
// It starts the local OpenAI-compatible streaming server with a fault script (a mid-stream drop, a
// 429 with retry-after, a stall past the inter-token timeout, a guardrail-tripping answer, a
// drifting answer), drives it with the real `openai` SDK through l0 with monitoring on, shows a
// live progress line, prints a summary table from result.telemetry, writes telemetry.jsonl and
// serves Prometheus metrics on 127.0.0.1 while it runs.
import { appendFileSync, writeFileSync } from "node:fs";
import OpenAI from "openai";
import { l0 } from "l0";
import { startMockOpenAIServer } from "l0/testing";
import { USAGE, parseDemoArgs } from "./demo/args.mjs";
import { setUpTelemetry } from "./demo/otel.mjs";
import { Progress, summaryTable } from "./demo/report.mjs";
import { scenarios } from "./demo/scenarios.mjs";

let args;
try {
  args = parseDemoArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

let telemetry;
try {
  telemetry = await setUpTelemetry(args);
} catch (error) {
  // A busy --metrics-port: registerL0Instrumentation's handle.ready rejects with L0Error LISTEN_FAILED.
  if (error?.code !== "LISTEN_FAILED") throw error;
  console.error(`${error.message}\nChoose another port with --metrics-port.`);
  process.exit(1);
}
console.log(`metrics: ${telemetry.metricsUrl}${args.otlp ? `   OTLP: ${args.otlp}` : ""}`);

// The provider: the local server (default) or a real OpenAI-compatible one.
let current = { answers: [""], attempt: 0 };
const server =
  args.baseURL === undefined
    ? await startMockOpenAIServer({
        chunkDelayMs: args.short ? 2 : 30,
        answer: () => current.answers[Math.min(current.attempt++, current.answers.length - 1)],
      })
    : undefined;
const client = new OpenAI({
  baseURL: server?.baseURL ?? args.baseURL,
  apiKey: args.apiKey ?? "no-key-needed-for-the-local-server",
  maxRetries: 0, // l0 owns retries, so they are counted and traced
});
console.log(`provider: ${server ? `local OpenAI-compatible server at ${server.baseURL}` : args.baseURL}, model ${args.model}\n`);

writeFileSync(args.out, "");
const progress = new Progress(process.stdout);
const list = scenarios({ short: args.short, local: server !== undefined });
const calls = [];
for (const [i, scenario] of list.entries()) {
  current = { answers: scenario.answers, attempt: 0 };
  if (server) server.enqueueFaults(...scenario.faults);
  progress.start(i + 1, list.length, scenario);
  const result = await l0({
    stream: ({ signal }) =>
      client.chat.completions.create(
        {
          model: args.model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: "user", content: scenario.prompt }],
        },
        { signal },
      ),
    retry: { attempts: 2, baseDelay: args.short ? 20 : 200, maxDelay: args.short ? 100 : 2000 },
    monitoring: {
      enabled: true,
      provider: "openai",
      model: args.model,
      metadata: { scenario: scenario.name },
    },
    ...scenario.options,
  });
  let outcome = "success";
  try {
    for await (const event of result.stream) {
      if (event.type === "token") progress.token();
      else if (event.type === "retry") progress.retry(event);
    }
  } catch (error) {
    outcome = "failed";
    console.log(`  failed: ${error.message}`);
  }
  progress.end(outcome);
  const call = { scenario: scenario.name, model: args.model, outcome, telemetry: result.telemetry };
  calls.push(call);
  appendFileSync(args.out, `${JSON.stringify(call)}\n`);
}

console.log(`\n${summaryTable(calls)}\n`);
console.log(`telemetry of ${calls.length} calls written to ${args.out}`);
await server?.close();

if (args.serve) {
  console.log(`serving ${telemetry.metricsUrl} until Ctrl-C`);
  // The Prometheus exporter's server does not keep the process alive on its own (it is unref'd).
  const keepAlive = setInterval(() => {}, 1 << 30);
  await new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(keepAlive);
}
await telemetry.shutdown();
process.exitCode = calls.every((c) => c.outcome === "success") ? 0 : 1;
