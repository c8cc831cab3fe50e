import type { TraceSummary } from "./harness.mjs";

/** A span of a trace read from Jaeger (scripts/lib/jaeger-traces.mjs). */
export interface TraceSpan {
  id: string;
  name: string;
  parentId?: string | undefined;
  kind: string;
  attributes: Record<string, unknown>;
  children: TraceSpan[];
  startTime: number;
  duration: number;
}

/** The call a trace is checked against. */
export interface TracedCall {
  sessionId: string;
  attempts: number;
  scenario: string;
  model: string;
  usage?: { input: number; output: number } | undefined;
}

/** Failure messages about the operation span of `call` and its attempt spans (none when they are right). */
export function checkOperation(op: TraceSpan, trace: { spans: Map<string, TraceSpan> }, call: TracedCall): string[];

/** Checks every call's trace in Jaeger's query API. */
export function checkTraces(options: { queryUrl: string; service: string; calls: TracedCall[]; timeoutMs?: number }): Promise<TraceSummary>;
