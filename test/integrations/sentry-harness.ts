/**
 * Real `@sentry/node` with an in-memory transport: what a user would see in Sentry.
 *
 * Runs against the installed major (the dev dependency, 11.x) or, in CI's second Sentry run
 * (`scripts/test-sentry-10.sh`), against 10.x: `L0_SENTRY_MAJOR` names the major that run must
 * have resolved, and loading this file fails when another one was.
 *
 * Envelopes are decoded in both formats: streamed `span` items (11's default
 * `traceLifecycle: "stream"`) and `transaction` items (10, and 11 with `traceLifecycle: "static"`).
 */
import * as Sentry from "@sentry/node";

/** Major version of the `@sentry/node` the tests run against. */
export const SENTRY_MAJOR = Number(Sentry.SDK_VERSION.split(".")[0]);

const expectedMajor = process.env["L0_SENTRY_MAJOR"];
if (expectedMajor !== undefined && expectedMajor !== "" && String(SENTRY_MAJOR) !== expectedMajor) {
  throw new Error(`@sentry/node ${Sentry.SDK_VERSION} was resolved, but this run expects ${expectedMajor}.x (L0_SENTRY_MAJOR)`);
}

/**
 * True when `Sentry.init` makes Sentry the global OTel tracer provider without being asked (10.x);
 * 11.x does so only with `enableOpenTelemetrySetup: true`.
 */
export const SENTRY_IS_OTEL_BY_DEFAULT = SENTRY_MAJOR < 11;

/** A span as Sentry receives it (streamed v2 item or a transaction's span), flattened. */
export interface SeenSpan {
  name: string;
  op: string | undefined;
  spanId: string;
  parentSpanId: string | undefined;
  traceId: string;
  start: number;
  end: number;
  /** As sent: streamed spans say `ok` / `error`, transactions `ok`, `internal_error`, `cancelled`, .... */
  status: string | undefined;
  /** True when `status` is a failure in either format (`cancelled` is not one). */
  failed: boolean;
  /** The envelope item that carried the span. */
  format: "span" | "transaction";
  data: Record<string, unknown>;
}

/** A breadcrumb as Sentry sends it. */
interface SeenBreadcrumb {
  category?: string;
  message?: string;
  level?: string;
  data?: Record<string, unknown>;
}

/** An error, message or transaction event as Sentry receives it. */
export interface SeenEvent {
  message?: string;
  level?: string;
  exception?: { values?: { type?: string; value?: string }[] };
  tags?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  breadcrumbs?: SeenBreadcrumb[];
  type?: string;
  transaction?: string;
  spans?: unknown[];
  start_timestamp?: number;
  timestamp?: number;
}

/** Everything sent. */
export const envelopes: unknown[] = [];

/** Initialises Sentry once for the test file. */
export function initSentry(options: Partial<Sentry.NodeOptions> = {}): void {
  Sentry.init({
    dsn: "https://public@o0.ingest.sentry.io/0",
    tracesSampleRate: 1,
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration()],
    transport: () => ({
      send: async (envelope) => {
        envelopes.push(envelope);
        return {};
      },
      flush: async () => true,
    }),
    ...options,
  });
}

/** Removes what l0 writes to the process-wide isolation scope and the current scope (breadcrumbs, `l0_telemetry`). */
export function clearScopes(): void {
  for (const scope of [Sentry.getIsolationScope(), Sentry.getCurrentScope()]) {
    scope.clearBreadcrumbs();
    scope.setContext("l0_telemetry", null);
  }
}

function flat(attributes: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    out[key] = typeof value === "object" && value !== null && "value" in value ? value.value : value;
  }
  return out;
}

const FAILED = new Set(["error", "internal_error", "unknown_error", "deadline_exceeded", "invalid_argument"]);

function seen(span: Omit<SeenSpan, "failed">): SeenSpan {
  return { ...span, failed: span.status !== undefined && FAILED.has(span.status) };
}

/** Flushes Sentry and returns (then forgets) what was sent. */
export async function drain(): Promise<{ events: SeenEvent[]; spans: SeenSpan[]; transactions: SeenEvent[] }> {
  await Sentry.flush(2000);
  const events: SeenEvent[] = [];
  const spans: SeenSpan[] = [];
  const transactions: SeenEvent[] = [];
  for (const envelope of envelopes.splice(0) as [unknown, [{ type: string }, any][]][]) {
    for (const [header, payload] of envelope[1]) {
      if (header.type === "event") events.push(payload as SeenEvent);
      if (header.type === "span") {
        for (const item of payload.items as any[]) {
          const data = flat(item.attributes);
          spans.push(
            seen({
              name: item.name,
              op: data["sentry.op"] as string | undefined,
              spanId: item.span_id,
              parentSpanId: item.parent_span_id,
              traceId: item.trace_id,
              start: item.start_timestamp,
              end: item.end_timestamp,
              status: item.status,
              format: "span",
              data,
            }),
          );
        }
      }
      if (header.type === "transaction") {
        const tx = payload;
        transactions.push(tx);
        const trace = tx.contexts.trace;
        spans.push(
          seen({
            name: tx.transaction,
            op: trace.op,
            spanId: trace.span_id,
            parentSpanId: trace.parent_span_id,
            traceId: trace.trace_id,
            start: tx.start_timestamp,
            end: tx.timestamp,
            status: trace.status,
            format: "transaction",
            data: trace.data ?? {},
          }),
        );
        for (const s of tx.spans as any[]) {
          spans.push(
            seen({
              name: s.description,
              op: s.op,
              spanId: s.span_id,
              parentSpanId: s.parent_span_id,
              traceId: s.trace_id,
              start: s.start_timestamp,
              end: s.timestamp,
              status: s.status,
              format: "transaction",
              data: s.data ?? {},
            }),
          );
        }
      }
    }
  }
  return { events, spans, transactions };
}

/** A span's data without the keys Sentry and its OTel layer add (`sentry.*`, `otel.*`): what l0 wrote. */
export function ownData(span: SeenSpan): Record<string, unknown> {
  return Object.fromEntries(Object.entries(span.data).filter(([key]) => !key.startsWith("sentry.") && !key.startsWith("otel.")));
}

/** Breadcrumb `category: message` lines of an event. */
export function crumbs(event: SeenEvent): string[] {
  return (event.breadcrumbs ?? []).map((b) => `${b.category}: ${b.message}`);
}

/** l0's breadcrumb lines of an event (categories `l0` and `l0.*`). */
export function l0Crumbs(event: SeenEvent): string[] {
  return crumbs(event).filter((line) => line === "l0" || line.startsWith("l0:") || line.startsWith("l0."));
}

/** l0's breadcrumbs of one clean streamed call, in order. */
export const CLEAN_CALL_CRUMBS = [
  "l0: L0 execution started",
  "l0.stream: Stream started",
  "l0.stream: First token",
  "l0.stream: Stream completed",
  "l0: L0 execution completed",
];

export { Sentry };
