/**
 * Sentry integration, runnable without a Sentry account: `@sentry/node` is initialised with an
 * in-memory transport (the DSN is a placeholder, nothing leaves the process), then four calls run
 * against l0's mock streams and the script prints what Sentry would receive: captured events with
 * their tags, breadcrumbs and contexts, and the spans (`l0.execution` > `l0.stream.consume`).
 * Works with `@sentry/node` 11 (streamed spans) and 10 (transactions; there Sentry is the global
 * OTel provider, so the calls' spans are l0's own: the operation span > `l0.attempt`).
 *
 *   npm run build && node examples/sentry.mjs
 */
import * as Sentry from "@sentry/node";
import { l0, sentryInterceptor, withSentry } from "l0";
import { faults, mockStreamFactory } from "l0/testing";

const envelopes = [];
Sentry.init({
  dsn: "https://public@o0.ingest.sentry.io/0",
  tracesSampleRate: 1,
  defaultIntegrations: false,
  transport: () => ({
    send: async (envelope) => {
      envelopes.push(envelope);
      return {};
    },
    flush: async () => true,
  }),
});

const DATA_KEYS = [
  "tokens",
  "ttft_ms",
  "duration_ms",
  "retries",
  "network_errors",
  "guardrail_violations",
  "session_id",
  "l0.tokens",
  "l0.retries.total",
];

const sentry = sentryInterceptor({ hub: Sentry, tags: { model: "mock-gpt", environment: "example" } });
const retry = { attempts: 1, maxRetries: 1, baseDelay: 5, maxDelay: 5 };

/** A guardrail rule that flags a leaked secret at error severity. */
const noSecrets = {
  name: "no-secrets",
  streaming: false,
  check: ({ content, completed }) =>
    completed && content.includes("password")
      ? [{ rule: "no-secrets", message: "Output contains a password", severity: "error", recoverable: false }]
      : [],
};

async function consume(result) {
  let text = "";
  try {
    for await (const event of result.stream) {
      if (event.type === "token") text += event.value;
      if ((event.type === "retry" || event.type === "fallback") && event.discardsOutput) text = "";
    }
  } catch (error) {
    return `failed: ${error.message}`;
  }
  return `ok: ${JSON.stringify(text)}`;
}

const scenarios = [
  ["clean call", { stream: mockStreamFactory([["Hello", " from", " l0"]]) }],
  [
    "retried network error",
    {
      stream: mockStreamFactory([
        ["Hel", faults.econnreset()],
        ["Hello", " again"],
      ]),
      retry,
    },
  ],
  ["final failure", { stream: mockStreamFactory([[faults.econnreset()]]), retry }],
  ["guardrail violation", { stream: mockStreamFactory([["the password", " is hunter2"]]), guardrails: [noSecrets], retry }],
];

// Each scenario runs as a request would: in its own isolation scope (Sentry's http integration
// forks one per request), where l0's breadcrumbs and its l0_telemetry context go.
for (const [title, options] of scenarios) {
  const outcome = await Sentry.withIsolationScope(async () =>
    consume(await l0({ ...options, monitoring: { enabled: true }, interceptors: [sentry] })),
  );
  await report(`${title} (interceptor) -> ${outcome}`);
}

const wrapped = await Sentry.withIsolationScope(async () => {
  const result = await withSentry({ hub: Sentry, tags: { model: "mock-gpt" } }, () =>
    l0({ stream: mockStreamFactory([["Wrapped", " call"]]), monitoring: { enabled: true } }),
  );
  return consume(result);
});
await report(`clean call (withSentry) -> ${wrapped}`);
await Sentry.close(2000);

/** Prints what Sentry received since the last report. */
async function report(title) {
  await Sentry.flush(2000);
  console.log(`\n=== ${title}`);
  const spans = [];
  for (const [, items] of envelopes.splice(0)) {
    for (const [header, payload] of items) {
      if (header.type === "event") printEvent(payload);
      if (header.type === "span") spans.push(...payload.items.map(streamedSpan));
      if (header.type === "transaction") spans.push(...transactionSpans(payload));
    }
  }
  printSpans(spans);
}

/** A streamed span item (11's default), with its attribute values unwrapped. */
function streamedSpan(item) {
  const data = Object.fromEntries(Object.entries(item.attributes ?? {}).map(([key, attribute]) => [key, attribute.value]));
  const { span_id, parent_span_id, start_timestamp, end_timestamp, status, name } = item;
  return { name, span_id, parent_span_id, start_timestamp, end_timestamp, status, data };
}

/** The root span and child spans of a transaction event (10, or 11 with `traceLifecycle: "static"`). */
function transactionSpans(tx) {
  const trace = tx.contexts.trace;
  const root = {
    name: tx.transaction,
    span_id: trace.span_id,
    parent_span_id: trace.parent_span_id,
    start_timestamp: tx.start_timestamp,
    end_timestamp: tx.timestamp,
    status: trace.status,
    data: trace.data ?? {},
  };
  const children = (tx.spans ?? []).map((s) => ({
    name: s.description,
    span_id: s.span_id,
    parent_span_id: s.parent_span_id,
    start_timestamp: s.start_timestamp,
    end_timestamp: s.timestamp,
    status: s.status,
    data: s.data ?? {},
  }));
  return [root, ...children];
}

function printEvent(event) {
  const exception = event.exception?.values?.at(-1);
  const title = event.message ?? `${exception.type}: ${exception.value}`;
  console.log(`[${String(event.level).toUpperCase()}] ${title}`);
  const tags = Object.entries(event.tags ?? {}).map(([k, v]) => `${k}=${v}`);
  console.log(`  Tags: ${tags.join(", ")}`);
  for (const crumb of event.breadcrumbs ?? []) console.log(`  Breadcrumb [${crumb.level ?? "info"}] ${crumb.category}: ${crumb.message}`);
  for (const [name, context] of Object.entries(event.contexts ?? {})) {
    if (name.startsWith("l0") || name === "guardrail") console.log(`  Context ${name}: ${JSON.stringify(context)}`);
  }
}

function printSpans(spans) {
  const byParent = new Map();
  for (const span of spans) byParent.set(span.parent_span_id, [...(byParent.get(span.parent_span_id) ?? []), span]);
  const ids = new Set(spans.map((s) => s.span_id));
  const roots = spans.filter((s) => !ids.has(s.parent_span_id));
  const print = (span, depth) => {
    const ms = Math.round((span.end_timestamp - span.start_timestamp) * 1000);
    const data = DATA_KEYS.filter((k) => span.data[k] !== undefined).map((k) => `${k}=${span.data[k]}`);
    const kind = depth === 0 ? "[TRANSACTION] " : `${"    ".repeat(depth - 1)}└── `;
    console.log(`${kind}${span.name} (${ms}ms, ${span.status})${data.length ? `  Data: ${data.join(", ")}` : ""}`);
    for (const child of byParent.get(span.span_id) ?? []) print(child, depth + 1);
  };
  for (const root of roots) print(root, 0);
}
