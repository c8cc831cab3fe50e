import type { ComparedRow } from "./harness.mjs";

/** The q-quantile of `values` as a rank statistic: the ceil(q·n)-th smallest value. */
export function trueQuantile(values: number[], q: number): number;
/** Evaluates every dashboard query over the window and compares it with the truth. */
export function compareDashboard(
  prometheus: {
    query(expr: string, timeMs?: number): Promise<{ result: Array<{ metric: Record<string, string>; value?: [number, string] }> }>;
  },
  queries: Array<{ panel: string; refId: string; expr: string }>,
  truth: Map<string, unknown>,
  window: { endMs: number; rangeMs: number; widenMs: number },
): Promise<ComparedRow[]>;
