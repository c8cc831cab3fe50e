/**
 * Real `@sentry/node` with an in-memory transport: what a user would see in Sentry.
 */
import * as Sentry from "@sentry/node";

/** A span as Sentry receives it (streamed v2 item or a static transaction's span), flattened. */
export interface SeenSpan {
  name: string;
  op: string | undefined;
  spanId: string;
  parentSpanId: string | undefined;
  traceId: string;
  start: number;
  end: number;
  status: string | undefined;
  data: Record<string, unknown>;
}

/** An error or message event as Sentry receives it. */
export interface SeenEvent {
  message?: string;
  level?: string;
  exception?: { values?: { type?: string; value?: string }[] };
  tags?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  breadcrumbs?: { category?: string; message?: string; level?: string; data?: Record<string, unknown> }[];
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

function flat(attributes: Record<string, { value: unknown } | unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    out[key] = typeof value === "object" && value !== null && "value" in value ? (value as { value: unknown }).value : value;
  }
  return out;
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
          spans.push({
            name: item.name,
            op: data["sentry.op"] as string | undefined,
            spanId: item.span_id,
            parentSpanId: item.parent_span_id,
            traceId: item.trace_id,
            start: item.start_timestamp,
            end: item.end_timestamp,
            status: item.status,
            data,
          });
        }
      }
      if (header.type === "transaction") {
        const tx = payload as any;
        transactions.push(tx);
        const trace = tx.contexts.trace;
        spans.push({ name: tx.transaction, op: trace.op, spanId: trace.span_id, parentSpanId: trace.parent_span_id, traceId: trace.trace_id, start: tx.start_timestamp, end: tx.timestamp, status: trace.status, data: trace.data ?? {} });
        for (const s of tx.spans as any[]) {
          spans.push({ name: s.description, op: s.op, spanId: s.span_id, parentSpanId: s.parent_span_id, traceId: s.trace_id, start: s.start_timestamp, end: s.timestamp, status: s.status, data: s.data ?? {} });
        }
      }
    }
  }
  return { events, spans, transactions };
}

/** Breadcrumb `category: message` lines of an event. */
export function crumbs(event: SeenEvent): string[] {
  return (event.breadcrumbs ?? []).map((b) => `${b.category}: ${b.message}`);
}

export { Sentry };
